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
// U+FFFD (28 corrupted values in 60,000 rows). 60,000 rows of Chinese text, every value checked.
it('reads a 60,000-row sheet of Chinese text without one replacement character', async () => {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('活动');
  ws.addRow(['活动编号', '组织单位', '活动类别', '名称', '开始日期']);
  const title = (i: number) => `第${i}期“职工书屋”读书分享会暨劳模工匠进企业宣讲活动（${'云岭县总工会'.repeat(1 + (i % 3))}）`;
  for (let i = 1; i <= 60_000; i++) ws.addRow([`B${i}`, 'G1', '文体活动', title(i), '2024-06-01']);
  const dir = tempDir();
  await wb.xlsx.writeFile(join(dir, 'activities.xlsx'));
  expect(statSync(join(dir, 'activities.xlsx')).size).toBeGreaterThan(1 << 20); // several chunks of any reader
  const db = join(tempDir(), 'w.duckdb');
  await ingestPaths(db, [writeFiles(BASE)]);
  const r = await ingestPaths(db, [dir]);
  expect(r.files[0]).toMatchObject({ rows_read: 60_000, loaded: 60_000, quarantined: 0 });
  const [bad] = await query(db, `select count(*)::integer as n from activities where activity_no like 'B%' and (title like '%' || chr(65533) || '%'
    or title <> '第' || substr(activity_no, 2) || '期“职工书屋”读书分享会暨劳模工匠进企业宣讲活动（' || repeat('云岭县总工会', 1 + substr(activity_no, 2)::integer % 3) || '）')`);
  expect(bad!.n).toBe(0);
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
