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
  /** r, n, then n × (column, end of its text in `text`); a column with OTHER set: `others[end]` */
  meta: Uint32Array;
  others: Cell[];
}

const OTHER = 0x8000_0000;

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
    this.meta[this.rowAt] = r;
    this.meta[this.rowAt + 1] = this.n;
    this.rowAt = -1;
    this.n = 0;
    if (++this.rows >= this.batchRows) this.seal();
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
export function unpackRows({ text, meta, others }: PackedRows): SheetRow[] {
  const rows: SheetRow[] = [];
  let p = 0;
  let start = 0;
  while (p < meta.length) {
    const r = meta[p++]!;
    const n = meta[p++]!;
    const cells: (Cell | null | undefined)[] = [];
    for (let i = 0; i < n; i++) {
      const col = meta[p++]!;
      const x = meta[p++]!;
      if (col & OTHER) cells[(col & ~OTHER) >>> 0] = others[x]!;
      else {
        cells[col] = { t: 's', v: text.slice(start, x) };
        start = x;
      }
    }
    rows.push({ r, cells });
  }
  return rows;
}

/**
 * The rows of a batch one at a time, for a loader that takes text cells as text (load-workbook.ts):
 * `next()` moves to a row; `plain` says all its cells are text (their columns and texts through
 * `col(i)`, `text(i)`, no object made); `cells()` unpacks the row as unpackRows would.
 */
export class PackedCursor {
  readonly source: string;
  private readonly meta: Uint32Array;
  private readonly others: Cell[];
  private p = 0;
  /** meta index of the current row's first cell, and where its first text starts */
  private at = 0;
  private start = 0;
  private ends = 0;
  r = -1;
  n = 0;
  plain = true;
  constructor({ text, meta, others }: PackedRows) {
    this.source = text;
    this.meta = meta;
    this.others = others;
  }

  next(): boolean {
    this.start = this.ends;
    if (this.p >= this.meta.length) return false;
    this.r = this.meta[this.p]!;
    this.n = this.meta[this.p + 1]!;
    this.at = this.p + 2;
    this.p = this.at + 2 * this.n;
    this.plain = true;
    for (let i = 0; i < this.n; i++) {
      const col = this.meta[this.at + 2 * i]!;
      if (col & OTHER) this.plain = false;
      else this.ends = this.meta[this.at + 2 * i + 1]!;
    }
    return true;
  }

  /** Column of the row's i-th cell (plain rows). */
  col(i: number): number {
    return this.meta[this.at + 2 * i]!;
  }

  /** Where the row's i-th text ends in `source` (plain rows: text i is source[end(i-1), end(i))). */
  end(i: number): number {
    return this.meta[this.at + 2 * i + 1]!;
  }

  /** Where the row's first text starts in `source`. */
  get textStart(): number {
    return this.start;
  }

  cells(): (Cell | null | undefined)[] {
    const cells: (Cell | null | undefined)[] = [];
    let start = this.start;
    for (let i = 0; i < this.n; i++) {
      const col = this.meta[this.at + 2 * i]!;
      const x = this.meta[this.at + 2 * i + 1]!;
      if (col & OTHER) cells[(col & ~OTHER) >>> 0] = this.others[x]!;
      else {
        cells[col] = { t: 's', v: this.source.slice(start, x) };
        start = x;
      }
    }
    return cells;
  }
}
