// A render worker: receives report inputs, builds the document with the pure template, renders it
// and writes the file. Everything CPU-heavy (layout, chart SVG, font subsetting) happens here, off the
// main thread, which only reads the warehouse and hands out work.
import { parentPort } from 'node:worker_threads';
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { renderSummary } from '../summary/index.ts';
import type { RenderJob, RenderResult } from './pool.ts';

if (!parentPort) throw new Error('reports/batch/worker.ts must run as a worker thread');
const port = parentPort;

port.on('message', async (job: RenderJob) => {
  const started = performance.now();
  try {
    const { bytes, pages } = await renderSummary(job.input, job.options);
    mkdirSync(dirname(job.out), { recursive: true });
    writeFileSync(job.out, bytes);
    const result: RenderResult = {
      id: job.id,
      ok: true,
      out: job.out,
      pages,
      bytes: bytes.length,
      sha256: createHash('sha256').update(bytes).digest('hex'),
      ms: performance.now() - started,
    };
    port.postMessage(result);
  } catch (e) {
    port.postMessage({ id: job.id, ok: false, error: e instanceof Error ? (e.stack ?? e.message) : String(e) });
  }
});
