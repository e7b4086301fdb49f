// training.sql and relief.sql number people by the 63-bit hash of their key and give keys that share
// a hash numbers of their own below zero, so that two people are never merged. A real collision
// cannot be produced, so here every key is made to collide: the families run with `hash(` replaced
// by `length(` (P1, P2, Q1 … all hash alike). The mart must come out cell for cell as with the real
// hash; and with the collision handling switched off too, the same rebuild must differ (people
// merged), which shows the comparison can fail. The hand-made federation of tree-fixture.ts with its
// people seen at several orgs of 2025 (TRAINED_AT_SEVERAL, AIDED_AT_SEVERAL).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/lib/db/duckdb.ts';
import { MART_FAMILY_FILES, body, rebuildMart } from '../../src/lib/indicators/mart.ts';
import { buildWarehouse, partsOf } from './fixture.ts';
import { AIDED_AT_SEVERAL, TRAINED_AT_SEVERAL, TREE } from './tree-fixture.ts';

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
  db = await buildWarehouse({ ...TREE, ...TRAINED_AT_SEVERAL, ...AIDED_AT_SEVERAL });
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
