// Given the hand-made federation of tree-fixture.ts, expect the coverage indicators worked out by hand.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/lib/db/duckdb.ts';
import { buildWarehouse, partsOf } from './fixture.ts';
import { TREE } from './tree-fixture.ts';

let db: Db;
beforeAll(async () => {
  db = await buildWarehouse(TREE);
});
afterAll(() => db?.close());

type Case = [org: string, year: number, code: string, numerator: number, denominator: number | null, value: number | null];

describe.each<Case>([
  // units that should unionise at D = 2024-12-31 and count in C1's subtree: U2 (registered on D) and
  // U8 (its union G1 only from 2025) in C1's area, and U1 and U7 at their union G1 (U7 sits in S1's
  // area: a covered unit counts at its union, coverage.sql's header).
  // Not U3 (registered after D), U4 (closed before D), U5 (closed on D), U6 (not "should").
  ['C1', 2024, 'coverage.units_should', 4, null, 4],
  // of those, unionised by D: U1 and U7 (U8 unionises in 2025)
  ['C1', 2024, 'coverage.units_unionised', 2, null, 2],
  // the grassroots union itself: over the units it covers
  ['G1', 2024, 'coverage.unionisation_rate', 2, 2, 1],
  ['G1', 2024, 'coverage.membership_rate', 3, 150, 0.02],
  // the street: the same four units (U7 once)
  ['S1', 2024, 'coverage.units_should', 4, null, 4],
  ['S1', 2024, 'coverage.units_unionised', 2, null, 2],
  // the root adds U9 (C2's area): 5 should, 3 unionised → 60%
  ['R', 2024, 'coverage.unionisation_rate', 3, 5, 0.6],
  // 2023: U1, U4 and U5 (still open), U7 (undated), U8, U9; U2 not yet registered
  ['R', 2023, 'coverage.units_should', 6, null, 6],
  ['R', 2023, 'coverage.units_unionised', 2, null, 2], // U1, U9 (U7 unionises on 2024-12-31)
  // employees: latest 2024 headcount of the unionised units: U1 120 (not 100, not the 2025 999),
  // U7 30, U9 80; U6 (not should) and U8 (not unionised) are left out
  ['C1', 2024, 'coverage.employees', 150, null, 150], // U1 and U7, both at G1
  ['S1', 2024, 'coverage.employees', 150, null, 150],
  ['R', 2024, 'coverage.employees', 230, null, 230],
  ['R', 2023, 'coverage.employees', 180, null, 180], // U1 110 + U9 70
  ['R', 2024, 'coverage.migrant_employees', 55, null, 55], // U1 50 + U7 5 + U9 blank
  // members standing at D: M1, M2, M4 (G1), M5 (C1, joins on D), M7 (C2).
  // Not M3 (leaves on D), not M6 (joins after D).
  ['G1', 2024, 'coverage.members', 3, null, 3],
  ['C1', 2024, 'coverage.members', 4, null, 4],
  ['S2', 2024, 'coverage.members', 1, null, 1],
  ['R', 2024, 'coverage.members', 5, null, 5],
  ['R', 2023, 'coverage.members', 4, null, 4], // M1, M3, M4, M7
  ['R', 2024, 'coverage.membership_rate', 5, 230, 0.021739],
  ['R', 2024, 'coverage.migrant_members', 2, null, 2], // M1, M5 (M3 left)
  ['R', 2024, 'coverage.migrant_membership_rate', 2, 55, 0.036364],
  ['R', 2024, 'coverage.new_members', 2, null, 2], // M2, M5
  ['R', 2025, 'coverage.new_members', 1, null, 1], // M6
  // base-level unions standing at D: C1, C2 (community), G1, E (grassroots). G2 was dissolved in
  // June 2024, J1 is founded in 2025; federations are not base-level unions.
  ['R', 2024, 'coverage.unions_by_type', 4, null, 4],
  ['R', 2024, 'coverage.unions_by_type:community_union', 2, null, 2],
  ['R', 2024, 'coverage.unions_by_type:grassroots_union', 2, null, 2],
  ['R', 2024, 'coverage.unions_by_type:joint_union', 0, null, 0],
  ['R', 2023, 'coverage.unions_by_type:grassroots_union', 3, null, 3], // G2 still stands
  ['R', 2025, 'coverage.unions_by_type:joint_union', 1, null, 1],
  ['S1', 2024, 'coverage.unions_by_type', 2, null, 2], // C1, G1
  // the empty org: zero, and a rate over nothing is null
  ['E', 2024, 'coverage.members', 0, null, 0],
  ['E', 2024, 'coverage.unionisation_rate', 0, 0, null],
  ['E', 2024, 'coverage.membership_rate', 0, 0, null],
])('%s %i %s', (org, year, code, numerator, denominator, value) => {
  it(`= ${value} (${numerator}${denominator === null ? '' : ` / ${denominator}`})`, async () => {
    expect(await partsOf(db, org, year, code)).toEqual({ value, numerator, denominator });
  });
});
