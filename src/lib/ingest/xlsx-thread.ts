// The .xlsx reader run in a worker thread (xlsx-worker.ts), seen from the loading thread as the same
// Workbook the reader gives in-thread: the worker inflates and parses the sheet on one core while this
// thread appends the rows to DuckDB on the other (load-workbook.ts). Rows come in packed batches
// (xlsx-packed.ts), acknowledged as they are taken, so at most a few batches wait in memory. The
// worker's heap (the shared strings, the parser's garbage) goes with it when the workbook is closed.
import { Worker } from 'node:worker_threads';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type * as XLSX from '@e965/xlsx';
import { RefusedFile } from './refused.ts';
import { highestShared, unpackRows, type PackedRows } from './xlsx-packed.ts';
import { MAX_XLSX_BYTES, readSharedStrings } from './xlsx-stream.ts';
import type { Cell, Sheet, Workbook } from './workbook.ts';

const YOUNG_MB = 8;

interface Failure { message: string; refused?: { zh: string; en: string } }
type Message =
  | { type: 'book'; date1904: boolean; sheets: { name: string; hidden: boolean; head: PackedRows | null; error?: Failure }[]; ahead: number }
  | { type: 'batch'; id: number; rows: PackedRows }
  | { type: 'end'; id: number; merges: XLSX.Range[] }
  | ({ type: 'error'; id: number } & Failure)
  | { type: 'none' }
  | ({ type: 'damaged' | 'crash' } & Failure);

/** The worker script, found from wherever this module was bundled to (src/ or dist/server/chunks/). */
function workerFile(): string {
  const beside = join(dirname(fileURLToPath(import.meta.url)), 'xlsx-worker.ts');
  if (existsSync(beside)) return beside;
  for (let dir = dirname(fileURLToPath(import.meta.url)); ; dir = dirname(dir)) {
    const p = join(dir, 'src/lib/ingest/xlsx-worker.ts');
    if (existsSync(p)) return p;
    if (dirname(dir) === dir) throw new Error('internal: src/lib/ingest/xlsx-worker.ts not found');
  }
}

/**
 * A worker started ahead of need, waiting for its file (an unreferenced thread: it never keeps the
 * process alive). Starting one costs about a tenth of a second (a thread, the reader's modules): the
 * ingest starts it while it inspects the file and opens the warehouse (readWorkbook takes it).
 */
let spare: Worker | null = null;

function startWorker(): Worker {
  // A small young generation (V8 sizes a worker's like the main thread's, tens of MB): the parser's
  // garbage is short-lived strings, which a small one collects as well, in cache. Measured on the
  // 100,000-row members workbook: the worker's CPU 2.2 → 1.6 s, peak RSS of the read 380 → 275 MB,
  // and 100 MB less kept after the worker ends.
  const w = new Worker(workerFile(), { resourceLimits: { maxYoungGenerationSizeMb: YOUNG_MB } });
  w.unref();
  const idle = () => {
    if (spare === w) spare = null;
  };
  w.once('error', idle).once('exit', idle);
  return w;
}

/** A worker given its file: what it has sent so far, waiting to be taken. */
interface Session {
  worker: Worker;
  path: string;
  headRows: number;
  /** the shared strings, read by this thread while the worker parses the sheet (settled: never an unhandled rejection) */
  strings: Promise<{ strings: string[] } | { error: unknown }>;
  next: () => Promise<Message>;
  close: () => Promise<void>;
  closed: () => boolean;
}

function open(worker: Worker, path: string, headRows: number): Session {
  worker.postMessage({ type: 'open', path, headRows });
  // Both cores at once: the worker parses the sheet while this thread, otherwise waiting for the
  // warehouse to open, reads the shared strings (about 40% of the read of the members workbook).
  const strings = readSharedStrings(path).then((s) => ({ strings: s }), (error: unknown) => ({ error }));
  const inbox: Message[] = [];
  let wake: (() => void) | null = null;
  let closed = false;
  const deliver = (m: Message) => {
    inbox.push(m);
    wake?.();
    wake = null;
  };
  worker.on('message', deliver);
  worker.on('error', (e) => deliver({ type: 'crash', message: `internal: the .xlsx reader's worker failed: ${e.message}` }));
  worker.on('exit', () => closed || deliver({ type: 'crash', message: "internal: the .xlsx reader's worker stopped" }));
  return {
    worker, path, headRows, strings,
    next: async () => {
      while (!inbox.length) await new Promise<void>((r) => (wake = r));
      return inbox.shift()!;
    },
    close: async () => {
      if (closed) return;
      closed = true;
      await worker.terminate();
    },
    closed: () => closed,
  };
}

/**
 * The workbook read ahead: given its file while the ingest hashes it and opens the warehouse, the
 * worker reads the sheet list, the styles, the shared strings (a third of the read of a
 * 100,000-row register) and the first rows of each sheet meanwhile, then waits to be asked for rows.
 * One at a time; one nobody takes in AHEAD_MS (a file found already loaded) is ended.
 */
let ahead: Session | null = null;
const AHEAD_MS = 30_000;

/**
 * Starts the .xlsx reader's worker now, so that the next read does not wait for it to start; given a
 * file (the next one to be read), it opens it too.
 */
export function warmXlsxReader(file?: { path: string; bytes: number; headRows: number }): void {
  if (file && !ahead && file.bytes <= MAX_XLSX_BYTES) {
    const s = open(spare ?? startWorker(), file.path, file.headRows);
    spare = null;
    ahead = s;
    setTimeout(() => {
      if (ahead !== s) return;
      ahead = null;
      void s.close();
    }, AHEAD_MS).unref();
    return;
  }
  spare ??= startWorker();
}

/** The worker itself failed (not the file): an internal error, never reported as a damaged workbook. */
export class ReaderCrash extends Error {}

const again = (f: Failure) => (f.refused ? new RefusedFile(f.refused.zh, f.refused.en) : new Error(f.message));

/**
 * The workbook, or null when the zip is not an OOXML workbook (.ods, .xlsb: SheetJS reads those).
 * `headRows`: how many first rows of each visible sheet head() may ask for. Close it when done.
 */
export async function readXlsxInWorker(path: string, headRows: number): Promise<Workbook | null> {
  let session = ahead;
  ahead = null;
  if (session && (session.path !== path || session.headRows < headRows)) {
    await session.close(); // another file was read ahead (this one was not inspected first)
    session = null;
  }
  if (!session) {
    session = open(spare ?? startWorker(), path, headRows);
    spare = null;
  }
  const { worker, next, close, closed, strings: read } = session;
  worker.ref(); // this read waits on it

  const first = await next();
  if (first.type !== 'book') {
    await close();
    if (first.type === 'none') return null;
    if (first.type === 'crash') throw new ReaderCrash(first.message);
    throw again(first as Failure);
  }
  const got = await read;
  if ('error' in got) {
    await close();
    throw got.error; // readWorkbook: a damaged workbook
  }
  const strings = got.strings;
  let reads = 0;
  let aheadTaken = false;
  const sheets = first.sheets.map((s, i): Sheet => {
    /** the batch with the strings its text cells refer to, every one of which exists */
    const withStrings = (b: PackedRows): PackedRows => {
      const x = highestShared(b);
      if (x >= strings.length)
        throw new RefusedFile(
          `无法读取工作表“${s.name}”，文件可能已损坏：shared string ${x} does not exist`,
          `Cannot read sheet "${s.name}" (damaged file?): shared string ${x} does not exist`,
        );
      b.strings = strings;
      return b;
    };
    let merges: XLSX.Range[] = [];
    return {
      name: s.name,
      hidden: s.hidden,
      async head(n) {
        if (s.error) throw again(s.error);
        if (!s.head || n > headRows) throw new Error(`internal: the first ${n} rows of sheet "${s.name}" were not read`);
        const out: (Cell | null | undefined)[][] = [];
        for (const row of unpackRows(withStrings(s.head))) if (row.r < n) out[row.r] = row.cells;
        return Array.from(out, (r) => r ?? []);
      },
      // the batches as the worker packed them (the loader reads text cells from them without an
      // object per cell: load-workbook.ts); rows() unpacks them
      async *packed() {
        if (closed()) throw new Error('internal: the workbook is closed');
        // each read has its id: what the worker still sends of a read stopped early is passed over;
        // read 0 is the sheet the worker began reading unasked (the first visible one with cells),
        // taken by the first read when it is that sheet's (any request ends it)
        let id: number;
        if (i === first.ahead && reads === 0 && !aheadTaken) {
          aheadTaken = true;
          id = 0;
        } else {
          aheadTaken = true;
          id = ++reads;
          worker.postMessage({ type: 'rows', sheet: i, id });
        }
        for (;;) {
          const m = await next();
          if ('id' in m && m.id !== id) continue;
          if (m.type === 'batch') {
            worker.postMessage({ type: 'ack', id }); // the worker may read the next batch while these are loaded
            yield withStrings(m.rows);
          } else if (m.type === 'end') {
            merges = m.merges;
            return;
          } else if (m.type === 'crash') throw new ReaderCrash(m.message);
          else throw again(m as Failure);
        }
      },
      async *rows() {
        for await (const batch of this.packed!(0)) yield* unpackRows(batch);
      },
      merges: () => merges,
    };
  });
  return { sheets, date1904: first.date1904, close };
}
