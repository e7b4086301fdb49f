// Distinct trainees per subtree (training.persons) in a tree deeper than the eight levels that
// training.sql's lowest-common-ancestor lookup holds as columns: below them it reads the org's
// whole list of ancestors. A chain of ten levels, L1 (the root) to L9, with two leaves under L9:
//   L1 ─ L2 ─ L3 ─ … ─ L8 ─ L9 ─ L10a, L10b;  L2 ─ K3 (a second branch near the root)
// Sessions of 2024, one audience: D1 at L10a, D2 at L10b, D3 at K3.
//   Q in D1 and D2: its two orgs' lowest common ancestor is L9, the ninth level (taken as the
//     eighth, L8, L9 would count Q twice);
//   V in D1 and D3: lowest common ancestor L2.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/lib/db/duckdb.ts';
import { buildWarehouse, partsOf } from './fixture.ts';

const chain = Array.from({ length: 8 }, (_, i) => ({ org_code: `L${i + 2}`, parent_code: `L${i + 1}`, org_type: 'street_federation' }));
const session = (no: string, org: string, start: string) => ({
  activity_no: no, org_code: org, kind: 'training', title: `培训${no}`, start_date: start, participants: null, audience: 'workers', hours: 2,
});
const enrol = (activity: string, person: string) => ({ activity_no: activity, person_key: person, completed: true, certified: false, employed_on: null });

let db: Db;
beforeAll(async () => {
  db = await buildWarehouse({
    orgs: [
      { org_code: 'L1', org_name: '示例区总工会', org_type: 'federation' },
      ...chain,
      { org_code: 'L10a', parent_code: 'L9', org_type: 'grassroots_union' },
      { org_code: 'L10b', parent_code: 'L9', org_type: 'grassroots_union' },
      { org_code: 'K3', parent_code: 'L2', org_type: 'grassroots_union' },
    ],
    activities: [session('D1', 'L10a', '2024-03-01'), session('D2', 'L10b', '2024-04-01'), session('D3', 'K3', '2024-05-01')],
    enrollments: [enrol('D1', 'Q'), enrol('D2', 'Q'), enrol('D1', 'V'), enrol('D3', 'V')],
  });
});
afterAll(() => db?.close());

describe.each<[org: string, persons: number]>([
  ['L10a', 2], // Q, V
  ['L10b', 1], // Q
  ['L9', 2], // Q at L10a and L10b: once; V
  ['L8', 2],
  ['L3', 2],
  ['K3', 1], // V
  ['L2', 2], // V at L10a and K3: once; Q
  ['L1', 2],
])('%s 2024', (org, persons) => {
  it(`training.persons = ${persons}, training.persons:workers = ${persons}`, async () => {
    expect(await partsOf(db, org, 2024, 'training.persons')).toEqual({ value: persons, numerator: persons, denominator: null });
    expect(await partsOf(db, org, 2024, 'training.persons:workers')).toEqual({ value: persons, numerator: persons, denominator: null });
  });
  it('training.person_times adds up every enrollment', async () => {
    const times = { L10a: 2, L10b: 1, K3: 1 }[org] ?? (org === 'L2' || org === 'L1' ? 4 : 3);
    expect((await partsOf(db, org, 2024, 'training.person_times'))?.numerator).toBe(times);
  });
});
