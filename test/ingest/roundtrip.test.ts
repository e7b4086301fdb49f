// The reject report an upload offers ("下载问题清单 修改后重新上传") goes back in as it is: its title row,
// 行号 and 问题 columns and its second sheet are understood; personal values it masked are never
// loaded as if they were real.
import { beforeAll, expect, it } from 'vitest';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { ingestPaths } from '../../src/lib/ingest/pipeline.ts';
import { rejectReportXlsx } from '../../src/lib/auditor/reject-report.ts';
import { Db } from '../../src/lib/db/duckdb.ts';
import { makeIdNumber } from '../../src/lib/ids/gb11643.ts';
import { BASE, query, tempDir, writeFiles } from '../helpers/warehouse.ts';

const ID9 = makeIdNumber('530423', '19880808', 11, '男');
const ID10 = makeIdNumber('530423', '19920202', 12, '女');
// a title row and a blank line: the report must name the rows the clerk sees
const MEMBERS = `2024年会员名册\nmember_no,name,id_number,org_code,join_date\nM9,李华,${ID9},G1,2020-01-01\n\nM10,赵敏,${ID10},G1,明年\n`;

let db: string;
let report: ExcelJS.Workbook;
beforeAll(async () => {
  db = join(tempDir(), 'w.duckdb');
  await ingestPaths(db, [writeFiles(BASE)]);
  const r = await ingestPaths(db, [writeFiles({ '会员.csv': MEMBERS })]);
  expect(r.files[0]).toMatchObject({ loaded: 1, quarantined: 1, skipped: 1 });
  const conn = await Db.open(db, { readOnly: true });
  try {
    report = new ExcelJS.Workbook();
    await report.xlsx.load((await rejectReportXlsx(conn, r.batch!)).bytes as unknown as ArrayBuffer);
  } finally {
    conn.close();
  }
}, 60_000);

/** The report's row for member `no` on the first sheet, with the column numbers of its headers. */
function rowOf(wb: ExcelJS.Workbook, no: string) {
  const ws = wb.worksheets[0]!;
  const head = ws.getRow(2).values as string[];
  let found: ExcelJS.Row | undefined;
  ws.eachRow((row) => {
    if (row.getCell(head.indexOf('member_no')).value === no) found = row;
  });
  return { row: found!, col: (h: string) => head.indexOf(h) };
}

it('the report names the row the clerk sees (line 5: after a title and a blank line)', () => {
  const { row } = rowOf(report, 'M10');
  expect(row.getCell(1).value).toBe(5);
});

it('sent back uncorrected, the row is quarantined again, masked values never loaded', async () => {
  const dir = tempDir();
  await report.xlsx.writeFile(join(dir, '问题清单-会员.xlsx'));
  const r = await ingestPaths(db, [dir]);
  expect(r.files[0]).toMatchObject({ family: 'members', refused: null, loaded: 0, quarantined: 1 });
  const reasons = await query(db, `select column_name, reason from quarantine where batch_id = $b order by 1`, { b: r.batch });
  // the masked name and ID are refused as masked; the date is still wrong
  expect(reasons).toEqual([
    { column_name: 'id_number', reason: 'masked_value' },
    { column_name: 'join_date', reason: 'bad_date' },
    { column_name: 'name', reason: 'masked_value' },
  ]);
});

it('corrected, the report is accepted as it is: the row loads with the values typed', async () => {
  const wb = new ExcelJS.Workbook();
  wb.model = report.model;
  const { row, col } = rowOf(wb, 'M10');
  row.getCell(col('join_date')).value = '2020-05-01';
  row.getCell(col('name')).value = '赵敏';
  row.getCell(col('id_number')).value = ID10;
  const dir = tempDir();
  await wb.xlsx.writeFile(join(dir, '问题清单-会员-已修改.xlsx'));
  const r = await ingestPaths(db, [dir]);
  expect(r.files[0]).toMatchObject({ family: 'members', refused: null, loaded: 1, quarantined: 0, unknown_columns: [] });
  const notes = r.files[0]!.notes!.map((n) => n.zh).join('\n');
  expect(notes).toContain('表头在第2行');
  expect(notes).toContain('工作表“问题明细 Problems”不是登记表');
  expect(await query(db, `select member_no, name, id_number, join_date::varchar as join_date from members where member_no = 'M10'`)).toEqual([
    { member_no: 'M10', name: '赵敏', id_number: ID10, join_date: '2020-05-01' },
  ]);
});
