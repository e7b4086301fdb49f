// A render worker: receives report inputs, composes the document, renders it in each format asked
// (PDF, Word) and writes the files. Everything CPU-heavy (layout, chart SVG, font subsetting) happens here, off the
// main thread, which only reads the warehouse and hands out work.
import { parentPort } from 'node:worker_threads';
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { renderSummary } from '../summary/index.ts';
import type { RenderedFile, RenderJob, RenderResult } from './pool.ts';

if (!parentPort) throw new Error('reports/batch/worker.ts must run as a worker thread');
const port = parentPort;

port.on('message', async (job: RenderJob) => {
  const started = performance.now();
  try {
    const files: RenderedFile[] = [];
    for (const { format, out } of job.outputs) {
      const t = performance.now();
      const { bytes, pages } = await renderSummary(job.input, { format, narrative: job.narrative });
      mkdirSync(dirname(out), { recursive: true });
      writeFileSync(out, bytes);
      files.push({ format, out, pages, bytes: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex'), ms: performance.now() - t });
    }
    const result: RenderResult = { id: job.id, ok: true, files, ms: performance.now() - started };
    port.postMessage(result);
  } catch (e) {
    port.postMessage({ id: job.id, ok: false, error: e instanceof Error ? (e.stack ?? e.message) : String(e) });
  }
});
