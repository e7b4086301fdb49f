// Reading files: encodings, Excel, family recognition, headers, and files refused whole.
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import ExcelJS from 'exceljs';
import { ingestPaths } from '../../src/lib/ingest/pipeline.ts';
import { detectEncoding, familyFromFileName } from '../../src/lib/ingest/detect.ts';
import { BASE, ID_F, query, sha256, tableCounts, tempDir, writeFiles } from '../helpers/warehouse.ts';

const ACT_ZH = `活动编号,组织单位,活动类别,名称,开始日期,参加人次\nA5,G1,文体活动,“䶮”字书法展,2024/6/1,40\n`;

const TITLE = '“䶮”字书法展';
describe.each([
  ['utf-8', Buffer.from(ACT_ZH, 'utf8'), 'utf-8', TITLE],
  ['utf-8 with BOM', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(ACT_ZH)]), 'utf-8-bom', TITLE],
  ['GB18030 (4-byte 䶮)', iconv.encode(ACT_ZH, 'gb18030'), 'gb18030', TITLE],
  ['GBK', iconv.encode(ACT_ZH.replace('䶮', '书'), 'gbk'), 'gb18030', '“书”字书法展'], // 䶮 is not in GBK
])('a CSV in %s', (_name, bytes, encoding, title) => {
  it('is detected and loaded with its Chinese text intact', async () => {
    expect(detectEncoding(bytes, true)).toBe(encoding);
    const db = join(tempDir(), 'w.duckdb');
    await ingestPaths(db, [writeFiles(BASE)]);
    const r = await ingestPaths(db, [writeFiles({ '活动.csv': bytes })]);
    expect(r.files[0]).toMatchObject({ family: 'activities', loaded: 1, quarantined: 0, refused: null });
    const [a] = await query(db, `select kind, title, start_date, participants from activities where activity_no = 'A5'`);
    expect(a).toEqual({ kind: 'culture_sports', title, start_date: '2024-06-01', participants: 40 });
  });
});

describe.each([
  ['members.csv', 'members'],
  ['2024年会员名册.xlsx', 'members'],
  ['2024年帮扶发放.csv', 'aid'],
  ['困难职工档案.xlsx', 'hardship_files'],
  ['职工人数2024.csv', 'headcounts'],
  ['培训学员.csv', 'enrollments'],
  ['单位.csv', 'units'],
  ['random.csv', undefined],
])('the file name %s', (name, family) => {
  it(`names the family ${family}`, () => expect(familyFromFileName(name)).toBe(family));
});

it('recognises the family from the headers when the name says nothing', async () => {
  const db = join(tempDir(), 'w.duckdb');
  const r = await ingestPaths(db, [writeFiles({ 'export (3).csv': BASE['orgs.csv'] })]);
  expect(r.files[0]).toMatchObject({ family: 'orgs', loaded: 4 });
});

it('accepts headers in any order, case and spacing, in Chinese or English', async () => {
  const db = join(tempDir(), 'w.duckdb');
  const orgs = `  ORG_NAME ,组织 代码,Org_Type,上级组织代码\n云岭县总工会,R,总工会,\n城关街道工会联合会,S1,街道(乡镇)工会联合会,R\n`;
  const r = await ingestPaths(db, [writeFiles({ 'orgs.csv': orgs })]);
  expect(r.files[0]).toMatchObject({ loaded: 2, quarantined: 0 });
  expect(await query(db, `select org_code, org_type from orgs order by 1`)).toEqual([
    { org_code: 'R', org_type: 'federation' },
    { org_code: 'S1', org_type: 'street_federation' },
  ]);
});

it('reads an .xlsx: the sheet named after the family, Excel dates, numbers and text dates', async () => {
  const wb = new ExcelJS.Workbook();
  wb.addWorksheet('说明').addRow(['本工作簿的第二张表是困难职工档案']);
  const ws = wb.addWorksheet('困难职工档案');
  ws.addRow(['档案编号', '会员编号', '建档工会', '困难类别', '家庭人口', '建档日期', '脱困日期']);
  ws.addRow(['H1', 'M1', 'G1', '深度困难', 3, new Date(Date.UTC(2023, 4, 1)), null]);
  ws.addRow([]);
  ws.addRow(['H2', 'M2', 'G1', 'relative', 4, '2023年5月2日', 45444]); // 45444 = 2024-06-01
  const dir = tempDir();
  await wb.xlsx.writeFile(join(dir, 'archive.xlsx'));
  const db = join(tempDir(), 'w.duckdb');
  await ingestPaths(db, [writeFiles(BASE)]);
  const r = await ingestPaths(db, [dir]);
  // the blank row between them is read and skipped with a note
  expect(r.files[0]).toMatchObject({ family: 'hardship_files', sheet: '困难职工档案', rows_read: 3, loaded: 2, skipped: 1 });
  expect(await query(db, `select file_no, category, household_size, registered_on, exit_on, person_key, _row_no from hardship_files order by 1`)).toEqual([
    { file_no: 'H1', category: 'deep', household_size: 3, registered_on: '2023-05-01', exit_on: null, person_key: ID_F, _row_no: 2 },
    { file_no: 'H2', category: 'relative', household_size: 4, registered_on: '2023-05-02', exit_on: '2024-06-01', person_key: expect.any(String), _row_no: 4 },
  ]);
});

describe.each([
  ['binary garbage', 'members.csv', Buffer.from([0x4d, 0x5a, 0x90, 0x00, 0x03, 0x00, 0xff, 0xfe]), /二进制/],
  ['neither UTF-8 nor GBK', 'members.csv', Buffer.from([0x61, 0x2c, 0x62, 0x0a, 0xff, 0xff, 0x0a]), /编码/],
  ['an empty file', 'members.csv', Buffer.alloc(0), /空/],
  ['no header (data in row 1)', 'export.csv', Buffer.from('M1,张丽,2016-01-01\nM2,王强,2017-01-01\n'), /表头/],
  ['a required column missing', 'members.csv', Buffer.from('member_no,name\nM1,张丽\n'), /缺少必填列：身份证号、所属工会、入会日期/],
  // .xls is read now (SheetJS); eight bytes of an OLE2 header are a damaged one
  ['a damaged .xls workbook', 'members.xls', Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), /无法读取该工作簿.*损坏/],
  ['a damaged .xlsx', 'members.xlsx', Buffer.from('this is not a zip'), /Excel/],
  ['two headers for one column', 'members.csv', Buffer.from('member_no,会员编号,name\nM1,M1,张丽\n'), /都对应/],
])('a file that is %s', (_name, fileName, bytes, message) => {
  it('is refused whole with one clear message, and nothing of it is stored', async () => {
    const db = join(tempDir(), 'w.duckdb');
    await ingestPaths(db, [writeFiles(BASE)]);
    const before = sha256(db);
    const counts = await tableCounts(db);
    const r = await ingestPaths(db, [writeFiles({ [fileName]: bytes })]);
    expect(r.batch).toBeNull();
    expect(r.files[0]!.refused).toMatch(message);
    expect(r.files[0]).toMatchObject({ rows_read: 0, loaded: 0, quarantined: 0 });
    expect(sha256(db)).toBe(before);
    expect(await tableCounts(db)).toEqual(counts);
  });
});

it('a refused file next to good ones is recorded as refused, and the good ones load', async () => {
  const db = join(tempDir(), 'w.duckdb');
  const r = await ingestPaths(db, [writeFiles({ ...BASE, 'members.xls': Buffer.from([0xd0, 0xcf, 0x11, 0xe0]) })]);
  expect(r.batch).toBe(1);
  expect(r.files.filter((f) => f.refused).length).toBe(1);
  const rows = await query(db, `select file_name, refused is not null as refused, raw_table from ingest_file order by file_id`);
  expect(rows.filter((x) => x.refused)).toEqual([{ file_name: 'members.xls', refused: true, raw_table: null }]);
  expect(await query(db, `select count(*)::int as n from information_schema.tables where table_name like 'raw_file_%'`)).toEqual([{ n: 4 }]);
});
