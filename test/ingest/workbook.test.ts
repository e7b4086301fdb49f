// The workbook reader on its own (src/lib/ingest/workbook.ts): cells as the clerk sees them.
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { statSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { ingestPaths } from '../../src/lib/ingest/pipeline.ts';
import { cellText, round15 } from '../../src/lib/ingest/workbook.ts';
import { makeIdNumber } from '../../src/lib/ids/gb11643.ts';
import { BASE, query, tempDir, writeFiles } from '../helpers/warehouse.ts';

describe('cellText', () => {
  it.each([
    // [why, cell, role, expected text, expected issue]
    ['binary noise: Excel shows 910', { t: 'n', v: 909.9999999999999 }, 'number', '910', undefined],
    ['a cached 0 is 0, not blank', { t: 'n', v: 0, f: 'A1-A1' }, 'number', '0', undefined],
    ['an error value is its own cause', { t: 'e', v: 42, w: '#N/A' }, 'other', null, { reason: 'cell_error', value: '#N/A' }],
    ['#DIV/0! too', { t: 'e', v: 7, w: '#DIV/0!' }, 'number', null, { reason: 'cell_error', value: '#DIV/0!' }],
    ['an 18-digit ID in a number cell lost its last digits', { t: 'n', v: 530423198503151000, w: '5.30423E+17' }, 'identifier', '5.30423E+17', { reason: 'id_as_number', value: '5.30423E+17' }],
    ['a date cell', { t: 'n', v: 45444, z: 'yyyy-mm-dd' }, 'date', '2024-06-01', undefined],
    ['a serial in a General cell of a date column', { t: 'n', v: 45444, z: 'General' }, 'date', '2024-06-01', undefined],
    ['2012 in a date column is a year, not 1905-07-04', { t: 'n', v: 2012 }, 'date', '2012', undefined],
    ['201201 is not a serial either', { t: 'n', v: 201201 }, 'date', '201201', undefined],
    ['TRUE', { t: 'b', v: true }, 'other', '是', undefined],
  ] as const)('%s', (_why, cell, role, text, issue) => {
    const got = cellText(cell as never, role, false);
    expect(got.text).toBe(text);
    expect(got.issue).toEqual(issue);
  });

  it('the 1904 date system counts from 1904-01-01', () => {
    // 43982 in the 1904 system is 2024-06-01 (1462 days less than in the 1900 system)
    expect(cellText({ t: 'n', v: 45444 - 1462, z: 'yyyy-mm-dd' } as never, 'date', true).text).toBe('2024-06-01');
  });

  it('rounds to the 15 significant digits Excel shows', () => {
    expect(round15(0.1 + 0.2)).toBe('0.3');
    expect(round15(1200.4999999999998)).toBe('1200.5');
  });
});

// exceljs's streaming reader decoded each chunk on its own: a character split across two chunks became
// U+FFFD (28 corrupted values in 60,000 rows). 10,000 rows whose titles are 80-odd Chinese characters
// drawn at random (so they do not compress away): several MB of XML and over 1 MiB of file, so
// hundreds of chunk boundaries of any streaming reader fall inside a character. Every value checked.
it('reads a sheet of 10,000 rows of Chinese text without one replacement character', async () => {
  // 80-86 ideographs of U+4E00…U+9FA5 from a small generator seeded by the row: reproducible, incompressible
  const title = (i: number) => {
    let x = i;
    const cs = Array.from({ length: 80 + (i % 7) }, () => {
      x = (Math.imul(x, 1103515245) + 12345) >>> 0;
      return String.fromCharCode(0x4e00 + ((x >>> 8) % 20902));
    });
    return `第${i}期${cs.join('')}`;
  };
  const dir = tempDir();
  const file = join(dir, 'activities.xlsx');
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: true });
  const ws = wb.addWorksheet('活动');
  ws.addRow(['活动编号', '组织单位', '活动类别', '名称', '开始日期']).commit();
  for (let i = 1; i <= 10_000; i++) ws.addRow([`B${i}`, 'G1', '文体活动', title(i), '2024-06-01']).commit();
  await wb.commit();
  expect(statSync(file).size).toBeGreaterThan(1 << 20); // several chunks of any reader, compressed
  const db = join(tempDir(), 'w.duckdb');
  const r = await ingestPaths(db, [writeFiles(BASE), dir]); // one batch: the orgs load first (family order)
  expect(r.files.find((f) => f.file === file)).toMatchObject({ rows_read: 10_000, loaded: 10_000, quarantined: 0 });
  const stored = await query<{ no: string; title: string }>(db, `select activity_no as no, title from activities where activity_no like 'B%'`);
  expect(stored.length).toBe(10_000);
  const wrong = stored.filter((s) => s.title !== title(Number(s.no.slice(1))));
  expect(wrong).toEqual([]);
}, 120_000);

it('an ID number typed into a number cell is quarantined with the cause, never stored truncated', async () => {
  const id = makeIdNumber('530423', '19850315', 102, '女');
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('会员');
  ws.addRow(['会员编号', '姓名', '身份证号', '所属工会', '入会日期']);
  ws.addRow(['M31', '杨柳', Number(id.slice(0, 17) + '0'), 'G1', '2020-01-01']);
  const dir = writeFiles({});
  await wb.xlsx.writeFile(join(dir, '会员.xlsx'));
  const db = join(tempDir(), 'w.duckdb');
  await ingestPaths(db, [writeFiles(BASE)]);
  const r = await ingestPaths(db, [dir]);
  expect(r.files[0]).toMatchObject({ loaded: 0, quarantined: 1 });
  const [p] = await query(db, `select column_name, reason, message_zh from quarantine where batch_id = $b`, { b: r.batch });
  expect(p).toMatchObject({ column_name: 'id_number', reason: 'id_as_number' });
  expect(p!.message_zh).toContain('该列为数字格式，Excel 只保留15位有效数字，后几位已丢失。请将该列设为文本格式后重新录入');
});
