// Upload templates of data-contract-2's families (and part 1's with their added columns) round-trip:
// generated from families.ts, filled by openpyxl (a real office writer, not our own), ingested.
import { beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { copyFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { templateName, templateXlsx } from '../../src/lib/auditor/templates.ts';
import { FAMILIES, type FamilyName } from '../../src/lib/ingest/families.ts';
import { FAMILY_ORDER_2 } from '../../src/lib/ingest/families-2.ts';
import { ingestPaths } from '../../src/lib/ingest/pipeline.ts';
import { parseCsv } from '../helpers/csv.ts';
import { GOOD } from '../helpers/registers-2.ts';
import { query, tempDir, writeFiles } from '../helpers/warehouse.ts';

/** GOOD's file of each family, as records keyed by canonical column name. */
const FILE_OF: Partial<Record<FamilyName, string>> = {
  aid: 'aid.csv', rights_cases: 'rights_cases.csv', inspections: 'inspections.csv', contracts: 'contracts.csv', contract_units: 'contract_units.csv',
  democracy: '职代会.csv', org_honours: '职工之家.csv', person_honours: '劳模.csv', funds: 'funds.csv', dues: '工会经费.csv',
  stations: '服务站点.csv', placements: '就业帮扶.csv',
};
function records(family: FamilyName): Record<string, string>[] {
  const [header, ...rows] = parseCsv(GOOD[FILE_OF[family]!]!);
  const names = header!.map((h) => FAMILIES[family].columns.find((c) => c.name === h || c.zh === h)!.name);
  return rows.filter((r) => r.length > 1).map((r) => Object.fromEntries(names.map((n, i) => [n, r[i] ?? ''])));
}

const FILL = `
import json, sys, openpyxl
jobs = json.load(open(sys.argv[1]))
for job in jobs:
    wb = openpyxl.load_workbook(job['template'])
    ws = wb.worksheets[0]
    for row in job['rows']:
        ws.append([v if v != '' else None for v in row])
    wb.save(job['out'])
`;

const FAMILIES_TESTED = ['aid', ...FAMILY_ORDER_2] as FamilyName[];
let dir: string;
let db: string;
let result: Awaited<ReturnType<typeof ingestPaths>>;

beforeAll(async () => {
  dir = tempDir('ua-templates-');
  // the federation the rows refer to: GOOD's orgs, units and members
  const base = join(tempDir(), 'base.duckdb');
  await ingestPaths(base, [writeFiles({ 'orgs.csv': GOOD['orgs.csv']!, 'units.csv': GOOD['units.csv']!, 'members.csv': GOOD['members.csv']! })]);
  db = join(dir, 'w.duckdb');
  copyFileSync(base, db);
  const jobs = [];
  for (const f of FAMILIES_TESTED) {
    const template = join(dir, `${f}-template.xlsx`);
    writeFileSync(template, await templateXlsx(f));
    const rows = records(f).map((r) => FAMILIES[f].columns.map((c) => r[c.name] ?? ''));
    // the download's name: the family's Chinese name, which the ingest recognises
    jobs.push({ template, rows, out: join(dir, 'filled', `${templateName(f)}.xlsx`) });
  }
  execFileSync('mkdir', ['-p', join(dir, 'filled')]);
  writeFileSync(join(dir, 'jobs.json'), JSON.stringify(jobs));
  writeFileSync(join(dir, 'fill.py'), FILL);
  execFileSync('/usr/bin/python3', [join(dir, 'fill.py'), join(dir, 'jobs.json')]);
  result = await ingestPaths(db, [join(dir, 'filled')]);
}, 120_000);

describe('a template filled in by openpyxl', () => {
  it.each(FAMILIES_TESTED)('%s: is recognised by its name and every row loads', (f) => {
    const r = result.files.find((x) => x.file.endsWith(`${templateName(f)}.xlsx`))!;
    expect(r, f).toMatchObject({ family: f, refused: null, quarantined: 0, loaded: records(f).length, unknown_columns: [] });
  });

  it('loads the same values as the CSV does (dues: due filled from the payroll)', async () => {
    expect(await query(db, `select due::varchar d from dues order by period_start, unit_code limit 1`)).toEqual([{ d: '24.69' }]);
    expect(await query(db, `select count(*)::int n from aid where amount is null and in_kind_value = 300`)).toEqual([{ n: 1 }]);
  });
});

describe('the template itself', () => {
  it.each(FAMILIES_TESTED)('%s: headers are the Chinese names, notes list every column with its allowed values', async (f) => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await templateXlsx(f)) as never);
    const [sheet, notes] = wb.worksheets;
    expect(sheet!.name).toBe(templateName(f));
    expect((sheet!.getRow(1).values as string[]).slice(1)).toEqual(FAMILIES[f].columns.map((c) => c.zh));
    const text = JSON.stringify(notes!.getSheetValues());
    for (const c of FAMILIES[f].columns) {
      expect(text, c.name).toContain(c.zh);
      for (const label of Object.values(c.values ?? {})) expect(text, `${c.name}: ${label}`).toContain(label);
    }
  });

  it('a sheet name Excel would refuse is made safe: 职代会/厂务公开 → 职代会、厂务公开', () => {
    expect(templateName('democracy')).toBe('职代会、厂务公开');
  });
});
