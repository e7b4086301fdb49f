// Lineage rows reconcile with the mart: for every defined indicator part, on a warehouse made by the
// real ingest, the rows listed (count, sum or distinct keys, as the part's measure says) give exactly
// the numerator/denominator in indicator_values. Each row carries its batch, file and row number.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Db } from '../../src/lib/db/duckdb.ts';
import { ingestPaths } from '../../src/lib/ingest/pipeline.ts';
import { LINEAGE_CODES, PART_CODES, lineage, partSql } from '../../src/lib/auditor/lineage.ts';
import { lineageLink } from '../../src/lib/auditor/lineage-link.ts';
import { sandboxQuery } from '../../src/lib/auditor/sandbox-process.ts';
import { listAudit } from '../../src/lib/auditor/audit-log.ts';
import { openStore } from '../../src/lib/auth/store.ts';
import { writeFixture } from '../browser/fixture.ts';
import { areaMeasureSql } from './areas-measure.ts';
import { AREA_PARTS } from '../../src/lib/auditor/lineage-areas.ts';

let dir: string;
let db: string;
let mart: Map<string, { numerator: number; denominator: number | null }>;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'ua-lineage-'));
  db = join(dir, 'warehouse.duckdb');
  writeFixture(join(dir, 'registers'));
  await ingestPaths(db, [join(dir, 'registers')], { user: 'test' });
  const w = await Db.open(db, { readOnly: true });
  const rows = await w.all<{ org_code: string; year: number; code: string; numerator: number; denominator: number | null }>(
    'select org_code, year, code, numerator, denominator from indicator_values',
  );
  w.close();
  mart = new Map(rows.map((r) => [`${r.org_code}|${r.year}|${r.code}`, r]));
}, 120_000);
afterAll(() => {
  openStore(db).close();
  rmSync(dir, { recursive: true, force: true });
});

const MEASURE: Record<string, (sql: string) => string> = {
  'coverage.employees': (s) => `select coalesce(sum(employees), 0) from (${s})`,
  'coverage.migrant_employees': (s) => `select coalesce(sum(migrant_employees), 0) from (${s})`,
  'relief.amount': (s) => `select coalesce(sum(amount), 0) from (${s})`,
  'relief.persons': (s) => `select count(distinct person_key) from (${s})`,
  'training.persons': (s) => `select count(distinct person_key) from (${s})`,
  // per-session totals: each session's row carries what it adds
  'training.person_times': (s) => `select coalesce(sum(_person_times), 0) from (${s})`,
  'training.hours': (s) => `select coalesce(sum(_hours), 0) from (${s})`,
  'activity.participants': (s) => `select coalesce(sum(_participants), 0) from (${s})`,
};

describe('lineage reconciles with indicator_values', () => {
  // the part-2 codes reconcile on their own fixture, all codes per sandbox query (lineage-areas.test.ts)
  const cases = LINEAGE_CODES.filter((code) => !(code in AREA_PARTS)).flatMap((code) =>
    [['F0', 2024], ['S1', 2023], ['S2C1', 2022]].map(([org, year]) => [code, org as string, year as number] as const),
  );
  it.each(cases)('%s for %s %i', async (code, org, year) => {
    const sql = partSql(code, org, year)!;
    const measured = MEASURE[code]?.(sql) ?? areaMeasureSql(code, sql) ?? `select count(*) from (${sql})`;
    const r = await sandboxQuery(db, measured);
    const got = Number(r.rows[0]![0]);
    const want = mart.get(`${org}|${year}|${code}`)?.numerator ?? 0;
    expect(got).toBeCloseTo(Number(want), 2);
  });

  it('lists rate parts with provenance, masked, and logs them', async () => {
    const auditor = { name: 'shen', role: 'auditor' as const, orgScope: null };
    const l = await lineage(db, auditor, { key: 'coverage.membership_rate', org: 'F0', year: 2024 });
    expect(l.parts.map((p) => [p.role, p.key])).toEqual([['numerator', 'coverage.members'], ['denominator', 'coverage.employees']]);
    const members = l.parts[0]!.part!.result;
    const names = members.columns.map((c) => c.name);
    for (const c of ['_batch_id', '_file_id', '_row_no', '_file_name']) expect(names).toContain(c);
    const row = members.rows[0]!;
    expect(row[names.indexOf('_file_name')]).toBe('members.csv');
    expect(Number(row[names.indexOf('_row_no')])).toBeGreaterThanOrEqual(2);
    expect(String(row[names.indexOf('id_number')])).toMatch(/^\d{6}\*{8}/);
    expect(members.rows.length).toBe(mart.get('F0|2024|coverage.membership_rate')!.numerator);
    const logged = await listAudit(db, { user: 'shen', limit: 2 });
    expect(logged.map((x) => x.source)).toEqual(['lineage', 'lineage']);
  });

  it.each([
    ['training.persons:cadre'], ['training.completed:hardship'], ['relief.amount:medical'], ['activity.count:culture_sports'],
    ['training.person_times:hardship'], ['training.hours:cadre'], ['activity.participants:culture_sports'],
  ])(
    'breakdown %s reconciles',
    async (key) => {
      const code = key.split(':')[0]!;
      const sql = partSql(key, 'F0', 2024)!;
      const measured = MEASURE[code]?.(sql) ?? areaMeasureSql(code, sql) ?? `select count(*) from (${sql})`;
      const got = Number((await sandboxQuery(db, measured)).rows[0]![0]);
      expect(got).toBeCloseTo(Number(mart.get(`F0|2024|${key}`)?.numerator ?? 0), 2);
    },
  );

  it('links only auditors, and only for traceable figures', () => {
    expect([...LINEAGE_CODES].sort()).toEqual([...PART_CODES].sort());
    const auditor = { name: 'a', role: 'auditor' as const, orgScope: null };
    expect(lineageLink(auditor, 'coverage.membership_rate', 'F0', 2024)).toBe('/audit/lineage?key=coverage.membership_rate&org=F0&year=2024');
    expect(lineageLink({ ...auditor, role: 'staff' }, 'coverage.membership_rate', 'F0', 2024)).toBeNull();
    expect(lineageLink(null, 'relief.amount', 'F0', 2024)).toBeNull();
    expect(lineageLink(auditor, 'training.cadre_rate', 'F0', 2024)).not.toBeNull();
    expect(lineageLink(auditor, 'no.such', 'F0', 2024)).toBeNull();
  });

  it('respects the subtree of a limited account', async () => {
    const limited = { name: 'wu', role: 'auditor' as const, orgScope: 'S1' };
    await expect(lineage(db, limited, { key: 'relief.person_times', org: 'F0', year: 2024 })).rejects.toThrow(/outside your scope/);
    const mine = await lineage(db, limited, { key: 'relief.person_times', org: 'S1C1', year: 2024 });
    const all = await lineage(db, { ...limited, orgScope: null }, { key: 'relief.person_times', org: 'S1C1', year: 2024 });
    expect(mine.parts[0]!.part!.result.rows.length).toBe(all.parts[0]!.part!.result.rows.length);
    expect(mine.parts[0]!.part!.result.rows.length).toBe(mart.get('S1C1|2024|relief.person_times')?.numerator ?? 0);
  });
});
