// Given the hand-made federation of tree-fixture.ts, expect the relief indicators worked out by hand.
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
  // aid paid in 2024. G1: V1 1000.10 + V2 500.05 + V8 50.00 (the current version; the 5,000 元 one in
  // aid_history is superseded) = 1550.15. V5 (2023) and V6 (2025) are other years.
  ['G1', 2024, 'relief.amount', 1550.15, null, 1550.15],
  ['C1', 2024, 'relief.amount', 3550.15, null, 3550.15], // + V3 2000.00
  ['S1', 2024, 'relief.amount', 3550.15, null, 3550.15],
  ['C2', 2024, 'relief.amount', 400.33, null, 400.33], // V4 300.33 + V9 100.00
  ['R', 2024, 'relief.amount', 3950.48, null, 3950.48],
  ['R', 2023, 'relief.amount', 999, null, 999],
  ['R', 2025, 'relief.amount', 777, null, 777],
  ['R', 2024, 'relief.amount:living', 1500.15, null, 1500.15],
  ['R', 2024, 'relief.amount:medical', 2100, null, 2100],
  ['R', 2024, 'relief.amount:education', 300.33, null, 300.33],
  ['R', 2024, 'relief.amount:holiday', 50, null, 50],
  ['R', 2024, 'relief.amount:mutual', 0, null, 0],
  // by fund source; V3 has none and is its own slice, so the slices add up to 3950.48
  ['R', 2024, 'relief.amount:fiscal', 1000.1, null, 1000.1],
  ['R', 2024, 'relief.amount:union_funds', 600.05, null, 600.05],
  ['R', 2024, 'relief.amount:donation', 300.33, null, 300.33],
  ['R', 2024, 'relief.amount:higher_union', 50, null, 50],
  ['R', 2024, 'relief.amount:unspecified', 2000, null, 2000],
  // person-times are rows: V1 V2 V3 V4 V8 V9
  ['R', 2024, 'relief.person_times', 6, null, 6],
  ['R', 2024, 'relief.person_times:medical', 2, null, 2],
  ['G1', 2024, 'relief.person_times', 3, null, 3],
  // people are distinct over the whole subtree: P1 (twice), P2 (by C1 and by C2), P3, P5
  ['R', 2024, 'relief.persons', 4, null, 4],
  ['R', 2024, 'relief.persons:medical', 1, null, 1],
  ['R', 2024, 'relief.persons:living', 1, null, 1],
  ['S2', 2024, 'relief.persons', 2, null, 2], // P3, P2
  // 3950.48 / 6 = 658.41333… → stored half-up to 6 places
  ['R', 2024, 'relief.avg_per_person_time', 3950.48, 6, 658.413333],
  // hardship files in 2024 (R): on record in Y: F1, F2, F5, F6, F7 (F3 exited 2023, F4 registered 2025)
  ['R', 2024, 'relief.files_active', 5, null, 5],
  // open at D: F2 (exits 2025), F5; not F1 (exited in Y), F6 (exits on D), F7
  ['R', 2024, 'relief.files_open', 2, null, 2],
  ['R', 2024, 'relief.files_new', 1, null, 1], // F1
  ['R', 2024, 'relief.exits', 3, null, 3], // F1, F6, F7
  ['R', 2024, 'relief.exit_rate', 3, 5, 0.6],
  ['C1', 2024, 'relief.files_active', 3, null, 3], // F1, F2, F7
  ['C1', 2024, 'relief.exits', 2, null, 2],
  ['R', 2025, 'relief.exits', 1, null, 1], // F2, the later-year exit
  ['R', 2025, 'relief.files_active', 3, null, 3], // F2, F4, F5
  ['R', 2023, 'relief.exits', 1, null, 1], // F3
  ['R', 2023, 'relief.files_active', 5, null, 5], // F2, F3, F5, F6, F7
  // nothing at all: zero money, a ratio over zero rows is null
  ['E', 2024, 'relief.amount', 0, null, 0],
  ['E', 2024, 'relief.avg_per_person_time', 0, 0, null],
  ['E', 2024, 'relief.exit_rate', 0, 0, null],
])('%s %i %s', (org, year, code, numerator, denominator, value) => {
  it(`= ${value} (${numerator}${denominator === null ? '' : ` / ${denominator}`})`, async () => {
    expect(await partsOf(db, org, year, code)).toEqual({ value, numerator, denominator });
  });
});

describe('money stays exact', () => {
  it('keeps DECIMAL types all the way to the mart', async () => {
    const types = await db.all(
      `select column_name, data_type from information_schema.columns
       where table_name = 'indicator_values' and column_name in ('value', 'numerator', 'denominator') order by column_name`,
    );
    expect(types).toEqual([
      { column_name: 'denominator', data_type: 'DECIMAL(18,2)' },
      { column_name: 'numerator', data_type: 'DECIMAL(18,2)' },
      { column_name: 'value', data_type: 'DECIMAL(18,6)' },
    ]);
  });

  it('sums cents without a float accident', async () => {
    // 0.1 + 0.2 in DOUBLE is 0.30000000000000004; as DECIMAL it is 0.30
    const v = await db.value<string>(
      `select numerator::varchar from indicator_values where org_code = 'R' and year = 2024 and code = 'relief.amount'`,
    );
    expect(v).toBe('3950.48');
  });
});
