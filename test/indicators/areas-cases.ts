// Runs a table of [org, year, key, numerator, denominator, value] cases against the mart built from
// the hand-made federation of areas-fixture.ts (one warehouse per test file).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/lib/db/duckdb.ts';
import { buildWarehouse, partsOf } from './fixture.ts';
import { AREAS } from './areas-fixture.ts';

export type Case = [org: string, year: number, code: string, numerator: number, denominator: number | null, value: number | null];

export function expectCases(cases: Case[]): void {
  let db: Db;
  beforeAll(async () => {
    db = await buildWarehouse(AREAS);
  });
  afterAll(() => db?.close());
  describe.each<Case>(cases)('%s %i %s', (org, year, code, numerator, denominator, value) => {
    it(`= ${value} (${numerator}${denominator === null ? '' : ` / ${denominator}`})`, async () => {
      expect(await partsOf(db, org, year, code)).toEqual({ value, numerator, denominator });
    });
  });
}
