// The reject report of an upload: what the clerk must fix, as .xlsx.
//   sheet 1 待修正 / To fix     the rejected rows as they were in the file (its own headers and row
//                                numbers), with the problems in an extra column
//   sheet 2 问题明细 / Problems  one line per problem: file, row, column, value, reason (zh, en)
// Personal values are masked like everywhere else: the clerk has the original file and finds the
// row by its number.
import { inertCell, inertText } from '../format/cells.ts';
import type { Db } from '../db/duckdb.ts';
import { maskProblem, maskValue, rawMaskKind } from './masking.ts';

export interface Problem {
  file_id: number;
  family: string | null;
  file_name: string;
  sheet: string | null;
  row_no: number;
  column_name: string | null;
  column_zh: string | null;
  value: string | null;
  reason: string;
  message_zh: string;
  message_en: string;
}

/** The quarantine rows of a batch, masked. */
export async function batchProblems(db: Db, batch: number, limit = 100_000): Promise<Problem[]> {
  const rows = await db.all<Problem & Record<string, string | number | null>>(
    `select file_id, family, file_name, sheet, row_no, column_name, column_zh, value, reason, message_zh, message_en
       from quarantine where batch_id = $b order by file_id, row_no, column_name limit ${Math.floor(limit)}`,
    { b: batch },
  );
  return rows.map((r) => maskProblem(r));
}

export async function rejectReportXlsx(db: Db, batch: number): Promise<{ bytes: Buffer; problems: number; rows: number }> {
  const { default: ExcelJS } = await import('exceljs');
  const problems = await batchProblems(db, batch);
  const wb = new ExcelJS.Workbook();
  const fix = wb.addWorksheet('待修正 To fix');
  const detail = wb.addWorksheet('问题明细 Problems');
  let rows = 0;

  const files = await db.all<{ file_id: number; file_name: string; family: string | null; raw_table: string | null }>(
    'select file_id, file_name, family, raw_table from ingest_file where batch_id = $b and quarantined > 0 order by file_id',
    { b: batch },
  );
  for (const f of files) {
    const mine = problems.filter((p) => p.file_id === f.file_id);
    const byRow = new Map<number, Problem[]>();
    for (const p of mine) byRow.set(p.row_no, [...(byRow.get(p.row_no) ?? []), p]);
    if (!f.raw_table || byRow.size === 0) continue;
    const cols = (await db.all<{ c: string }>(`select column_name c from (describe "${f.raw_table.replace(/"/g, '""')}")`)).map((r) => r.c);
    const headers = cols.filter((c) => c !== '_row_no');
    const hasRowNo = cols.includes('_row_no');
    // xlsx raw tables carry _row_no; CSV ones number rows by position, shifted past the lines the
    // reader could not split (those are in the quarantine as malformed_row, as the ingest does it).
    const malformed = [...new Set(mine.filter((p) => p.reason === 'malformed_row').map((p) => p.row_no))].sort((a, b) => a - b);
    const rowNoExpr = malformed.length
      ? `(rowid + 2 + ${malformed.map((line, j) => `(rowid >= ${line - 2 - j})::int`).join(' + ')})::integer`
      : '(rowid + 2)::integer';
    const table = `"${f.raw_table.replace(/"/g, '""')}"`;
    const raw = await db.all(
      `select * from (select ${hasRowNo ? '' : `${rowNoExpr} as _row_no, `}* from ${table}) where _row_no in (select unnest($rows::integer[]))
        order by _row_no`,
      { rows: `[${[...byRow.keys()].join(',')}]` },
    );
    fix.addRow([`文件 / file: ${f.file_name}`]).font = { bold: true };
    fix.addRow(['行号 / row', ...headers.map(inertText), '问题 / problems']).font = { bold: true };
    for (const r of raw) {
      const rowNo = Number(r._row_no);
      const why = (byRow.get(rowNo) ?? []).map((p) => `${p.column_zh ?? p.column_name ?? '整行'}: ${p.message_zh} / ${p.message_en}`).join('\n');
      // (masked like the sandbox's raw views: personal headers by kind, columns outside the contract cut;
      // text that never runs as a formula: src/lib/format/cells.ts)
      fix.addRow([rowNo, ...headers.map((h) => inertText(maskValue(rawMaskKind(h, f.family), r[h] === null ? null : String(r[h])) ?? '')), inertText(why)]);
      rows++;
    }
    fix.addRow([]);
  }
  if (rows === 0) fix.addRow(['没有可显示的原始行；见“问题明细” / no source rows to show: see Problems']);

  detail.addRow(['文件 / file', '工作表 / sheet', '行号 / row', '列 / column', '列名 / header', '值 / value', '原因代码 / reason', '说明', 'explanation']).font = { bold: true };
  for (const p of problems) {
    detail.addRow([p.file_name, p.sheet ?? '', p.row_no, p.column_name ?? '', p.column_zh ?? '', p.value ?? '', p.reason, p.message_zh, p.message_en].map(inertCell));
  }
  for (const ws of [fix, detail]) ws.columns.forEach((c) => (c.width = 18));
  detail.views = [{ state: 'frozen', ySplit: 1 }];
  return { bytes: Buffer.from(await wb.xlsx.writeBuffer()), problems: problems.length, rows };
}
