// The generated sample federation ingests with exactly its deliberate bad rows quarantined.
import { beforeAll, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ingestPaths, type IngestResult } from '../../src/lib/ingest/pipeline.ts';
import { query, tempDir } from '../helpers/warehouse.ts';

interface BadRow { file: string; row_no: number; column: string | null; reason: string }
let dir: string;
let db: string;
let result: IngestResult;
beforeAll(async () => {
  dir = tempDir('ua-sample-');
  execFileSync(process.execPath, ['scripts/data/sample.ts', '--out', dir, '--scale', '0.2', '--seed', '3'], { stdio: 'ignore' });
  db = join(tempDir(), 'w.duckdb');
  result = await ingestPaths(db, [dir]);
});

it('reads every file, in every format the sample uses, and reconciles', () => {
  expect(result.files).toHaveLength(19);
  for (const f of result.files) {
    expect(f.refused).toBeNull();
    expect(f.rows_read).toBe(f.loaded + f.quarantined + f.duplicates);
  }
  const byName = Object.fromEntries(result.files.map((f) => [f.file.split('/').pop(), f]));
  expect(byName['单位.csv']).toMatchObject({ encoding: 'gb18030', unknown_columns: ['联系人'] });
  expect(byName['职工人数.csv']).toMatchObject({ encoding: 'utf-8-bom' });
  expect(byName['困难职工档案.xlsx']).toMatchObject({ family: 'hardship_files', sheet: '困难职工档案' });
});

it('quarantines exactly the deliberate bad rows, each for its stated reason', async () => {
  const bad: BadRow[] = JSON.parse(readFileSync(join(dir, 'bad-rows.json'), 'utf8'));
  const q = await query<{ file_name: string; row_no: number; column_name: string | null; reason: string }>(db, 
    `select file_name, row_no, column_name, reason from quarantine`,
  );
  const key = (file: string, row: number) => `${file}#${row}`;
  expect(new Set(q.map((r) => key(r.file_name, r.row_no)))).toEqual(new Set(bad.map((b) => key(b.file, b.row_no))));
  for (const b of bad) {
    const hits = q.filter((r) => r.file_name === b.file && r.row_no === b.row_no);
    expect(hits.map((h) => [h.reason, h.column_name]), key(b.file, b.row_no)).toContainEqual([b.reason, b.column]);
  }
});

it('builds the org closure and the indicator mart for the whole tree', async () => {
  const [c] = await query(db, `select count(*) filter (where depth = 0) as self, count(distinct ancestor) as ancestors,
    (select count(*) from orgs) as orgs from org_closure`);
  expect(c!.self).toBe(c!.orgs);
  const [root] = await query(db, `select org_code from orgs where parent_code is null`);
  const [all] = await query(db, `select count(*) as n from org_closure where ancestor = $r`, { r: String(root!.org_code) });
  expect(all!.n).toBe(c!.orgs); // every org descends from the root
  const [mart] = await query(db, `select count(distinct year) as years from indicator_values where org_code = $r`, { r: String(root!.org_code) });
  expect(mart!.years).toBeGreaterThanOrEqual(5);
});

it('fills every register of data-contract-2, and opens the reporting years its dated events reach', async () => {
  const families = ['rights_cases', 'inspections', 'contracts', 'contract_units', 'democracy', 'org_honours', 'person_honours', 'funds', 'dues', 'stations', 'placements'];
  const counts = await query(db, families.map((f) => `select '${f}' as f, count(*)::int as n from ${f}`).join(' union all '));
  for (const c of counts) expect(c.n, String(c.f)).toBeGreaterThan(0);
  // units unionised from 2000 on open earlier reportable years; the stored mart keeps 2021–2025
  const [y] = await query(db, `select min(year) as first, max(year) as last, min(year) filter (where annual) as annual from reportable_years`);
  expect(Number(y!.first)).toBeLessThanOrEqual(2005);
  expect([y!.annual, y!.last]).toEqual([2021, 2025]);
  expect((await query(db, `select year from indicator_years order by 1`)).map((r) => r.year)).toEqual([2021, 2022, 2023, 2024, 2025]);
});
