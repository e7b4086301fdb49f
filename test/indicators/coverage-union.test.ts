// Coverage per union (queries/marts/coverage.sql header): a unit covered at D counts at its union,
// wherever that union sits; any other unit at its area. Given a hand-made federation, expect the
// figures worked out by hand, and child tables whose rows add up to the parent (child-table.ts).
//
//   R  federation
//   ├─ S1 street_federation
//   │  ├─ C1 community_union
//   │  │  ├─ G1 grassroots_union
//   │  │  └─ G2 grassroots_union   dissolved 2024-06-30
//   │  └─ J1 joint_union            covers units in S1 and in S2's community C2
//   └─ S2 street_federation
//      └─ C2 community_union
//
// Units (all should unionise, registered 2010):
//   A1 area C1, union G1 since 2015
//   A2 area C1, no union
//   A3 area C2 (street S2), union J1 (street S1) since 2016: covered by a union of another street
//   A4 area C1, union G2 since 2018: G2 dissolved 2024-06-30, so not covered at D 2024
//   A5 area S1, union J1 since 2024-07-01: it changed union mid-year (its superseded row named G1
//      from 2012; the register keeps the current union only, and the superseded row never counts)
//   A6 area C2, union C2 since 2019
//   A7 area S2, not "should", union J1: never counted
//
// Home of each unit at D 2024: G1 {A1}, C1 {A2, A4}, J1 {A3, A5}, C2 {A6}
//                  at D 2023: G1 {A1}, G2 {A4}, C1 {A2}, J1 {A3}, S1 {A5 (not unionised yet)}, C2 {A6}
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Db } from '../../src/lib/db/duckdb.ts';
import { getChildTable } from '../../src/lib/indicators/child-table.ts';
import { partSql } from '../../src/lib/auditor/lineage.ts';
import { sandboxQuery } from '../../src/lib/auditor/sandbox-process.ts';
import { buildWarehouse, partsOf, type Fixture } from './fixture.ts';

const unit = (code: string, area: string, union: string | null, on: string | null, o: Record<string, string | boolean | null> = {}) => ({
  unit_code: code, unit_name: `单位${code}`, area_org_code: area, union_org_code: union, unionised_on: on,
  registered_on: '2010-01-01', closed_on: null, should_unionise: true, ...o,
});
const member = (no: string, org: string, join: string, leave: string | null = null) => ({
  member_no: no, name: `会员${no}`, id_number: `ID-${no}`, org_code: org, join_date: join, leave_date: leave,
  is_migrant_worker: false, is_cadre: false,
});
const count = (unit_code: string, as_of: string, employees: number) => ({ unit_code, as_of, employees, migrant_employees: null });

const UNIONS: Fixture = {
  orgs: [
    { org_code: 'R', org_name: '示例县总工会', org_type: 'federation' },
    { org_code: 'S1', parent_code: 'R', org_type: 'street_federation' },
    { org_code: 'C1', parent_code: 'S1', org_type: 'community_union' },
    { org_code: 'G1', parent_code: 'C1', org_type: 'grassroots_union' },
    { org_code: 'G2', parent_code: 'C1', org_type: 'grassroots_union', dissolved_on: '2024-06-30' },
    { org_code: 'J1', parent_code: 'S1', org_type: 'joint_union', founded_on: '2012-01-01' },
    { org_code: 'S2', parent_code: 'R', org_type: 'street_federation' },
    { org_code: 'C2', parent_code: 'S2', org_type: 'community_union' },
  ],
  units: [
    unit('A1', 'C1', 'G1', '2015-01-01', { ownership: 'private' }),
    unit('A2', 'C1', null, null, { ownership: 'private' }),
    unit('A3', 'C2', 'J1', '2016-01-01', { ownership: 'private' }),
    unit('A4', 'C1', 'G2', '2018-01-01', { ownership: 'state' }),
    unit('A5', 'S1', 'J1', '2024-07-01', { ownership: 'collective' }),
    unit('A6', 'C2', 'C2', '2019-01-01', { ownership: 'state' }),
    unit('A7', 'S2', 'J1', '2016-01-01', { should_unionise: false, ownership: 'private' }),
  ],
  units_history: [unit('A5', 'S1', 'G1', '2012-01-01', { ownership: 'collective' })],
  headcounts: [
    count('A1', '2024-12-31', 100), count('A2', '2024-12-31', 40), count('A3', '2024-12-31', 30),
    count('A4', '2024-12-31', 20), count('A5', '2024-12-31', 50), count('A6', '2024-12-31', 60), count('A7', '2024-12-31', 900),
    count('A1', '2023-12-31', 90), count('A2', '2023-12-31', 35), count('A3', '2023-12-31', 25),
    count('A4', '2023-12-31', 20), count('A5', '2023-12-31', 45), count('A6', '2023-12-31', 55),
  ],
  members: [
    member('m1', 'G1', '2016-01-01'), member('m2', 'G1', '2016-01-01'),
    member('m3', 'G2', '2019-01-01', '2024-06-30'), // left when G2 was dissolved
    member('m4', 'J1', '2017-01-01'), member('m5', 'J1', '2017-01-01'), member('m6', 'J1', '2024-08-01'),
    member('m7', 'C2', '2019-01-01'),
  ],
  // G2 paid aid in the spring before it was dissolved
  aid: [{ voucher_no: 'V1', org_code: 'G2', paid_on: '2024-03-01', category: 'living', amount: '500.00', fund_source: 'union_funds', person_key: 'P1' }],
};

let dir: string;
let db: Db;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'coverage-union-'));
  const file = join(dir, 'warehouse.duckdb');
  (await buildWarehouse(UNIONS, file)).close();
  db = await Db.open(file, { readOnly: true });
});
afterAll(() => {
  db?.close();
  rmSync(dir, { recursive: true, force: true });
});

type Case = [org: string, year: number, code: string, numerator: number, denominator: number | null, value: number | null];

describe.each<Case>([
  // a grassroots union: over the unit it covers (A1), 100 employees, its 2 members
  ['G1', 2024, 'coverage.unionisation_rate', 1, 1, 1],
  ['G1', 2024, 'coverage.membership_rate', 2, 100, 0.02],
  // the joint union covers A3 in another street and A5 since July: 2 units, 30 + 50 employees, 3 members
  ['J1', 2024, 'coverage.unionisation_rate', 2, 2, 1],
  ['J1', 2024, 'coverage.employees', 80, null, 80],
  ['J1', 2024, 'coverage.membership_rate', 3, 80, 0.0375],
  // before A5 joined it (D 2023): A3 only, 25 employees; m4, m5 were members
  ['J1', 2023, 'coverage.membership_rate', 2, 25, 0.08],
  // the dissolved union covers nothing at D 2024, but A4 at D 2023
  ['G2', 2024, 'coverage.units_should', 0, null, 0],
  ['G2', 2023, 'coverage.unionisation_rate', 1, 1, 1],
  // C1 2024: A2 and A4 (its union gone: not covered) at C1 itself, A1 at G1 → 1 of 3
  ['C1', 2024, 'coverage.unionisation_rate', 1, 3, 0.333333],
  ['C1', 2024, 'coverage.employees', 100, null, 100], // A1 only: A2, A4 are not unionised
  // C1 2023: A1 (G1), A4 (G2), A2 → 2 of 3
  ['C1', 2023, 'coverage.unionisation_rate', 2, 3, 0.666667],
  // S1 2024: C1's 3 and J1's 2 → 3 of 5; A5 counts once, at J1, not again in S1's area
  ['S1', 2024, 'coverage.unionisation_rate', 3, 5, 0.6],
  ['S1', 2024, 'coverage.membership_rate', 5, 180, 0.027778], // m1 m2 m4 m5 m6 / 100 + 80
  // S1 2023: G1 A1, G2 A4, C1 A2, J1 A3, S1 A5 (not unionised before July 2024) → 3 of 5
  ['S1', 2023, 'coverage.unionisation_rate', 3, 5, 0.6],
  // S2 2024: A3 sits in its area but counts at J1 (S1's); A6 at C2; A7 is not "should" → 1 of 1
  ['S2', 2024, 'coverage.units_should', 1, null, 1],
  ['S2', 2024, 'coverage.employees', 60, null, 60],
  // the county: every should-unionise unit once: 6, of which A1 A3 A5 A6 covered
  ['R', 2024, 'coverage.unionisation_rate', 4, 6, 0.666667],
  ['R', 2024, 'coverage.membership_rate', 6, 240, 0.025],
])('%s %i %s', (org, year, code, numerator, denominator, value) => {
  it(`= ${value} (${numerator}${denominator === null ? '' : ` / ${denominator}`})`, async () => {
    expect(await partsOf(db, org, year, code)).toEqual({ value, numerator, denominator });
  });
});

const CODES = ['coverage.units_should', 'coverage.units_unionised', 'coverage.unionisation_rate', 'coverage.members', 'coverage.membership_rate', 'relief.amount'];

/** Every count and every rate's parts: the children and 本级 sum to 合计, and 合计 is the org's KPI. */
async function expectAddsUp(org: string, year: number) {
  const t = await getChildTable(db, org, year, CODES);
  for (const code of CODES) {
    for (const k of ['value', 'numerator', 'denominator'] as const) {
      if (code.endsWith('_rate') === (k === 'value')) continue; // counts add their values, rates their parts
      const rows = [...t.children.map((c) => c.values[code]![k]), t.own[code]![k]];
      expect(rows.every((x) => (x ?? 0) >= 0), `${org} ${code} ${k}: no negative row`).toBe(true);
      expect(rows.reduce((s: number, x) => s + (x ?? 0), 0), `${org} ${code} ${k}`).toBeCloseTo(t.total[code]![k] ?? 0, 2);
    }
    // 合计 is the org's own KPI, as the mart holds it
    const kpi = (await partsOf(db, org, year, code))!;
    if (code.endsWith('_rate')) expect([t.total[code]!.numerator, t.total[code]!.denominator], `${org} ${code}`).toEqual([kpi.numerator, kpi.denominator]);
    else expect(t.total[code]!.value, `${org} ${code}`).toBe(kpi.value);
  }
  return t;
}

describe('child tables of unions add up to the parent', () => {
  it('C1 2024 lists only G1 (G2 was dissolved); 本级 = A2 and A4, and G2\'s spring aid', async () => {
    const t = await expectAddsUp('C1', 2024);
    expect(t.children.map((c) => c.org.code)).toEqual(['G1']);
    expect(t.children[0]!.values['coverage.unionisation_rate']).toEqual({ value: 1, numerator: 1, denominator: 1 });
    expect(t.own['coverage.unionisation_rate']).toEqual({ value: 0, numerator: 0, denominator: 2 });
    expect(t.total['coverage.unionisation_rate']).toMatchObject({ numerator: 1, denominator: 3 });
    // the dissolved union's row is gone, its money is not: 500 in 本级, so 合计 stays C1's 500
    expect(t.own['relief.amount']!.value).toBe(500);
  });

  it('C1 2023 lists G2, still standing at D', async () => {
    const t = await expectAddsUp('C1', 2023);
    expect(t.children.map((c) => c.org.code)).toEqual(['G1', 'G2']);
    expect(t.own['coverage.units_should']!.value).toBe(1); // A2
  });

  it('S1 2024: the joint union covering a unit in another street is a row of S1; 本级 is empty, not negative', async () => {
    const t = await expectAddsUp('S1', 2024);
    expect(t.children.map((c) => [c.org.code, c.values['coverage.units_should']!.value])).toEqual([['C1', 3], ['J1', 2]]);
    expect(t.own['coverage.units_should']!.value).toBe(0);
    expect(t.own['coverage.membership_rate']).toEqual({ value: null, numerator: 0, denominator: 0 });
  });

  it('S1 2023 (A5 not yet covered: 本级 of S1), S2 2024 and R 2024 add up too', async () => {
    expect((await expectAddsUp('S1', 2023)).own['coverage.units_should']!.value).toBe(1);
    await expectAddsUp('S2', 2024);
    const r = await expectAddsUp('R', 2024);
    expect(r.children.map((c) => c.values['coverage.units_should']!.value)).toEqual([5, 1]);
  });
});

// The breakdowns by ownership (organisation.sql) and the congress/contract rates (democracy.sql)
// count each unit where coverage.sql counts the total (unit_homes.sql): every unit here has an
// ownership, so at every org the breakdowns sum to the total. Counted by area, S2 2024 would list
// A3 as private (it sits in C2) while its total holds only A6, and J1 would have no breakdown at all.
describe('breakdowns count each unit where the total does', () => {
  const OWNERSHIPS = ['state', 'collective', 'private'];
  it.each(['R', 'S1', 'C1', 'G1', 'G2', 'J1', 'S2', 'C2'].flatMap((org) => [2023, 2024].map((year) => [org, year] as const)))('%s %i', async (org, year) => {
    for (const code of ['coverage.units_should', 'coverage.units_unionised']) {
      const total = (await partsOf(db, org, year, code))!.value ?? 0;
      let sum = 0;
      for (const o of OWNERSHIPS) sum += (await partsOf(db, org, year, `${code}:${o}`))?.value ?? 0;
      expect(sum, `${org} ${year} ${code}`).toBe(total);
    }
  });

  it('S2 2024: A3 (private, in C2\'s area) counts at J1, A6 (state) at C2', async () => {
    expect((await partsOf(db, 'S2', 2024, 'coverage.units_should:private'))!.value).toBe(0);
    expect((await partsOf(db, 'S2', 2024, 'coverage.units_should:state'))!.value).toBe(1);
    expect(await partsOf(db, 'J1', 2024, 'coverage.unionisation_rate:private')).toEqual({ value: 1, numerator: 1, denominator: 1 }); // A3
  });
});

// The auditor's trail lists the rows behind a figure (src/lib/auditor/lineage.ts): the same units the
// mart counts, at the same home. By area, S2's trail would list A3 (in C2's area, counted at J1).
describe('the lineage lists the units the figure counts', () => {
  it.each([
    ['S2', 2024, 'coverage.units_should', ['A6']],
    ['J1', 2024, 'coverage.units_unionised', ['A3', 'A5']],
    ['C1', 2024, 'coverage.units_unionised', ['A1']],
    ['S1', 2023, 'coverage.units_should', ['A1', 'A2', 'A3', 'A4', 'A5']], // A3 at J1 (S1's), though it sits in S2
  ] as const)('%s %i %s', async (org, year, code, units) => {
    const sql = partSql(code, org, year)!;
    const r = await sandboxQuery(join(dir, 'warehouse.duckdb'), `select unit_code from (${sql}) order by 1`, { unmask: true });
    expect(r.rows.map((x) => x[0])).toEqual(units);
    expect(units.length).toBe((await partsOf(db, org, year, code))!.value);
  });
});
