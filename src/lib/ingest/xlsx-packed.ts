// Rows of cells as they cross from the .xlsx reader's worker to the thread that loads them
// (xlsx-worker.ts → xlsx-thread.ts). Copying a million cell objects between threads (structured
// clone) would cost the loading thread what the worker saves it, so a batch of rows is one string
// (the texts of its text cells, end to end) and one Uint32Array, moved without a copy: per row its
// index and cell count, per cell its column and where its text ends. The few other cells (numbers,
// dates, booleans, errors, stubs, formula results) are sent as the objects they are, so every cell
// arrives exactly as the reader made it. The sheet parser packs text cells as it reads them
// (xlsx-sheet.ts), without making an object for each.
import type { Cell, SheetRow } from './workbook.ts';

export interface PackedRows {
  text: string;
  /**
   * r, n, then n × (column, end of its text in `text`); a column with OTHER set: `others[end]`;
   * with SHARED set: shared string number `end` (a worker that leaves the shared strings to the
   * loading thread), SHARED | FORMULA the same with a formula
   */
  meta: Uint32Array;
  others: Cell[];
  /** the workbook's shared strings, set by the loading thread once it has them (never sent) */
  strings?: string[];
}

const OTHER = 0x8000_0000;
const SHARED = 0x4000_0000;
const FORMULA = 0x2000_0000;
const COLUMN = 0x1fff_ffff;

/** The cell a packed shared-string reference stands for ({ t: 's', v }, with f: '' under a formula). */
function sharedCell(col: number, x: number, strings: string[] | undefined): Cell {
  const v = strings?.[x];
  if (v === undefined) throw new Error(`shared string ${x} does not exist`);
  return (col & FORMULA ? { t: 's', v, f: '' } : { t: 's', v }) as Cell;
}

/** The highest shared string number a batch refers to (-1: none), to check it before reading the batch. */
export function highestShared({ meta }: PackedRows): number {
  let max = -1;
  for (let p = 0; p < meta.length; ) {
    const n = meta[p + 1]!;
    p += 2;
    for (let i = 0; i < n; i++, p += 2) if (meta[p]! & SHARED && meta[p + 1]! > max) max = meta[p + 1]!;
  }
  return max;
}

/** A text cell as the reader makes it ({ t: 's', v }): the only kind packed as text. */
const plainText = (c: Cell): c is Cell & { v: string } =>
  c.t === 's' && typeof c.v === 'string' && c.f === undefined && c.z === undefined && c.w === undefined && Object.keys(c).length === 2;

/**
 * Rows packed as they are read: text() and cell() for the cells of a row, then endRow(). Every
 * `batchRows` rows the batch is sealed into `ready` (at a row's end, so a row is never split).
 */
export class RowPacker {
  private meta = new Uint32Array(1 << 14);
  private p = 0;
  /** where the current row's r and n go, -1 before its first cell */
  private rowAt = -1;
  private n = 0;
  private parts: string[] = [];
  private end = 0;
  private others: Cell[] = [];
  private rows = 0;
  /** sealed batches, for the caller to take */
  readonly ready: PackedRows[] = [];
  /** the index of the last row packed (-1: none yet) */
  lastRow = -1;
  private readonly batchRows: number;
  constructor(batchRows = Infinity) {
    this.batchRows = batchRows;
  }

  /** a text cell ({ t: 's', v: s }) */
  text(col: number, s: string): void {
    this.room();
    this.parts.push(s);
    this.end += s.length;
    this.meta[this.p++] = col;
    this.meta[this.p++] = this.end;
    this.n++;
  }

  /** a shared-string cell by its number (`formula`: the cell has a formula), for a reader without the strings */
  shared(col: number, x: number, formula = false): void {
    this.room();
    this.meta[this.p++] = (col | SHARED | (formula ? FORMULA : 0)) >>> 0;
    this.meta[this.p++] = x;
    this.n++;
  }

  cell(col: number, c: Cell): void {
    if (plainText(c)) return this.text(col, c.v);
    this.room();
    this.meta[this.p++] = (col | OTHER) >>> 0;
    this.meta[this.p++] = this.others.length;
    this.others.push(c);
    this.n++;
  }

  /** A row without a cell is no row, as for the reader (xlsx-sheet.ts). */
  endRow(r: number): void {
    if (this.rowAt < 0) return;
    this.lastRow = r;
    this.meta[this.rowAt] = r;
    this.meta[this.rowAt + 1] = this.n;
    this.rowAt = -1;
    this.n = 0;
    if (++this.rows >= this.batchRows) this.seal();
  }

  private rowParts = 0;
  private rowEnd = 0;
  private rowOthers = 0;

  /** Drops the row being packed (a read stopped inside it: the first rows only). */
  dropRow(): void {
    if (this.rowAt < 0) return;
    this.p = this.rowAt;
    this.parts.length = this.rowParts;
    this.end = this.rowEnd;
    this.others.length = this.rowOthers;
    this.rowAt = -1;
    this.n = 0;
  }

  /** The rows packed since the last seal, as a batch in `ready` (none when there are none). */
  seal(): void {
    if (this.rowAt >= 0) throw new Error('internal: a row is being packed');
    if (this.rows === 0) return;
    this.ready.push({ text: this.parts.join(''), meta: this.meta.slice(0, this.p), others: this.others });
    this.p = 0;
    this.parts = [];
    this.end = 0;
    this.others = [];
    this.rows = 0;
  }

  /** Room for a cell, and for the row's r and n when it is the row's first. */
  private room(): void {
    if (this.p + 4 > this.meta.length) {
      const bigger = new Uint32Array(this.meta.length * 2);
      bigger.set(this.meta);
      this.meta = bigger;
    }
    if (this.rowAt < 0) {
      this.rowAt = this.p;
      this.p += 2;
      this.rowParts = this.parts.length;
      this.rowEnd = this.end;
      this.rowOthers = this.others.length;
    }
  }
}

export function packRows(rows: SheetRow[]): PackedRows {
  const packer = new RowPacker();
  for (const { r, cells } of rows) {
    // null and a hole are both "no cell" to every reader of a row (workbook.ts)
    for (let c = 0; c < cells.length; c++) if (cells[c] !== undefined && cells[c] !== null) packer.cell(c, cells[c]!);
    packer.endRow(r);
  }
  packer.seal();
  return packer.ready[0] ?? { text: '', meta: new Uint32Array(0), others: [] };
}

/** The rows of a batch, cells at their columns (holes where the sheet has none), as they were packed. */
export function unpackRows(batch: PackedRows): SheetRow[] {
  const rows: SheetRow[] = [];
  const cur = new PackedCursor(batch);
  while (cur.next()) rows.push({ r: cur.r, cells: cur.cells() });
  return rows;
}

/**
 * The rows of a batch one at a time, for a loader that takes text cells as text (load-workbook.ts):
 * `next()` moves to a row; `plain` says all its cells are text (shared strings included, no formula):
 * their columns in `cols`, their texts in `texts`, no object made; `cells()` unpacks the row.
 */
export class PackedCursor {
  private readonly source: string;
  private readonly meta: Uint32Array;
  private readonly others: Cell[];
  private readonly strings: string[] | undefined;
  private p = 0;
  private ends = 0;
  r = -1;
  n = 0;
  plain = true;
  /** column of each cell of the row (first n entries) */
  readonly cols: number[] = [];
  /** text of each text cell of the row (others: undefined) */
  readonly texts: (string | undefined)[] = [];
  /** the row's cells that are not text, by position */
  private readonly objects: (Cell | undefined)[] = [];
  constructor({ text, meta, others, strings }: PackedRows) {
    this.source = text;
    this.meta = meta;
    this.others = others;
    this.strings = strings;
  }

  next(): boolean {
    const meta = this.meta;
    if (this.p >= meta.length) return false;
    this.r = meta[this.p]!;
    const n = (this.n = meta[this.p + 1]!);
    let p = this.p + 2;
    this.p = p + 2 * n;
    this.plain = true;
    for (let i = 0; i < n; i++, p += 2) {
      const col = meta[p]!;
      const x = meta[p + 1]!;
      this.cols[i] = col & COLUMN;
      if (col & OTHER) {
        this.plain = false;
        this.texts[i] = undefined;
        this.objects[i] = this.others[x]!;
      } else if (col & SHARED) {
        if (col & FORMULA) {
          this.plain = false;
          this.texts[i] = undefined;
          this.objects[i] = sharedCell(col, x, this.strings);
        } else {
          this.objects[i] = undefined;
          this.texts[i] = this.strings?.[x];
          if (this.texts[i] === undefined) sharedCell(col, x, this.strings); // throws
        }
      } else {
        this.objects[i] = undefined;
        this.texts[i] = this.source.slice(this.ends, x);
        this.ends = x;
      }
    }
    return true;
  }

  cells(): (Cell | null | undefined)[] {
    const cells: (Cell | null | undefined)[] = [];
    for (let i = 0; i < this.n; i++) cells[this.cols[i]!] = this.objects[i] ?? { t: 's', v: this.texts[i]! };
    return cells;
  }
}
