// Merged cells in a register's body (所属工会 merged over the rows of one union): Excel keeps the value in
// the top-left cell only, the clerk sees it on every row of the merge. In .xlsx the merges follow the
// cells (<mergeCells> after <sheetData>), so a streamed sheet is filled after its rows are in DuckDB:
// one UPDATE per merged column from a small table of (row, column, top row), and the top cell's
// untrusted-cell issue (an error value, an ID typed as a number) is repeated on every row it fills.
// Merges across columns on one row are headings or wide notes (noise.ts), not one value per column.
import type * as XLSX from '@e965/xlsx';
import type { Db } from '../db/duckdb.ts';
import { rangeName } from './workbook.ts';
import { q, type Note } from './load-raw.ts';

interface Fill { target: number; col: number; source: number }

export interface MergeInput {
  table: string;
  issues: string;
  sheet: string;
  headers: string[];
  /** first data row (0-based) */
  first: number;
  width: number;
  merges: XLSX.Range[];
  /** the row index after the last row appended */
  next: number;
  /** the last row index that has a cell element */
  lastSeen: number;
}

export async function fillMerges(db: Db, m: MergeInput): Promise<{ notes: Note[]; headingRows: number[]; tailUpTo: number; apply: () => Promise<void> }> {
  const notes: Note[] = [];
  const headingRows: number[] = [];
  const fills: Fill[] = [];
  for (const g of m.merges) {
    if (g.s.r < m.first) continue;
    if (g.e.c > g.s.c && g.e.r === g.s.r) {
      if (g.e.c - g.s.c + 1 >= Math.max(2, Math.floor(m.width / 2))) headingRows.push(g.s.r + 1);
      continue; // merged across columns: a heading or a wide note, not one value per column
    }
    if (g.s.c < m.width) for (let r = g.s.r + 1; r <= g.e.r; r++) fills.push({ target: r, col: g.s.c, source: g.s.r });
    const col = m.headers[g.s.c] ?? `列${g.s.c + 1}`;
    notes.push({ kind: 'merged_cells', sheet: m.sheet, row: g.s.r + 1, zh: `合并单元格 ${rangeName(g)}（${col}）：其值已用于合并范围内的每一行。`, en: `Merged cells ${rangeName(g)} (${col}): the value applies to every row of the merge.` });
  }
  const tailUpTo = await tail(db, m, fills);
  const apply = async () => {
    if (!fills.length) return;
    const f = `_fill_${m.table}`;
    await db.run(`create or replace temp table ${f} (target integer, col varchar, source integer)`);
    const app = await db.appender(f);
    for (const x of fills) {
      app.appendInteger(x.target + 1);
      app.appendVarchar(m.headers[x.col]!);
      app.appendInteger(x.source + 1);
      app.endRow();
    }
    app.closeSync();
    // The filled cell is the top cell: its own issue goes, the top cell's comes (rows that exist only).
    await db.run(`delete from ${m.issues} i where exists (select 1 from ${f} f where f.target = i._row_no and f.col = i.header);
      insert into ${m.issues} select f.target, f.col, i.value, i.reason from ${f} f
        join ${m.issues} i on i._row_no = f.source and i.header = f.col
        where f.target in (select _row_no from ${m.table})`);
    for (const col of new Set(fills.map((x) => m.headers[x.col]!)))
      await db.run(
        `update ${m.table} set ${q(col)} = u.v from (
           select f.target, s.${q(col)} as v from ${f} f join ${m.table} s on s._row_no = f.source where f.col = $col
         ) u where ${m.table}._row_no = u.target`,
        { col },
      );
    await db.run(`drop table ${f}`);
  };
  return { notes, headingRows, tailUpTo, apply };
}

/**
 * Rows below the last filled row are not rows of the table, unless a merge reaches into them with a
 * value: then the clerk sees that value there, and the row is read (up to the first row without one),
 * as the whole-sheet reader did. Returns the last such row index (next - 1 when none).
 */
async function tail(db: Db, m: MergeInput, fills: Fill[]): Promise<number> {
  let upTo = m.next - 1;
  const late = fills.filter((x) => x.target >= m.next && x.target <= m.lastSeen);
  if (!late.length) return upTo;
  const shown = new Map<string, boolean>();
  for (const x of late) {
    const key = `${x.source},${x.col}`;
    if (shown.has(key)) continue;
    const header = m.headers[x.col]!;
    const [row] = await db.all<{ v: string | null; issue: boolean }>(
      `select ${q(header)} as v, exists (select 1 from ${m.issues} where _row_no = $r and header = $h) as issue from ${m.table} where _row_no = $r`,
      { r: x.source + 1, h: header },
    );
    shown.set(key, !!row && ((row.v !== null && row.v.trim() !== '') || row.issue));
  }
  for (let r = m.next; r <= m.lastSeen; r++) {
    if (!late.some((x) => x.target === r && shown.get(`${x.source},${x.col}`))) break;
    upTo = r;
  }
  return upTo;
}
