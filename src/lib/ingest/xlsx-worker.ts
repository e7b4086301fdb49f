// The .xlsx reader (xlsx-stream.ts) in a worker thread, so that inflating and parsing a sheet runs on
// one core while the loading thread appends the rows to DuckDB on another (xlsx-thread.ts is the
// other side). It loads the reader only (no SheetJS, no data contract), then waits to be given a file
// (it may be started ahead of need, while the ingest inspects the file and opens the warehouse).
//   ← { type: 'open', path, headRows }
//   → { type: 'book', date1904, sheets: [{ name, hidden, head, error? }], ahead }   (head: a visible sheet's first rows)
//   → then, unasked, read 0 of the first visible sheet with cells (`ahead` in 'book'), up to AHEAD batches
//   ← { type: 'rows', sheet, id }  → { type: 'batch', id, rows } … { type: 'end', id, merges } or { type: 'error', id, … }
//   ← { type: 'ack', id } after each batch: at most IN_FLIGHT batches wait, so memory stays bounded
//   → { type: 'none' } (not an OOXML workbook), { type: 'damaged', message }
// A new request ends the one before (the loader stopped reading it).
import { parentPort } from 'node:worker_threads';
import { readXlsxStreaming } from './xlsx-stream.ts';
import { RefusedFile } from './refused.ts';
import { packRows, type PackedRows } from './xlsx-packed.ts';
import type { Workbook } from './workbook.ts';

/** Rows per batch and batches sent ahead of the loader: a few hundred KB each way. */
const BATCH_ROWS = 1000;
const IN_FLIGHT = 4;
/**
 * Batches read ahead before the loader asks (read 0): with the shared strings left to the loading
 * thread a batch of 1,000 member rows is about 100 KB (numbers, not text), so 128 is ~13 MB.
 */
const AHEAD = 128;

const port = parentPort!;

let file: { path: string; headRows: number } | null = null;
let current = 0;
let credit = 0;
let request: { sheet: number; id: number } | null = null;
let wake: (() => void) | null = null;
type Request = { type: 'open'; path: string; headRows: number } | { type: 'ack'; id: number } | { type: 'rows'; sheet: number; id: number };
port.on('message', (m: Request) => {
  if (m.type === 'open') file = m;
  else if (m.type === 'ack') {
    if (m.id === current) credit++;
  } else request = m;
  wake?.();
  wake = null;
});
const until = async (ready: () => boolean) => {
  while (!ready()) await new Promise<void>((r) => (wake = r));
};

/** What went wrong, for the loading thread to throw again (a RefusedFile keeps its two messages). */
const failure = (e: unknown) => ({ message: (e as Error).message, refused: e instanceof RefusedFile ? { zh: e.zh, en: e.en } : undefined });

async function stream(wb: Workbook, sheetIndex: number, id: number): Promise<void> {
  const sheet = wb.sheets[sheetIndex]!;
  try {
    for await (const rows of sheet.packed!(BATCH_ROWS)) {
      await until(() => credit > 0 || request !== null);
      if (request) return; // the loader asked for something else: this read is over
      credit--;
      port.postMessage({ type: 'batch', id, rows }, [rows.meta.buffer as ArrayBuffer]);
    }
    port.postMessage({ type: 'end', id, merges: sheet.merges() });
  } catch (e) {
    port.postMessage({ type: 'error', id, ...failure(e) });
  }
}

async function serve(wb: Workbook): Promise<void> {
  const sheets = [];
  for (const s of wb.sheets) {
    let head: PackedRows | null = null;
    let error: ReturnType<typeof failure> | undefined;
    if (!s.hidden) {
      try {
        // text cells by their shared string numbers, as the rows below (the loading thread has the strings)
        const batches: PackedRows[] = [];
        for await (const b of s.packed!(Infinity, file!.headRows)) batches.push(b);
        head = batches[0] ?? packRows([]);
      } catch (e) {
        error = failure(e);
      }
    }
    sheets.push({ name: s.name, hidden: s.hidden, head, error });
  }
  // Read ahead: the first visible sheet with cells (a register's only one, as a rule) is streamed at
  // once as read 0, up to AHEAD batches, while the loading thread opens the warehouse and reads the
  // shared strings; it takes read 0 if it wants that sheet (xlsx-thread.ts), or asks for another.
  const ahead = sheets.findIndex((s) => s.head && s.head.meta.length > 0);
  port.postMessage({ type: 'book', date1904: wb.date1904, sheets, ahead });
  if (ahead >= 0 && request === null) request = { sheet: ahead, id: 0 };
  for (;;) {
    await until(() => request !== null);
    const { sheet, id } = request!;
    request = null;
    current = id;
    credit = id === 0 ? AHEAD : IN_FLIGHT;
    await stream(wb, sheet, id);
  }
}

// The loading thread ends this worker (terminate) once it has what it wants, or on an error.
await until(() => file !== null);
let wb: Workbook | null | undefined;
try {
  // the shared strings are the loading thread's to read, meanwhile (xlsx-thread.ts): this one parses the sheet
  wb = await readXlsxStreaming(file!.path, { deferStrings: true });
} catch (e) {
  port.postMessage({ type: 'damaged', message: (e as Error).message });
}
if (wb) await serve(wb);
else if (wb === null) port.postMessage({ type: 'none' });
