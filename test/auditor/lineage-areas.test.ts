// Lineage of the part-2 figures reconciles with the mart: on the hand-made federation of
// test/indicators/areas-fixture.ts (a real DuckDB file), the rows each part lists add up (count, sum
// or distinct keys, as its measure says) to the numerator in indicator_values, for the total and
// for breakdowns, in three orgs and three years (stocks at D, flows in Y, rows outside the subtree).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AREA_PARTS } from '../../src/lib/auditor/lineage-areas.ts';
import { partSql } from '../../src/lib/auditor/lineage.ts';
import { sandboxQuery } from '../../src/lib/auditor/sandbox-process.ts';
import { buildWarehouse } from '../indicators/fixture.ts';
import { AREAS } from '../indicators/areas-fixture.ts';
import { areaMeasureSql } from './areas-measure.ts';

let dir: string;
let db: string;
let mart: Map<string, number>;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'ua-lineage-areas-'));
  db = join(dir, 'warehouse.duckdb');
  const w = await buildWarehouse(AREAS, db);
  const rows = await w.all<{ org_code: string; year: number; code: string; numerator: number }>(
    'select org_code, year, code, numerator from indicator_values',
  );
  w.close();
  mart = new Map(rows.map((r) => [`${r.org_code}|${r.year}|${r.code}`, Number(r.numerator)]));
}, 60_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Every key's lineage measured in one sandbox query (a sandbox per key cost ~0.6 s each). */
async function measureAll(keys: string[], org: string, year: number): Promise<Record<string, number>> {
  const parts = keys.map((key) => {
    const sql = partSql(key, org, year);
    if (!sql) throw new Error(`no lineage for ${key}`);
    const measure = areaMeasureSql(key.split(':')[0]!, sql) ?? `select coalesce(sum(amount), 0) from (${sql})`; // relief.amount
    return `select '${key}' as key, (${measure})::double as v`;
  });
  // unmasked: the fixture is written straight into the tables, without the ingest's pseudonyms (masked
  // person keys would all read null); masking has its own tests
  const r = await sandboxQuery(db, parts.join('\nunion all\n'), { unmask: true });
  return Object.fromEntries(r.rows.map((row) => [String(row[0]), Math.round(Number(row[1]) * 100) / 100]));
}

const wanted = (keys: string[], org: string, year: number) =>
  Object.fromEntries(keys.map((k) => [k, Math.round((mart.get(`${org}|${year}|${k}`) ?? 0) * 100) / 100]));

describe('part-2 lineage reconciles with indicator_values', () => {
  const codes = Object.keys(AREA_PARTS);
  it.each([['R', 2024], ['S1', 2024], ['S2', 2024], ['C1', 2023], ['R', 2025]] as const)('every code for %s %i', async (org, year) => {
    expect(await measureAll(codes, org, year)).toEqual(wanted(codes, org, year));
  });

  it('breakdowns, each with something in it', async () => {
    const keys = [
      'rights.cases:letter_visit', 'rights.person_times:legal_aid', 'rights.wages_recovered:legal_aid', 'supervision.units_rectified:safety',
      'contracts.signed:single', 'contracts.workers_covered:women', 'contracts.units_covered:private', 'congress.units_established:state',
      'honours.workers_homes:advanced.city', 'honours.model_workers:county', 'funds.raised:one_day_pay', 'funds.raised:fiscal',
      'stations.count:help_station', 'stations.centre_orgs_with:street_federation', 'employment.persons:referral',
      'relief.amount:golden_autumn', 'relief.in_kind_value:warmth', 'coverage.new_unions:street_federation',
    ];
    const want = wanted(keys, 'R', 2024);
    expect(Object.values(want).filter((x) => !(x > 0))).toEqual([]); // the comparison means something
    expect(await measureAll(keys, 'R', 2024)).toEqual(want);
  });
});
