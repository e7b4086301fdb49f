// Renders many reports in parallel on worker threads. The caller supplies a loader (warehouse reads
// stay on the main thread, one DuckDB handle); workers build and render. Results come back in job order.
import { Worker } from 'node:worker_threads';
import { availableParallelism } from 'node:os';
import type { SummaryFormat } from '../summary/index.ts';
import type { Narrative } from '../summary/narrative.ts';
import type { SummaryInput } from '../summary/types.ts';

export interface RenderJob {
  id: number;
  input: SummaryInput;
  narrative: Narrative;
  /** One file per format (PDF, Word) of the same document. */
  outputs: { format: SummaryFormat; out: string }[];
}

export interface RenderedFile {
  format: SummaryFormat;
  out: string;
  pages: number | null;
  bytes: number;
  sha256: string;
  ms: number;
}

export type RenderResult =
  | { id: number; ok: true; files: RenderedFile[]; ms: number }
  | { id: number; ok: false; error: string }
  /** The loader had nothing to render (an org without data). */
  | { id: number; ok: null };

export interface PoolOptions {
  /** Worker count; default: one per core. */
  threads?: number;
  /** Called after each finished report (for a progress bar). */
  onDone?: (done: number, total: number, result: RenderResult) => void;
}

/**
 * Runs `total` jobs. `load(i)` produces job i (reads the warehouse) or null to skip it; it is called
 * lazily, so the main thread reads the next org while the workers render.
 */
export async function renderInPool(
  total: number,
  load: (i: number) => Promise<Omit<RenderJob, 'id'> | null>,
  opts: PoolOptions = {},
): Promise<RenderResult[]> {
  const threads = Math.max(1, Math.min(opts.threads ?? availableParallelism(), total));
  const results: RenderResult[] = new Array(total);
  if (total === 0) return results;
  const spawn = () => new Worker(new URL('./worker.ts', import.meta.url));
  const workers = Array.from({ length: threads }, spawn);
  let next = 0;
  let done = 0;
  const finish = (r: RenderResult) => {
    results[r.id] = r;
    opts.onDone?.(++done, total, r);
  };
  /** Claims the next job and reads it; skipped and unreadable jobs are finished right here. */
  const claim = async (): Promise<RenderJob | undefined> => {
    while (next < total) {
      const id = next++;
      try {
        const loaded = await load(id);
        if (loaded) return { id, ...loaded };
        finish({ id, ok: null });
      } catch (e) {
        finish({ id, ok: false, error: e instanceof Error ? e.message : String(e) });
      }
    }
    return undefined;
  };
  try {
    await Promise.all(
      workers.map(async (_, slot) => {
        // Each slot reads its next org while its worker renders the current one.
        let job = await claim();
        while (job) {
          const following = claim();
          try {
            finish(await runOne(workers[slot]!, job));
          } catch (e) {
            // The worker died (out of memory, a native crash): report this one, carry on with a new worker.
            finish({ id: job.id, ok: false, error: e instanceof Error ? e.message : String(e) });
            await workers[slot]!.terminate();
            workers[slot] = spawn();
          }
          job = await following;
        }
      }),
    );
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
  return results;
}

function runOne(worker: Worker, job: RenderJob): Promise<RenderResult> {
  return new Promise((resolve, reject) => {
    const onMessage = (r: RenderResult) => {
      if (r.id !== job.id) return;
      cleanup();
      resolve(r);
    };
    const onError = (e: Error) => {
      cleanup();
      reject(e);
    };
    const onExit = (code: number) => onError(new Error(`render worker exited (code ${code})`));
    const cleanup = () => {
      worker.off('message', onMessage);
      worker.off('error', onError);
      worker.off('exit', onExit);
    };
    worker.on('message', onMessage);
    worker.on('error', onError);
    worker.on('exit', onExit);
    worker.postMessage(job);
  });
}
