// 本级 and 合计 rows: the children plus the org's own figures add up to the org's total, on the
// hand-made federation (tree-fixture.ts; a real DuckDB file).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Db } from '../../src/lib/db/duckdb.ts';
import { getChildTable, ownParts } from '../../src/lib/indicators/child-table.ts';
import { childrenPanel } from '../../src/lib/charts/panels.ts';
import { toCsv } from '../../src/lib/charts/table.ts';
import { buildWarehouse } from './fixture.ts';
import { TREE } from './tree-fixture.ts';

let dir: string;
let db: Db;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'child-table-'));
  const file = join(dir, 'warehouse.duckdb');
  (await buildWarehouse(TREE, file)).close();
  db = await Db.open(file, { readOnly: true });
});
afterAll(() => {
  db?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('getChildTable', () => {
  it('C1 2024: its own aid and members are what it paid and holds itself', async () => {
    const t = await getChildTable(db, 'C1', 2024, ['relief.amount', 'coverage.members', 'coverage.unionisation_rate']);
    // G2 was dissolved on 2024-06-30: not a row of the 2024 table
    expect(t.children.map((c) => c.org.code)).toEqual(['G1']);
    // aid in 2024: G1 paid 1000.10 + 500.05 + 50.00 = 1550.15, C1 itself V3 = 2000.00 → total 3550.15
    expect(t.total['relief.amount']!.value).toBe(3550.15);
    expect(t.own['relief.amount']!.value).toBe(2000);
    // members at D: G1 has M1, M2, M4 (M3 left on D); C1 itself M5 (joined on D) → 4 = 3 + 1
    expect(t.total['coverage.members']!.value).toBe(4);
    expect(t.own['coverage.members']!.value).toBe(1);
    // units at their home (coverage.sql): G1 covers U1 and U7 (2 of 2); C1 itself holds U2 and U8
    // (its union only from 2025) → 0 of 2, its own rate; 合计 2 of 4
    expect(t.children[0]!.values['coverage.unionisation_rate']).toEqual({ value: 1, numerator: 2, denominator: 2 });
    expect(t.own['coverage.unionisation_rate']).toEqual({ value: 0, numerator: 0, denominator: 2 });
    expect(t.total['coverage.unionisation_rate']).toMatchObject({ value: 0.5, numerator: 2, denominator: 4 });
  });

  it('S1 2024: J1 (founded 2025) is not a row; U7 in S1\'s area counts at its union G1, so S1\'s own rate is over nothing', async () => {
    const t = await getChildTable(db, 'S1', 2024, ['coverage.unionisation_rate']);
    expect(t.children.map((c) => c.org.code)).toEqual(['C1']);
    // S1 subtree: U1, U2, U7, U8 should unionise, U1 and U7 have → 2/4, all of them C1's
    expect(t.total['coverage.unionisation_rate']).toMatchObject({ numerator: 2, denominator: 4, value: 0.5 });
    expect(t.own['coverage.unionisation_rate']).toEqual({ value: null, numerator: 0, denominator: 0 });
  });

  it('R 2024: distinct people have no own figure, because the children overlap', async () => {
    const t = await getChildTable(db, 'R', 2024, ['relief.persons', 'relief.amount']);
    // P2 was aided in C1 (S1) and C2 (S2): S1 has P1, P2, P5 = 3, S2 has P2, P3 = 2, R has 4 people
    expect(t.children.map((c) => c.values['relief.persons']!.value)).toEqual([3, 2]);
    expect(t.total['relief.persons']!.value).toBe(4);
    expect(t.own['relief.persons']!.value).toBeNull();
    // R paid nothing itself: 3550.15 + 400.33 = 3950.48
    expect(t.own['relief.amount']!.value).toBe(0);
    expect(t.total['relief.amount']!.value).toBe(3950.48);
  });
});

describe('ownParts', () => {
  it('rounds away the float noise of subtracting cents', () => {
    // 0.3 − 0.1 − 0.2 is 5.55e-17 in floats; in cents it is 0
    expect(ownParts('relief.amount', 'money', { value: 0.3, numerator: null, denominator: null },
      [{ value: 0.1, numerator: null, denominator: null }, { value: 0.2, numerator: null, denominator: null }]).value).toBe(0);
  });
});

describe('childrenPanel with 本级 and 合计', () => {
  it('ends the table (and so its CSV) with the own and total rows, the chart with the children only', async () => {
    const t = await getChildTable(db, 'C1', 2024, ['relief.amount']);
    const p = childrenPanel({ id: 'x', title: 't', description: 'd', lang: 'zh', chartCodes: ['relief.amount'], tableCodes: ['relief.amount'],
      children: t.children, own: t.own, total: t.total, href: (c) => `/org/${c}` });
    // G2, dissolved in June, is not a row
    expect(p.table.rows.map((r) => r[0])).toEqual(['G1', '本级', '合计']);
    expect(p.table.summaryRows).toBe(2);
    expect(p.table.links).toEqual(['/org/G1', null, null]);
    // 帮扶金额 in 万元: 0.16 + 0.20 = 0.36 (rounded cells; the unrounded 1550.15 + 2000 = 3550.15)
    expect(p.table.rows.map((r) => r[1])).toEqual(['0.16', '0.20', '0.36']);
    expect(toCsv(p.table)).toContain('\r\n本级,0.20\r\n合计,0.36\r\n');
    expect((p.spec.input as { categories: string[] }).categories).toEqual(['G1']);
  });
});

describe('column headers', () => {
  it('name the unit once: "Training person-times", not "Training person-times (person-times)"', async () => {
    const { header } = await import('../../src/lib/charts/panels.ts');
    expect(header('training.person_times', 'en')).toBe('Training person-times');
    expect(header('relief.amount', 'en')).toBe('Aid paid (CNY)');
    expect(header('training.person_times', 'zh')).toBe('培训人次');
    expect(header('coverage.members', 'zh')).toBe('会员人数 (人)');
  });
});
