// Distinct people aided per subtree (relief.persons, relief.sql's preorder weights) where one person
// is paid at several orgs of a year: twice at the same org, and at orgs in different branches, so
// that one person's orgs give several consecutive pairs whose lowest common ancestors differ. The
// hand-made federation of tree-fixture.ts (its 2025 has V6: P4 at G1, living), with payments of
// 2025 added (2024's figures, tested in relief.test.ts, stay as they are):
//   Q1: W1 G1 living, W2 G1 living, W3 C2 medical, W4 E living; Q2: W5 C1 medical, W6 C2 living
// Tree: R ─ S1 ─ C1 ─ G1, G2; S1 ─ J1; R ─ S2 ─ C2, E.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/lib/db/duckdb.ts';
import { buildWarehouse, partsOf } from './fixture.ts';
import { AIDED_AT_SEVERAL, TREE } from './tree-fixture.ts';

let db: Db;
beforeAll(async () => {
  db = await buildWarehouse({ ...TREE, ...AIDED_AT_SEVERAL });
});
afterAll(() => db?.close());

describe.each<[org: string, code: string, persons: number]>([
  // every category: Q1 counts once wherever two of its orgs share the subtree
  ['G1', 'relief.persons', 2], // Q1 (twice), P4
  ['C1', 'relief.persons', 3], // Q1, P4, Q2 (at C1 itself)
  ['S1', 'relief.persons', 3],
  ['C2', 'relief.persons', 2], // Q1, Q2
  ['E', 'relief.persons', 1], // Q1
  ['S2', 'relief.persons', 2], // Q1 at C2 and E: once; Q2
  ['R', 'relief.persons', 3], // Q1 at G1, C2, E: once; Q2 at C1 and C2: once; P4
  ['G2', 'relief.persons', 0],
  // living: P4 at G1, Q1 at G1 twice and E, Q2 at C2
  ['G1', 'relief.persons:living', 2],
  ['S2', 'relief.persons:living', 2], // Q1 at E, Q2 at C2
  ['C2', 'relief.persons:living', 1], // Q2 (Q1 was paid at C2 for medical only)
  ['R', 'relief.persons:living', 3],
  // medical: Q1 at C2, Q2 at C1
  ['C2', 'relief.persons:medical', 1],
  ['S1', 'relief.persons:medical', 1],
  ['R', 'relief.persons:medical', 2],
  // rows still add up: six payments and V6
  ['R', 'relief.person_times', 7],
])('%s 2025 %s', (org, code, persons) => {
  it(`= ${persons}`, async () => {
    expect(await partsOf(db, org, 2025, code)).toEqual({ value: persons, numerator: persons, denominator: null });
  });
});
