// Reporting years (indicators-2.md): every reportable year has figures, also those before the first
// year with headcounts, aid or activities, which the stored mart does not hold: they are computed on
// the reader's connection when first asked for (src/lib/indicators/early-years.ts). The county of the
// issue: hardship exits in 2017, units unionised in 2016, annual registers from 2018 on.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { Db } from '../../src/lib/db/duckdb.ts';
import { computeEarly } from '../../src/lib/indicators/early-years.ts';
import { getChildren, getIndicators, getTrend, getYears } from '../../src/lib/indicators/read.ts';
import { NotFoundError } from '../../src/lib/indicators/types.ts';
import { buildWarehouse, type Fixture } from './fixture.ts';
import { TREE } from './tree-fixture.ts';
import { tempDir } from '../helpers/warehouse.ts';

const unit = (code: string, unionised: string | null) => ({
  unit_code: code, unit_name: `单位${code}`, area_org_code: 'X', union_org_code: unionised ? 'G' : null,
  unionised_on: unionised, registered_on: '2010-01-01', closed_on: null, should_unionise: true,
});
const file = (no: string, registered: string, exit: string | null) => ({
  file_no: no, org_code: 'G', category: 'relative', registered_on: registered, exit_on: exit, person_key: `P-${no}`,
});

const COUNTY: Fixture = {
  orgs: [
    { org_code: 'X', org_name: '某县总工会', org_type: 'federation' },
    { org_code: 'G', parent_code: 'X', org_type: 'grassroots_union' },
  ],
  // U1 and U2 unionised in 2016 (the first reportable year), U3 in 2019, U4 never
  units: [unit('U1', '2016-03-01'), unit('U2', '2016-11-30'), unit('U3', '2019-05-01'), unit('U4', null)],
  // the annual registers start in 2018: the stored mart holds 2018–2019
  headcounts: ['U1', 'U2', 'U3', 'U4'].flatMap((u) => [
    { unit_code: u, as_of: '2018-12-31', employees: 10 },
    { unit_code: u, as_of: '2019-12-31', employees: 12 },
  ]),
  // three exits in 2017 (F1–F3), one in 2019 (F4), one never (F5); all registered in 2015
  hardship_files: [
    file('F1', '2015-01-01', '2017-02-01'), file('F2', '2015-01-01', '2017-06-30'), file('F3', '2015-06-01', '2017-12-31'),
    file('F4', '2015-06-01', '2019-03-01'), file('F5', '2015-06-01', null),
  ],
};

let dir: string;
let path: string;
let db: Db;
beforeAll(async () => {
  dir = tempDir('ua-early-years-');
  path = join(dir, 'warehouse.duckdb');
  (await buildWarehouse(COUNTY, path)).close();
  db = await Db.open(path, { readOnly: true }); // as the dashboard, the CLI and the summary read it
});
afterAll(() => {
  db?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('a county whose registers open 2016 and 2017 before its annual registers start', () => {
  it('stores 2018–2019 and reports 2016–2019', async () => {
    expect((await db.all('select year from indicator_years order by year')).map((r) => r.year)).toEqual([2018, 2019]);
    expect(await getYears(db, 'X')).toEqual([2016, 2017, 2018, 2019]);
  });

  it('gets figures for 2016, with no previous year (2016 is the first)', async () => {
    const r = await getIndicators(db, 'X', 2016);
    // U1 (March) and U2 (November) unionised by 31 Dec 2016; U3 only in 2019; 4 units should unionise
    expect(r.indicators['coverage.units_unionised']).toMatchObject({ value: 2, previous: null, display: '2家' });
    expect(r.indicators['coverage.unionisation_rate']).toMatchObject({ value: 0.5, numerator: 2, denominator: 4 });
    // all five files were on record in 2016 (registered 2015, none exited yet)
    expect(r.indicators['relief.files_active']).toMatchObject({ value: 5 });
    expect(r.indicators['relief.exits']).toMatchObject({ value: 0 });
  });

  it('gets figures for 2017, with 2016 beside them', async () => {
    const r = await getIndicators(db, 'X', 2017);
    // F1–F3 exit in 2017 (31 Dec counts: the exit date is in the year)
    expect(r.indicators['relief.exits']).toMatchObject({ value: 3, previous: 0 });
    // the five files were all on record at some time in 2017
    expect(r.indicators['relief.exit_rate']).toMatchObject({ value: 0.6, numerator: 3, denominator: 5 });
    expect(r.indicators['coverage.units_unionised']).toMatchObject({ value: 2, previous: 2 });
    // the grassroots union holds the files: its own report too
    expect((await getIndicators(db, 'G', 2017)).indicators['relief.exits']).toMatchObject({ value: 3 });
  });

  it('reads the first stored year with the computed one before it', async () => {
    const r = await getIndicators(db, 'X', 2018);
    // 2018: F4 and F5 on record; 2017: F1–F5
    expect(r.indicators['relief.files_active']).toMatchObject({ value: 2, previous: 5 });
  });

  it('gives children and trends every reportable year', async () => {
    const kids = await getChildren(db, 'X', 2017, ['relief.exits']);
    expect(kids.map((k) => [k.org.code, k.values['relief.exits']!.value])).toEqual([['G', 3]]);
    // a trend ending in an early year covers every reportable year of its range …
    const early = await getTrend(db, 'X', ['relief.exits'], 2015, 2017);
    expect(early.map((p) => [p.year, p.value])).toEqual([[2016, 0], [2017, 3]]);
    // … one ending in a stored year the stored years only (a page of a stored year computes nothing)
    const stored = await getTrend(db, 'X', ['relief.exits'], 2015, 2019);
    expect(stored.map((p) => [p.year, p.value])).toEqual([[2018, 0], [2019, 1]]);
  });

  it('still refuses a year outside the reportable range, naming it', async () => {
    await expect(getIndicators(db, 'X', 2015)).rejects.toThrow(NotFoundError);
    await expect(getIndicators(db, 'X', 2015)).rejects.toThrow('2016–2019');
  });
});

describe('an early year is computed exactly as the stored mart computes it', () => {
  it('recomputing the stored years on a reader gives the stored cells, row for row (the hand-made federation)', async () => {
    const w = await buildWarehouse(TREE);
    try {
      const years = (await w.all<{ year: number }>('select year from indicator_years')).map((r) => r.year);
      expect(years.length).toBeGreaterThan(1);
      await computeEarly(w, years);
      const diff = async (a: string, b: string) =>
        Number(await w.value(`select count(*) from (select * from ${a} except all select * from ${b})`));
      expect([await diff('indicator_cells', '_early_cells'), await diff('_early_cells', 'indicator_cells')]).toEqual([0, 0]);
      expect(Number(await w.value('select count(*) from _early_cells'))).toBeGreaterThan(100);
    } finally {
      w.close();
    }
  });
});
