// training.sql and relief.sql number people by the 63-bit hash of their key and give keys that share
// a hash numbers of their own below zero, so that two people are never merged. A real collision
// cannot be produced, so here every key is made to collide: the families run with `hash(` replaced
// by `length(` (P1, P2, Q1 … all hash alike). The mart must come out cell for cell as with the real
// hash; and with the collision handling switched off too, the same rebuild must differ (people
// merged), which shows the comparison can fail. The hand-made federation of tree-fixture.ts, plus
// people seen at several orgs of 2025 (as in training-persons and relief-persons).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/lib/db/duckdb.ts';
import { MART_FAMILY_FILES, body, rebuildMart } from '../../src/lib/indicators/mart.ts';
import { buildWarehouse, partsOf } from './fixture.ts';
import { TREE } from './tree-fixture.ts';

const session = (no: string, org: string, start: string, audience: string) => ({
  activity_no: no, org_code: org, kind: 'training', title: `培训${no}`, start_date: start, participants: null, audience, hours: 2,
});
const enrol = (activity: string, person: string) => ({
  activity_no: activity, person_key: person, completed: true, certified: false, employed_on: null,
});
const pay = (voucher: string, org: string, paid: string, category: string, person: string) => ({
  voucher_no: voucher, org_code: org, paid_on: paid, category, amount: '10.00', fund_source: 'fiscal', person_key: person,
});

const PERSON_FAMILIES = ['marts/training.sql', 'marts/relief.sql'];

/** The family queries with every person key hashing alike; throws if a person family has nothing to replace. */
function families(edit: (sql: string) => string): string[] {
  return MART_FAMILY_FILES.map((f) => {
    const text = body(f);
    if (!PERSON_FAMILIES.includes(f)) return text;
    const edited = edit(text);
    if (edited === text) throw new Error(`${f}: the edit changed nothing (has its person numbering moved?)`);
    return edited;
  });
}
const allCollide = (s: string) => s.replaceAll('hash(', 'length(');
const unhandled = (s: string) => allCollide(s).replaceAll('len(k.keys) > 0 and', 'false and');

let db: Db;
beforeAll(async () => {
  db = await buildWarehouse({
    ...TREE,
    activities: [
      ...(TREE.activities ?? []),
      session('X1', 'G1', '2025-02-01', 'hardship'),
      session('X2', 'G1', '2025-03-01', 'hardship'),
      session('X3', 'C2', '2025-04-01', 'workers'),
      session('X4', 'E', '2025-05-01', 'hardship'),
      session('X5', 'C1', '2025-06-01', 'workers'),
    ],
    enrollments: [
      ...(TREE.enrollments ?? []),
      enrol('X1', 'P1'), enrol('X2', 'P1'), enrol('X3', 'P1'), enrol('X4', 'P1'),
      enrol('X3', 'P2'),
      enrol('X1', 'P3'), enrol('X5', 'P3'),
    ],
    aid: [
      ...(TREE.aid ?? []),
      pay('W1', 'G1', '2025-02-01', 'living', 'Q1'),
      pay('W2', 'G1', '2025-03-01', 'living', 'Q1'),
      pay('W3', 'C2', '2025-04-01', 'medical', 'Q1'),
      pay('W4', 'E', '2025-05-01', 'living', 'Q1'),
      pay('W5', 'C1', '2025-06-01', 'medical', 'Q2'),
      pay('W6', 'C2', '2025-07-01', 'living', 'Q2'),
    ],
  });
  await db.run('create temp table cells_hashed as select * from indicator_cells');
});
afterAll(() => db?.close());

async function differences(): Promise<number> {
  return Number(
    await db.value(`select count(*) from (
      (select * from indicator_cells except all select * from cells_hashed)
      union all
      (select * from cells_hashed except all select * from indicator_cells))`),
  );
}

describe('person numbers when keys share a hash', () => {
  it('every key colliding gives the same mart, cell for cell', async () => {
    await rebuildMart(db, families(allCollide));
    expect(await differences()).toBe(0);
    // the people really were told apart: three trainees and three aided people at the root in 2025
    // (P1, P2, P3; Q1, Q2 and TREE's P4), not one each
    expect((await partsOf(db, 'R', 2025, 'training.persons'))?.value).toBe(3);
    expect((await partsOf(db, 'R', 2025, 'relief.persons'))?.value).toBe(3);
  });

  it('without the collision handling the same rebuild merges people (the comparison can fail)', async () => {
    await rebuildMart(db, families(unhandled));
    expect(await differences()).toBeGreaterThan(0);
    expect((await partsOf(db, 'R', 2025, 'training.persons'))?.value).toBe(1);
    expect((await partsOf(db, 'R', 2025, 'relief.persons'))?.value).toBe(1);
  });
});
