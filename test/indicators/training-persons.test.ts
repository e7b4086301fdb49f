// Distinct trainees per subtree (training.persons, training.sql's preorder weights) where one
// person is trained at several orgs of a year: twice at the same org, and at orgs in different
// branches, so that one person's orgs give several consecutive pairs whose lowest common ancestors
// differ. The hand-made federation of tree-fixture.ts, with sessions of 2025 only (2024's figures,
// tested in training.test.ts, stay as they are):
//   X1 G1 hardship, X2 G1 hardship, X3 C2 workers, X4 E hardship, X5 C1 workers
//   P1 in X1, X2, X3, X4 (G1 twice, C2, E); P2 in X3 (C2); P3 in X1 (G1) and X5 (C1)
// Tree: R ─ S1 ─ C1 ─ G1, G2; S1 ─ J1; R ─ S2 ─ C2, E.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/lib/db/duckdb.ts';
import { buildWarehouse, partsOf } from './fixture.ts';
import { TRAINED_AT_SEVERAL, TREE } from './tree-fixture.ts';

let db: Db;
beforeAll(async () => {
  db = await buildWarehouse({ ...TREE, ...TRAINED_AT_SEVERAL });
});
afterAll(() => db?.close());

describe.each<[org: string, code: string, persons: number]>([
  // all audiences: P1 counts once wherever two of its orgs share the subtree
  ['G1', 'training.persons', 2], // P1 (twice), P3
  ['C1', 'training.persons', 2], // P1, P3 (X5 at C1 itself)
  ['S1', 'training.persons', 2],
  ['C2', 'training.persons', 2], // P1, P2
  ['E', 'training.persons', 1], // P1
  ['S2', 'training.persons', 2], // P1 at C2 and E: once
  ['R', 'training.persons', 3], // P1 at G1, C2, E: once
  ['G2', 'training.persons', 0],
  // hardship (X1, X2, X4): P1 at G1 twice and E, P3 at G1
  ['G1', 'training.persons:hardship', 2],
  ['S1', 'training.persons:hardship', 2],
  ['S2', 'training.persons:hardship', 1], // P1 at E
  ['C2', 'training.persons:hardship', 0],
  ['R', 'training.persons:hardship', 2],
  // workers (X3, X5): P1 and P2 at C2, P3 at C1
  ['C2', 'training.persons:workers', 2],
  ['C1', 'training.persons:workers', 1],
  ['G1', 'training.persons:workers', 0],
  ['R', 'training.persons:workers', 3],
])('%s 2025 %s', (org, code, persons) => {
  it(`= ${persons}`, async () => {
    expect(await partsOf(db, org, 2025, code)).toEqual({ value: persons, numerator: persons, denominator: null });
  });
});
