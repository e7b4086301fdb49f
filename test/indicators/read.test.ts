// The readers the CLI, the API, the dashboard and the PDFs share, and the CLI itself, on the
// hand-made federation (a real DuckDB file, the CLI as a child process).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Db } from '../../src/lib/db/duckdb.ts';
import { allKeys } from '../../src/lib/indicators/dictionary.ts';
import { getChildren, getIndicators, getMonthly, getTrend, getYears, listOrgs } from '../../src/lib/indicators/read.ts';
import { NotFoundError } from '../../src/lib/indicators/types.ts';
import { buildWarehouse } from './fixture.ts';
import { TREE } from './tree-fixture.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
let dir: string;
let dbFile: string;
let db: Db;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'indicators-'));
  dbFile = join(dir, 'warehouse.duckdb');
  const writer = await buildWarehouse(TREE, dbFile);
  await writer.run(`insert into ingest_batch values (7, now(), now(), 'test', null, 'cli', 1, 1, 1, 0, 0, 0, 0)`);
  writer.close();
  // read-only, as the dashboard and the CLI open it: several readers may share the file
  db = await Db.open(dbFile, { readOnly: true });
});
afterAll(() => {
  db?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('getIndicators', () => {
  it('reports every key with this and last year, displayed through the formatter', async () => {
    const r = await getIndicators(db, 'R', 2024);
    expect(r.org).toEqual({ code: 'R', name: '示例区总工会', type: 'federation' });
    expect(r).toMatchObject({ year: 2024, as_of: '2024-12-31', batch: 7 });
    expect(Object.keys(r.indicators)).toEqual(allKeys());
    // 3 of 5 units in 2024, 2 of 6 in 2023: 60.0% against 33.3% → 26.7 points
    expect(r.indicators['coverage.unionisation_rate']).toEqual({
      value: 0.6, numerator: 3, denominator: 5, unit: '%', display: '60.0%',
      previous: 0.3333, previous_numerator: 2, previous_denominator: 6, previous_display: '33.3%',
      change: { direction: 'up', amount: '26.7', tenths: 267, kind: 'points' }, change_display: '较上年提高26.7个百分点',
    });
    // 3950.48 元 against 999 元: +295.4%
    expect(r.indicators['relief.amount']).toEqual({
      value: 3950.48, numerator: null, denominator: null, unit: '元', display: '0.40万元',
      previous: 999, previous_numerator: null, previous_denominator: null, previous_display: '0.10万元',
      change: { direction: 'up', amount: '295.4', tenths: 2954, kind: 'percent' }, change_display: '同比增长295.4%',
    });
    expect(r.indicators['relief.avg_per_person_time']).toMatchObject({ value: 658.41, numerator: 3950.48, denominator: 6, display: '658.41元/人次' });
    expect(r.indicators['training.certification_rate:unemployed']).toMatchObject({ value: null, display: '—', change_display: '—' });
    expect(r.indicators['training.hours']).toMatchObject({ value: 109, display: '109学时' });
  });

  it('gives the first reportable year a null previous', async () => {
    // U1 unionised in 2015 opens the reportable years (indicators-2.md); the stored mart starts in 2023
    const r = await getIndicators(db, 'R', 2015);
    expect(r.indicators['coverage.members']).toMatchObject({ previous: null, previous_display: '—', change_display: '—' });
    expect(r.indicators['coverage.units_unionised']).toMatchObject({ value: 1, previous: null });
  });

  it('throws NotFoundError for an unknown org or a year without data, in both languages', async () => {
    await expect(getIndicators(db, 'NOPE', 2024)).rejects.toThrow(NotFoundError);
    await expect(getIndicators(db, 'NOPE', 2024)).rejects.toThrow(/未找到组织代码为 NOPE.*No organisation with code NOPE/);
    await expect(getIndicators(db, 'R', 2014)).rejects.toThrow(/2014年没有数据；有数据的年份为 2015–2025.*No data for 2014/);
  });
});

describe('readers for pages and PDFs', () => {
  it('getYears', async () => {
    // every reportable year: from U1's unionisation in 2015 (the stored mart holds 2023–2025)
    expect(await getYears(db, 'C1')).toEqual([2015, 2016, 2017, 2018, 2019, 2020, 2021, 2022, 2023, 2024, 2025]);
  });

  it('getTrend', async () => {
    const t = await getTrend(db, 'R', ['relief.amount', 'coverage.unionisation_rate'], 2023, 2025);
    expect(t).toEqual([
      { year: 2023, code: 'coverage.unionisation_rate', value: 0.3333, numerator: 2, denominator: 6 },
      { year: 2023, code: 'relief.amount', value: 999, numerator: 999, denominator: null },
      { year: 2024, code: 'coverage.unionisation_rate', value: 0.6, numerator: 3, denominator: 5 },
      { year: 2024, code: 'relief.amount', value: 3950.48, numerator: 3950.48, denominator: null },
      // 2025: U3 registers, U8 unionises: 4 of 6
      { year: 2025, code: 'coverage.unionisation_rate', value: 0.6667, numerator: 4, denominator: 6 },
      { year: 2025, code: 'relief.amount', value: 777, numerator: 777, denominator: null },
    ]);
  });

  it('getChildren: direct children only, with their subtree values', async () => {
    const c = await getChildren(db, 'R', 2024, ['coverage.members', 'relief.amount']);
    expect(c.map((x) => x.org.code)).toEqual(['S1', 'S2']);
    expect(c[0]!.values['coverage.members']).toEqual({ value: 4, numerator: 4, denominator: null });
    expect(c[1]!.values['relief.amount']!.value).toBe(400.33);
  });

  it('getMonthly: aid by month and category, new members by month', async () => {
    const m = await getMonthly(db, 'R', 2024);
    expect(m.filter((r) => r.series === 'aid' && r.month === 1)).toEqual([
      { month: 1, series: 'aid', category: 'living', amount: 1000.1, person_times: 1 },
    ]);
    expect(m.filter((r) => r.series === 'aid').reduce((s, r) => s + r.person_times, 0)).toBe(6);
    expect(m.filter((r) => r.series === 'new_members')).toEqual([
      { month: 3, series: 'new_members', category: null, amount: null, person_times: 1 },
      { month: 12, series: 'new_members', category: null, amount: null, person_times: 1 },
    ]);
  });

  it('listOrgs: root first, with parent and depth', async () => {
    const orgs = await listOrgs(db);
    expect(orgs[0]).toEqual({ code: 'R', name: '示例区总工会', type: 'federation', parent: null, depth: 0 });
    expect(orgs.find((o) => o.code === 'G1')).toMatchObject({ parent: 'C1', depth: 3 });
    expect(orgs).toHaveLength(TREE.orgs.length);
  });
});

describe('npm run indicators', () => {
  const run = (...args: string[]) =>
    spawnSync(process.execPath, ['scripts/indicators.ts', ...args], { cwd: ROOT, encoding: 'utf8' });

  it('--json prints the same object as getIndicators', async () => {
    const out = execFileSync(process.execPath, ['scripts/indicators.ts', '--db', dbFile, '--org', 'R', '--year', '2024', '--json'], { cwd: ROOT, encoding: 'utf8' });
    expect(JSON.parse(out)).toEqual(await getIndicators(db, 'R', 2024));
  });

  it('prints a Chinese table through the formatter', () => {
    const r = run('--db', dbFile, '--org', 'R', '--year', '2024');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/名称\s+数值\s+上年\s+变化/);
    expect(r.stdout).toMatch(/工会组建率\s+60\.0%\s+33\.3%\s+较上年提高26\.7个百分点/);
    expect(r.stdout).toMatch(/帮扶金额\s+0\.40万元\s+0\.10万元\s+同比增长295\.4%/);
  });

  it('exits 1 with a clear message for an unknown org or a year without data', () => {
    const a = run('--db', dbFile, '--org', 'NOPE', '--year', '2024');
    expect(a.status).toBe(1);
    expect(a.stderr).toMatch(/未找到组织代码为 NOPE/);
    const b = run('--db', dbFile, '--org', 'R', '--year', '2014');
    expect(b.status).toBe(1);
    expect(b.stderr).toMatch(/2014年没有数据/);
  });

  it('exits 2 on a usage error and 0 on --help', () => {
    expect(run('--db', dbFile, '--org', 'R').status).toBe(2);
    expect(run('--bogus').status).toBe(2);
    const h = run('--help');
    expect(h.status).toBe(0);
    expect(h.stdout).toMatch(/--org CODE/);
  });
});
