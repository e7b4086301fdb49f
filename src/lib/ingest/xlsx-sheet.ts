// One worksheet part of an .xlsx, parsed as it streams: rows of SheetJS-shaped cells (t, v, z, f), the
// same cells SheetJS's parse_ws_xml_data makes with our READ_OPTIONS (dense, cellNF, cellFormula,
// sheetStubs, no text), so that load-workbook.ts sees one kind of cell whoever read the file. The
// merged ranges follow the cells in the XML (<mergeCells> after <sheetData>); they are collected
// as the stream ends.
import type * as XLSX from '@e965/xlsx';
import { attr, decodeXml, type XmlHandler } from './xml-stream.ts';
import type { Cell, SheetRow } from './workbook.ts';
import type { RowPacker } from './xlsx-packed.ts';

export interface SheetContext {
  /** null: left to the loading thread, which reads them meanwhile (xlsx-thread.ts); cells carry their numbers */
  strings: string[] | null;
  /** number format (SheetJS's z) of each cellXfs index, NO_FORMAT when SheetJS has none for its id */
  formats: string[];
  date1904: boolean;
  errorCode: (text: string) => number | undefined;
}

const ROW = 1, CELL = 2, V = 3, F = 4, IS_T = 5;

/** Column index of a reference such as "AB12" (27); -1 when it has no letters. */
function columnOf(ref: string): number {
  let c = 0;
  let i = 0;
  for (; i < ref.length; i++) {
    const k = ref.charCodeAt(i) - 64;
    if (k < 1 || k > 26) break;
    c = c * 26 + k;
  }
  return i === 0 ? -1 : c - 1;
}

function rangeOf(ref: string): XLSX.Range | undefined {
  const m = /^\$?([A-Z]+)\$?(\d+)(?::\$?([A-Z]+)\$?(\d+))?$/.exec(ref.trim());
  if (!m) return undefined;
  const s = { c: columnOf(m[1]!), r: Number(m[2]) - 1 };
  const e = m[3] ? { c: columnOf(m[3]), r: Number(m[4]) - 1 } : s;
  return { s, e };
}

/** Days from 1899-12-30 (1900 system) to an ISO date written in a t="d" cell. */
function isoToSerial(v: string, date1904: boolean): number {
  const ms = Date.parse(/[zZ]|[+-]\d\d:?\d\d$/.test(v) || v.length <= 10 ? v : `${v}Z`);
  return ms / 86_400_000 + 25569 - (date1904 ? 1462 : 0);
}

export class SheetParser implements XmlHandler {
  /** Rows finished since the caller last took them. */
  done: SheetRow[] = [];
  readonly merges: XLSX.Range[] = [];
  private inData = false;
  private state = 0;
  private rowIndex = -1;
  private col = -1;
  private cells: (Cell | undefined)[] = [];
  private t: string | undefined;
  private s: string | undefined;
  private v: string | undefined;
  private f = false;
  private fShared = false;
  private acc = '';
  private inIs = false;
  private isText: string | null = null;
  private rph = 0;

  private readonly ctx: SheetContext;
  /** When given, rows are packed into it as they are read (for another thread), not collected in `done`. */
  private readonly packer: RowPacker | undefined;
  constructor(ctx: SheetContext, packer?: RowPacker) {
    this.ctx = ctx;
    this.packer = packer;
  }

  open(name: string, attrs: string, self: boolean): void {
    switch (name) {
      case 'c':
        if (this.state !== ROW) return;
        {
          const ref = attr(attrs, 'r');
          const c = ref ? columnOf(ref) : -1;
          this.col = c >= 0 ? c : this.col + 1;
          // Excel's own limits: beyond them the file is not a sheet Excel wrote (nor one to fill a table with blank rows for)
          if (this.col >= 16_384 || this.rowIndex >= 1_048_576 || this.rowIndex < 0) throw new Error(`cell ${ref ?? ''} outside the sheet (row ${this.rowIndex + 1})`);
        }
        this.t = attr(attrs, 't');
        this.s = attr(attrs, 's');
        this.v = undefined;
        this.f = false;
        this.isText = null;
        if (self) this.endCell();
        else this.state = CELL;
        return;
      case 'v':
        if (this.state === CELL && !self) { this.state = V; this.acc = ''; }
        return;
      case 'f':
        if (this.state !== CELL) return;
        this.fShared = attr(attrs, 't') === 'shared';
        // <f t="shared" si="0"/>: the shared formula of an earlier cell applies here
        if (self) this.f ||= this.fShared;
        else { this.state = F; this.acc = ''; }
        return;
      case 'is':
        if (this.state === CELL && !self) { this.inIs = true; this.isText = ''; }
        return;
      case 'rPh': // phonetic guide (furigana) runs: not part of the text, as SheetJS
        if (this.inIs && !self) this.rph++;
        return;
      case 't':
        if (this.inIs && this.rph === 0 && !self) { this.state = IS_T; this.acc = ''; }
        return;
      case 'row':
        if (!this.inData) return;
        {
          const r = attr(attrs, 'r');
          this.rowIndex = r ? parseInt(r, 10) - 1 : this.rowIndex + 1;
        }
        this.col = -1;
        this.cells = [];
        if (!self) this.state = ROW;
        return;
      case 'sheetData':
        this.inData = !self;
        return;
      case 'mergeCell': {
        const ref = attr(attrs, 'ref');
        const range = ref ? rangeOf(ref) : undefined;
        if (range) this.merges.push(range);
        return;
      }
    }
  }

  close(name: string): void {
    switch (name) {
      case 'v':
        if (this.state === V) { this.v = this.acc; this.state = CELL; }
        return;
      case 'f':
        if (this.state === F) { this.f ||= this.acc !== '' || this.fShared; this.state = CELL; }
        return;
      case 't':
        if (this.state === IS_T) { this.isText += this.acc; this.state = CELL; }
        return;
      case 'rPh':
        if (this.rph) this.rph--;
        return;
      case 'is':
        this.inIs = false;
        return;
      case 'c':
        if (this.state === CELL) { this.endCell(); this.state = ROW; }
        return;
      case 'row':
        if (this.state === ROW) {
          if (this.packer) this.packer.endRow(this.rowIndex);
          else if (this.cells.length) this.done.push({ r: this.rowIndex, cells: this.cells });
          this.state = 0;
        }
        return;
      case 'sheetData':
        this.inData = false;
        return;
    }
  }

  /** Kept raw and decoded once the cell is complete (CDATA re-escaped so that decoding restores it). */
  text(raw: string, cdata: boolean): void {
    if (this.state >= V) this.acc += cdata ? raw.replace(/&/g, '&amp;') : raw;
  }

  /** SheetJS's rules, in its order (parse_ws_xml_data), for the cell just read. */
  private endCell(): void {
    const v = this.v === '' ? undefined : this.v;
    const t = this.t || undefined;
    let cell: Cell;
    // A stub, or a formula never computed (SheetJS gives the latter v 0 on its way to 'z')
    if ((t === undefined || t === 'n') && v === undefined) cell = t === undefined && this.f ? { t: 'z', v: 0 } as unknown as Cell : { t: 'z' };
    else
      switch (t ?? 'n') {
        case 'n':
          cell = { t: 'n', v: parseFloat(decodeXml(v!)) };
          break;
        case 's': {
          if (v === undefined) { cell = { t: 'z' }; break; }
          if (this.ctx.strings === null) {
            if (!this.packer) throw new Error('internal: shared strings left to the loading thread need a packer');
            const x = parseInt(v, 10);
            if (!(x >= 0 && x < 0xffff_ffff)) throw new Error(`shared string ${v} does not exist`);
            return this.packer.shared(this.col, x, !!this.f);
          }
          const str = this.ctx.strings[parseInt(v, 10)];
          if (str === undefined) throw new Error(`shared string ${v} does not exist`);
          // most cells of a register: packed as text, no object made ({ t: 's', v } without a formula)
          if (this.packer && !this.f) return this.packer.text(this.col, str);
          cell = { t: 's', v: str };
          break;
        }
        case 'str': // a formula's text result
          cell = { t: 's', v: v === undefined ? '' : decodeXml(v, true) };
          break;
        case 'inlineStr':
          cell = { t: 's', v: this.isText === null ? '' : decodeXml(this.isText, true) };
          break;
        case 'b':
          cell = { t: 'b', v: v === '1' || v === 'true' };
          break;
        case 'd': // an ISO date cell: a serial number, as SheetJS without cellDates
          cell = { t: 'n', v: v === undefined ? NaN : isoToSerial(v, this.ctx.date1904) };
          break;
        case 'e':
          cell = { t: 'e', v: v === undefined ? undefined : this.ctx.errorCode(decodeXml(v)) } as Cell;
          break;
        default:
          cell = { t, v } as unknown as Cell;
      }
    // Only that there is a formula matters (a formula without a value refuses the file), not its text.
    if (this.f) cell.f = '';
    if (cell.t === 'n') {
      const z = this.s === undefined ? 'General' : this.ctx.formats[parseInt(this.s, 10)] ?? 'General';
      if (z !== NO_FORMAT) cell.z = z;
    }
    if (this.packer) this.packer.cell(this.col, cell);
    else this.cells[this.col] = cell;
  }
}

/** A cellXfs entry whose numFmtId is not in SheetJS's table: its z stays undefined, as in SheetJS. */
export const NO_FORMAT = '\u0000none';
