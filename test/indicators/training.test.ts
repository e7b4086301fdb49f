// Given the hand-made federation of tree-fixture.ts, expect the training and activity indicators
// worked out by hand.
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
  // training sessions starting in 2024 in R's subtree: T1 T2 T3 T4 T6 (T5 is 2023)
  ['R', 2024, 'training.sessions', 5, null, 5],
  ['R', 2024, 'training.sessions:cadre', 2, null, 2], // T1, T6
  ['R', 2024, 'training.sessions:hardship', 1, null, 1],
  ['R', 2024, 'training.sessions:workers', 1, null, 1], // T4 starts on D
  ['C1', 2024, 'training.sessions', 2, null, 2], // T1 (G1), T2
  // person-times: enrollments; T3 has no list so its 30 participants count; T1's 99 does not
  // T1 4 + T2 5 + T3 30 + T4 2 + T6 1 = 42
  ['R', 2024, 'training.person_times', 42, null, 42],
  ['R', 2024, 'training.person_times:unemployed', 30, null, 30],
  ['C1', 2024, 'training.person_times', 9, null, 9],
  // distinct people: T1 4 (ID-M2, ID-M5, ID-M3, N:张三) + T2 5 (H1…H5) + T4 W1 (H1 again) + T6 ID-M7
  ['R', 2024, 'training.persons', 11, null, 11],
  ['R', 2024, 'training.persons:hardship', 5, null, 5],
  ['S1', 2024, 'training.persons', 10, null, 10], // all but ID-M7 (trained by R)
  // hours × completed: T1 8×2 + T2 20.5×4 (H5's blank counts as completed) + T3 0 (no list)
  // + T4 4.5×2 + T6 2×1 = 16 + 82 + 0 + 9 + 2 = 109
  ['R', 2024, 'training.hours', 109, null, 109],
  ['R', 2024, 'training.hours:hardship', 82, null, 82],
  ['R', 2024, 'training.hours:workers', 9, null, 9],
  // outcomes, hardship and unemployed courses: completed H1 H2 H3 H5 (not H4); certified H1 H2
  // (H4's certificate without completion does not count); employed H1 H3; T3 adds nothing
  ['R', 2024, 'training.completed', 4, null, 4],
  ['R', 2024, 'training.certification_rate', 2, 4, 0.5],
  ['R', 2024, 'training.employment_rate', 2, 4, 0.5],
  ['R', 2024, 'training.certification_rate:hardship', 2, 4, 0.5],
  ['R', 2024, 'training.employment_rate:hardship', 2, 4, 0.5],
  ['R', 2024, 'training.certification_rate:unemployed', 0, 0, null], // no completed enrollments
  ['R', 2024, 'training.certified:hardship', 2, null, 2],
  // cadres standing at D: M2, M5 (joins on D), M7; not M3 (leaves on D).
  // Completed a cadre course starting in 2024: M2 (T1), M7 (T6 by the root); M5 did not complete,
  // M3 completed but is gone by D. T5 (2023) does not count for 2024.
  ['R', 2024, 'training.cadres', 3, null, 3],
  ['R', 2024, 'training.cadres_trained', 2, null, 2],
  ['R', 2024, 'training.cadre_rate', 2, 3, 0.666667],
  ['C1', 2024, 'training.cadre_rate', 1, 2, 0.5],
  ['S2', 2024, 'training.cadre_rate', 1, 1, 1], // M7 of C2, trained by the root's course
  ['R', 2023, 'training.cadre_rate', 1, 2, 0.5], // 2023: cadres M3, M7; M7 completed T5
  ['E', 2024, 'training.cadre_rate', 0, 0, null],
  ['E', 2024, 'training.sessions', 0, null, 0],
  // activities starting in 2024: 5 trainings + A1 A2 A3
  ['R', 2024, 'activity.count', 8, null, 8],
  ['R', 2024, 'activity.count:training', 5, null, 5],
  ['R', 2024, 'activity.count:culture_sports', 2, null, 2],
  ['R', 2024, 'activity.count:safety', 0, null, 0], // A4 is 2023
  ['R', 2023, 'activity.count:safety', 1, null, 1],
  // participants: trainings as training.person_times (42), A1 200, A2 blank → 0, A3 15
  ['R', 2024, 'activity.participants', 257, null, 257],
  ['R', 2024, 'activity.participants:training', 42, null, 42],
  ['R', 2024, 'activity.participants:culture_sports', 200, null, 200],
  ['S2', 2024, 'activity.participants', 30, null, 30], // C2's T3 30 + A2 blank (T6 is the root's own)
])('%s %i %s', (org, year, code, numerator, denominator, value) => {
  it(`= ${value} (${numerator}${denominator === null ? '' : ` / ${denominator}`})`, async () => {
    expect(await partsOf(db, org, year, code)).toEqual({ value, numerator, denominator });
  });
});
