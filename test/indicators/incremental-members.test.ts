// A members batch changes the mart by difference (coverage.sql and training.sql declare `-- delta:
// members by member_no`, src/lib/indicators/mart-delta.ts): given the hand-made federation of
// tree-fixture.ts, a batch written as the ingest writes it (new versions with the batch's id, the
// versions they replace in members_history, its file in ingest_file), expect the cells worked out by
// hand, a rate's numerator moving while its denominator (units, employees) stays, and the whole mart
// equal to a rebuild of the same rows.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../../src/lib/db/duckdb.ts';
import { rebuildMart } from '../../src/lib/indicators/mart.ts';
import { updateMart } from '../../src/lib/indicators/mart-update.ts';
import { buildWarehouse, insert, partsOf } from './fixture.ts';
import { TREE } from './tree-fixture.ts';

let db: Db;
beforeEach(async () => {
  db = await buildWarehouse(TREE);
});
afterEach(() => db?.close());

/** Batch `batch` of the members register: `rows` new or replacing the stored versions of their member_no. */
async function membersBatch(batch: number, rows: Record<string, string | boolean | null>[]) {
  await db.run(`insert into ingest_file (file_id, batch_id, path, file_name, sha256, bytes, family)
    values ($b, $b, 'members.csv', 'members.csv', 'x', 1, 'members')`, { b: batch });
  for (const r of rows) {
    const no = { no: r.member_no as string };
    await db.run(`insert into members_history by name select *, ${batch} as _superseded_by_batch from members where member_no = $no`, no);
    await db.run('delete from members where member_no = $no', no);
  }
  const base = { name: '会员', gender: null, birth_date: null, phone: null, unit_code: null, leave_date: null, is_migrant_worker: false, is_cadre: false };
  await insert(db, 'members', rows.map((r) => ({ ...base, ...r, _batch_id: batch, _file_id: batch, _hash: `b${batch}` })));
  return updateMart(db, { writeId: batch, batch });
}

/** indicator_values now and after a rebuild of the same rows: rows in one and not the other, both ways. */
async function againstRebuild(): Promise<[number, number]> {
  await db.run('create or replace table _incremental as select * from indicator_values');
  await rebuildMart(db);
  const n = (sql: string) => db.value<number>(`select count(*) from (${sql})`).then(Number);
  return [
    await n('select * from _incremental except all select * from indicator_values'),
    await n('select * from indicator_values except all select * from _incremental'),
  ];
}

const parts = async (org: string, year: number, code: string) => {
  const p = await partsOf(db, org, year, code);
  return [p?.numerator, p?.denominator, p?.value];
};

describe('a members batch, by difference', () => {
  it('a new member: 入会率 moves by its numerator only', async () => {
    // before (coverage.test.ts): G1 2024 members M1, M2, M4 over the 150 employees of U1 and U7;
    // the root 5 over 230
    expect(await parts('G1', 2024, 'coverage.membership_rate')).toEqual([3, 150, 0.02]);
    const r = await membersBatch(2, [{ member_no: 'M8', id_number: 'ID-M8', org_code: 'G1', join_date: '2024-06-01' }]);
    expect({ mode: r.mode, how: r.how, by: r.byDifference }).toEqual({ mode: 'incremental', how: 'delta', by: ['marts/training.sql', 'marts/coverage.sql'] });
    // M8 joins G1 in 2024: 4 / 150 (the employees stay: a members batch reads no unit)
    expect(await parts('G1', 2024, 'coverage.membership_rate')).toEqual([4, 150, 0.026667]);
    expect(await parts('R', 2024, 'coverage.membership_rate')).toEqual([6, 230, 0.026087]);
    expect(await parts('R', 2024, 'coverage.new_members')).toEqual([3, null, 3]); // M2, M5, M8
    // the units' rate beside it is left as it was (U1 and U7 at G1, both unionised)
    expect(await parts('G1', 2024, 'coverage.unionisation_rate')).toEqual([2, 2, 1]);
    // not a cadre: the cadre rate stays (training.test.ts: C1 1 of M2, M5)
    expect(await parts('C1', 2024, 'training.cadre_rate')).toEqual([1, 2, 0.5]);
    expect(await againstRebuild()).toEqual([0, 0]);
  });

  it('a trained cadre moves: the cadre rate follows their courses', async () => {
    // M7, a cadre of C2 since 2019, completed T5 (2023) and T6 (2024) under their ID: moved to G1.
    // Before (training.test.ts): S2 2024 1 of 1 (M7), C1 2024 1 of 2 (M2 trained, M5 not), the
    // root 2 of 3; C1 2023: M3 alone, untrained, 0 of 1
    expect(await parts('S2', 2024, 'training.cadre_rate')).toEqual([1, 1, 1]);
    expect(await parts('C1', 2023, 'training.cadre_rate')).toEqual([0, 1, 0]);
    const r = await membersBatch(3, [{ member_no: 'M7', id_number: 'ID-M7', org_code: 'G1', join_date: '2019-01-01', is_cadre: true }]);
    expect({ how: r.how, by: r.byDifference }).toEqual({ how: 'delta', by: ['marts/training.sql', 'marts/coverage.sql'] });
    // M7 now counts at G1 and is trained there: C1 2024 2 of 3, 2023 1 of 2 (T5); S2 has no cadre
    expect(await parts('C1', 2024, 'training.cadre_rate')).toEqual([2, 3, 0.666667]);
    expect(await parts('C1', 2023, 'training.cadre_rate')).toEqual([1, 2, 0.5]);
    expect(await parts('S2', 2024, 'training.cadre_rate')).toEqual([0, 0, null]);
    expect(await parts('R', 2024, 'training.cadre_rate')).toEqual([2, 3, 0.666667]);
    // members: G1 4 of 150, S2 0 of U9's 80 employees, the root as it was
    expect(await parts('G1', 2024, 'coverage.membership_rate')).toEqual([4, 150, 0.026667]);
    expect(await parts('S2', 2024, 'coverage.membership_rate')).toEqual([0, 80, 0]);
    expect(await parts('R', 2024, 'coverage.membership_rate')).toEqual([5, 230, 0.021739]);
    // the courses' own figures are the same on both sides of the difference: unchanged
    expect(await parts('R', 2024, 'training.sessions:cadre')).toEqual([2, null, 2]);
    expect(await againstRebuild()).toEqual([0, 0]);
  });
});
