// Masking hides personal values only, never the words of a message. A members file with a wrong ID
// number, a bad birth date (a personal column), a line with an ID and a phone that does not split,
// and a bad join date, through the real CLI and the reject report: every message is shown word for
// word (the date examples 2024-03-05、2024/3/5 included: they were masked as if they were an ID or a
// birth date), and no ID number or phone of the file appears anywhere.
import { beforeAll, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { Db } from '../../src/lib/db/duckdb.ts';
import { rejectReportXlsx } from '../../src/lib/auditor/reject-report.ts';
import { makeIdNumber } from '../../src/lib/ids/gb11643.ts';
import { BASE, tempDir, writeFiles } from '../helpers/warehouse.ts';

const GOOD = makeIdNumber('530423', '19880808', 11, '男');
const WRONG = GOOD.slice(0, 17) + (GOOD[17] === '1' ? '2' : '1'); // one check character off
const ID3 = makeIdNumber('530423', '19900101', 21, '女');
const ID4 = makeIdNumber('530423', '19900102', 23, '男');
const ID5 = makeIdNumber('530423', '19900103', 25, '女');
const PHONES = ['13912345678', '13912345670', '13912345671', '13912345672'];
const FILE =
  'member_no,name,id_number,phone,birth_date,org_code,join_date\n' +
  `M21,李华,${WRONG},${PHONES[0]},,G1,2020-01-01\n` + // row 2: wrong check character
  `M23,王芳,${ID3},${PHONES[1]},1990年13月1日,G1,2020-01-01\n` + // row 3: no 13th month
  `M24,周杰,${ID4},${PHONES[2]},,G1,2020-01-01,多余\n` + // row 4: 8 cells under 7 headers
  `M25,陈静,${ID5},${PHONES[3]},,G1,明年\n`; // row 5: not a date

// What the clerk is told, written out by hand: the messages' own words, whole.
const MESSAGES = [
  [2, '「身份证号」不是有效的18位身份证号（校验位错误）。请核对证件后更正。'],
  // a personal column's message does not quote the value; its date examples are words, not a birth date
  [3, '「出生日期」的值不是可识别的日期。请写成 2024-03-05、2024/3/5 或 2024年3月5日。'],
  [4, '该行列数与表头不符（表头 7 列，该行 8 列），无法读取。请检查是否有多余的逗号或缺少的单元格。'],
  [5, '「入会日期」的值“明年”不是可识别的日期。请写成 2024-03-05、2024/3/5 或 2024年3月5日。'],
] as const;
const SECRETS = [WRONG, ID3, ID4, ID5, ...PHONES];

let db: string;
let stdout: string;
beforeAll(() => {
  db = join(tempDir(), 'w.duckdb');
  const r = spawnSync(process.execPath, ['scripts/ingest/cli.ts', '--db', db, writeFiles(BASE), writeFiles({ '会员.csv': FILE })], { encoding: 'utf8' });
  expect(r.status).toBe(0);
  stdout = r.stdout;
}, 60_000);

it('the CLI prints every message word for word, and no ID number or phone', () => {
  expect(stdout).toMatch(/会员\.csv\s+会员\s+4\s+0\s+4\s/);
  for (const [row, message] of MESSAGES) expect(stdout).toContain(`  会员.csv 第${row}行: ${message}\n`);
  for (const s of SECRETS) expect(stdout).not.toContain(s);
  expect(stdout).not.toMatch(/\*\*/); // nothing of this file's messages is masked
});

it('the reject report carries the same words, with only the personal values masked', async () => {
  const conn = await Db.open(db, { readOnly: true });
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load((await rejectReportXlsx(conn, 1)).bytes as unknown as ArrayBuffer);
  } finally {
    conn.close();
  }
  const cells = (ws: ExcelJS.Worksheet) => {
    const out: string[][] = [];
    ws.eachRow((r) => out.push((r.values as unknown[]).slice(1).map((v) => (v === null || v === undefined ? '' : String(v)))));
    return out;
  };
  const detail = cells(wb.getWorksheet('问题明细 Problems')!);
  // file, sheet, row, column, header, value, reason, 说明, explanation
  const got = detail.slice(1).map((r) => [Number(r[2]), r[7]]);
  expect(got).toEqual(MESSAGES.map(([row, m]) => [row, m]));
  // the values: the ID masked to its first six digits, the unsplittable line masked where it holds an ID or phone
  expect(detail[1]![5]).toBe('530423************');
  expect(detail[3]![5]).toMatch(/^M24,周\*+,530\*+/);
  const fix = cells(wb.getWorksheet('待修正 To fix')!);
  for (const s of SECRETS) for (const sheet of [detail, fix]) expect(sheet.flat().join('\n')).not.toContain(s);
  // the To-fix sheet's problem column says the same words
  const problems = fix.map((r) => r[r.length - 1] ?? '').join('\n');
  for (const [, m] of MESSAGES.filter(([row]) => row !== 4)) expect(problems).toContain(m);
});
