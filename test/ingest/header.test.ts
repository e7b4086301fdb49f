// Where the header is (src/lib/ingest/header.ts), and what the clerk is told when there is none in
// the rows searched: that no header was found in those rows (not "row 1"), the headers the family
// needs, and the fix.
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { findHeader, HEADER_SEARCH_ROWS } from '../../src/lib/ingest/header.ts';
import { ingestPaths } from '../../src/lib/ingest/pipeline.ts';
import { BASE, tempDir, writeFiles } from '../helpers/warehouse.ts';

const text = (n: number, cells: (i: number) => string[]) => Array.from({ length: n }, (_, i) => cells(i));
const refusal = (rows: (string | null)[][], fileName: string) => {
  try {
    findHeader(rows, fileName);
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error('not refused');
};

describe('no header in the rows searched', () => {
  it('a members file of 30 rows of notes: says no header was found in the first 30 rows, names the headers, the fix', () => {
    expect(HEADER_SEARCH_ROWS).toBe(30);
    const msg = refusal(text(35, (i) => [`说明第${i + 1}条`, '请如实填写']), '会员.csv');
    expect(msg).toContain('前30行中没有找到可识别的表头');
    // the members family's required headers, then some optional ones
    expect(msg).toContain('会员登记表的表头应包括：会员编号、姓名、身份证号、所属工会、入会日期（可选：性别、出生日期、手机号');
    expect(msg).toContain('请把表头放在前30行以内，列名按模板填写后重新上传');
    expect(msg).not.toContain('第1行');
  });

  it('a header on row 32 is beyond the search (row 30 and the one below it): refused the same way', () => {
    const rows = [...text(31, (i) => [`标题${i + 1}`]), ['会员编号', '姓名', '身份证号', '所属工会', '入会日期']];
    expect(refusal(rows, '会员.csv')).toContain('前30行中没有找到可识别的表头');
    // ... and on row 30 it is found (index 29)
    expect(findHeader(rows.slice(2), '会员.csv')).toMatchObject({ index: 29, span: 1 });
  });

  it('a short file says how many rows it searched', () => {
    expect(refusal([['M1', '张丽', '2016-01-01'], ['M2', '王强', '2017-01-01']], '会员.csv')).toContain('前2行中没有找到可识别的表头');
  });

  it('with no family in the file name either: says so, quotes the first row, and gives both fixes', () => {
    const msg = refusal([['M1', '张丽', '2016-01-01'], ['M2', '王强', '2017-01-01']], 'export.csv');
    expect(msg).toContain('前2行中没有找到可识别的表头，文件名也没有说明是哪一类登记表（首行：M1、张丽、2016-01-01）');
    expect(msg).toContain('或把文件命名为“会员.xlsx”');
  });

  it('a header that came close (a required column missing) is the refusal given, not "none found"', () => {
    const msg = refusal([['2024年会员名册'], ['会员编号', '姓名', '所属工会']], '会员.csv');
    expect(msg).toContain('会员登记表缺少必填列：身份证号、入会日期');
    expect(msg).not.toContain('没有找到');
  });
});

it('a workbook whose header sits below 30 rows of notes is refused with that message through the ingest', async () => {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('会员');
  for (let i = 1; i <= 32; i++) ws.addRow([`填表说明第${i}条`]);
  ws.addRow(['会员编号', '姓名', '身份证号', '所属工会', '入会日期']);
  const dir = tempDir();
  await wb.xlsx.writeFile(join(dir, '会员.xlsx'));
  const db = join(tempDir(), 'w.duckdb');
  await ingestPaths(db, [writeFiles(BASE)]);
  const r = await ingestPaths(db, [dir]);
  expect(r.files[0]!.refused).toMatch(/^前30行中没有找到可识别的表头。会员登记表的表头应包括：会员编号、姓名、身份证号、所属工会、入会日期/);
});
