// The mart as a whole: the dictionary's worked example, every key computed, the empty org, the SQL
// headers, and the types that keep money exact.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { Db, QUERIES_DIR, sql } from '../../src/lib/db/duckdb.ts';
import { allKeys } from '../../src/lib/indicators/dictionary.ts';
import { MART_FAMILY_FILES, MART_FILES, rebuildMart } from '../../src/lib/indicators/mart.ts';
import { rateParts } from '../../src/lib/indicators/mart-keys.ts';
import { getIndicators } from '../../src/lib/indicators/read.ts';
import { ACTIVITY_KINDS, AID_CATEGORIES, AUDIENCES, FUND_SOURCES } from '../../src/lib/ingest/families.ts';
import { buildWarehouse, partsOf, type Rows } from './fixture.ts';
import { TREE } from './tree-fixture.ts';
import { tempDir } from '../helpers/warehouse.ts';
import { everyKeyAreas } from './every-key-areas.ts';

describe('the worked example of shared/indicators.md', () => {
  let db: Db;
  beforeAll(async () => {
    // a community union: 163 units should unionise, 157 have; their 1,270 employees, 1,211 members
    const units: Rows = [];
    const headcounts: Rows = [];
    for (let i = 0; i < 163; i++) {
      const code = `U${String(i).padStart(3, '0')}`;
      const unionised = i < 157;
      units.push({
        unit_code: code, unit_name: code, area_org_code: 'CU', should_unionise: true, registered_on: '2020-01-01',
        union_org_code: unionised ? 'CU' : null, unionised_on: unionised ? '2021-06-01' : null,
      });
      // 156 × 8 + 22 = 1,270 employees in the unionised units; the others' staff do not count
      if (unionised) headcounts.push({ unit_code: code, as_of: '2024-12-31', employees: i === 0 ? 22 : 8 });
      else headcounts.push({ unit_code: code, as_of: '2024-12-31', employees: 50 });
    }
    const members: Rows = Array.from({ length: 1211 }, (_, i) => ({
      member_no: `M${i}`, name: `会员${i}`, id_number: `ID${i}`, org_code: 'CU', join_date: '2022-03-01',
    }));
    db = await buildWarehouse({ orgs: [{ org_code: 'CU', org_name: '某社区联合工会', org_type: 'community_union' }], units, headcounts, members });
  });
  afterAll(() => db?.close());

  it('应组建163家, 已组建157家 → 组建率 96.3%', async () => {
    const r = await getIndicators(db, 'CU', 2024);
    expect(r.indicators['coverage.unionisation_rate']).toMatchObject({ value: 0.9632, numerator: 157, denominator: 163, display: '96.3%' });
    expect(r.indicators['coverage.units_should']!.display).toBe('163家');
  });

  it('职工1270人, 入会1211人 → 入会率 95.4%', async () => {
    const r = await getIndicators(db, 'CU', 2024);
    expect(r.indicators['coverage.membership_rate']).toMatchObject({ value: 0.9535, numerator: 1211, denominator: 1270, display: '95.4%' });
    expect(r.indicators['coverage.employees']!.display).toBe('1,270人');
    expect(r.indicators['coverage.members']!.display).toBe('1,211人');
  });
});

describe('every dictionary key is computed by the mart SQL, not only filled in', () => {
  let db: Db;
  beforeAll(async () => {
    const cats = Object.keys(AID_CATEGORIES);
    const funds = [...Object.keys(FUND_SOURCES), null];
    const aid: Rows = [...cats, ...funds].map((_, i) => ({
      voucher_no: `V${i}`, org_code: 'G', paid_on: '2024-05-01', amount: '10.50', person_key: `P${i}`,
      category: cats[i % cats.length]!, fund_source: funds[i % funds.length] ?? null,
    }));
    const activities: Rows = Object.keys(ACTIVITY_KINDS).filter((k) => k !== 'training').map((kind, i) => ({
      activity_no: `A${i}`, org_code: 'C', kind, title: kind, start_date: '2024-06-01', participants: 5,
    }));
    const enrollments: Rows = [];
    for (const audience of Object.keys(AUDIENCES)) {
      activities.push({ activity_no: `T-${audience}`, org_code: 'J', kind: 'training', title: audience, start_date: '2024-03-01', audience, hours: 3 });
      enrollments.push({ activity_no: `T-${audience}`, person_key: 'ID-1', completed: true, certified: true, employed_on: '2024-08-01' });
    }
    const areas = everyKeyAreas(); // the keys of shared/indicators-2.md
    db = await buildWarehouse({
      ...areas,
      units: [{ unit_code: 'U', unit_name: 'U', area_org_code: 'C', union_org_code: 'G', unionised_on: '2020-01-01', should_unionise: true }, ...areas.units!],
      headcounts: [{ unit_code: 'U', as_of: '2024-12-31', employees: 10, migrant_employees: 4 }, ...areas.headcounts!],
      members: [{ member_no: '1', name: 'a', id_number: 'ID-1', org_code: 'G', join_date: '2024-02-01', is_migrant_worker: true, is_cadre: true }, ...areas.members!],
      hardship_files: [
        { file_no: 'F1', org_code: 'G', category: 'deep', registered_on: '2024-01-01', exit_on: '2024-10-01', person_key: 'ID-1' },
        { file_no: 'F2', org_code: 'G', category: 'deep', registered_on: '2023-01-01', exit_on: null, person_key: 'ID-2' },
      ],
      aid: [...aid, ...areas.aid!],
      activities,
      enrollments,
    });
  });
  afterAll(() => db?.close());

  it('holds exactly the dictionary keys, each with something in it', async () => {
    const rows = await db.all<{ code: string; numerator: number; denominator: number | null }>(
      `select code, numerator, denominator from indicator_values where org_code = 'R' and year = 2024`,
    );
    expect(rows.map((r) => r.code).sort()).toEqual(allKeys().sort());
    const empty = rows.filter((r) => !(r.numerator > 0 || (r.denominator ?? 0) > 0)).map((r) => r.code);
    expect(empty).toEqual([]);
  });
});

describe('the hand-made federation', () => {
  let db: Db;
  beforeAll(async () => {
    db = await buildWarehouse(TREE);
  });
  afterAll(() => db?.close());

  it('stores the non-zero keys of every org and reporting year, and the dictionary beside them', async () => {
    const years = await db.all('select year, as_of from indicator_years order by year');
    expect(years).toEqual([
      { year: 2023, as_of: '2023-12-31' },
      { year: 2024, as_of: '2024-12-31' },
      { year: 2025, as_of: '2025-12-31' },
    ]);
    expect(await db.value('select count(*) from indicator_keys')).toBe(allKeys().length);
    const zeros = await db.value<number>(
      'select count(*) from indicator_values where numerator = 0 and coalesce(denominator, 0) = 0',
    );
    expect(zeros).toBe(0);
    // R's 2024 keys that are stored are exactly those with something in them
    const stored = await db.value<number>(`select count(*) from indicator_values where org_code = 'R' and year = 2024`);
    expect(stored).toBeGreaterThan(60);
    expect(stored).toBeLessThan(allKeys().length);
  });

  it('an org with no rows at all: counts 0, rates null (only its own existence as a union counts)', async () => {
    const rows = await db.all<{ code: string; value: number | null }>(
      `select code, value from indicator_values where org_code = 'E' and year = 2024 order by code`,
    );
    expect(rows).toEqual([
      { code: 'coverage.unions_by_type', value: 1 },
      { code: 'coverage.unions_by_type:grassroots_union', value: 1 },
    ]);
    const report = await getIndicators(db, 'E', 2024);
    for (const [key, v] of Object.entries(report.indicators)) {
      if (key.startsWith('coverage.unions_by_type')) continue;
      if (v.unit === '%' || key === 'relief.avg_per_person_time') expect(v, key).toMatchObject({ value: null, display: '—' });
      else expect(v.value, key).toBe(0);
    }
  });

  it('numbers the orgs level by level (children are one run) and depth first (subtrees are one run)', async () => {
    const byLevel = await db.all('select org_no, org_code from indicator_orgs order by org_no');
    expect(byLevel.map((o) => o.org_code)).toEqual(['R', 'S1', 'S2', 'C1', 'J1', 'C2', 'E', 'G1', 'G2']);
    expect(byLevel.map((o) => o.org_no)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    const depthFirst = await db.all('select org_code from indicator_orgs order by preorder_no');
    expect(depthFirst.map((o) => o.org_code)).toEqual(['R', 'S1', 'C1', 'G1', 'G2', 'J1', 'S2', 'C2', 'E']);
  });

  it('stores numbers in one run per family query, each sorted by org and year; the view shows the same rows with codes', async () => {
    // a point read then touches one stretch of each run (zonemaps), without one sort of every row
    const cells = await db.all<{ org_no: number; year: number; key_no: number }>('select org_no, year, key_no from indicator_cells');
    const descents = cells.filter((c, i) => i > 0 && (c.org_no < cells[i - 1]!.org_no || (c.org_no === cells[i - 1]!.org_no && c.year < cells[i - 1]!.year)));
    expect(descents.length).toBeGreaterThan(0);  // more than one family query wrote rows here
    // one sorted run per family query, and those that emit their rows sorted (mart.ts emitsSorted)
    // one per part: coverage, activities and democracy two each; in any other order the
    // descents would be many (this federation's cells: hundreds of rows per family)
    expect(descents.length).toBeLessThan(MART_FAMILY_FILES.length + 4);
    // each key is written by one family query: its rows come in org and year order
    for (const key of new Set(cells.map((c) => c.key_no))) {
      const rows = cells.filter((c) => c.key_no === key);
      expect(rows).toEqual([...rows].sort((a, b) => a.org_no - b.org_no || a.year - b.year));
    }
    const joined = await db.value<number>(
      `select count(*) from indicator_cells as c
       join indicator_orgs using (org_no) join indicator_keys using (key_no)
       join indicator_values as v using (org_code, year, code)
       where v.value is not distinct from c.value and v.numerator = c.numerator
         and v.denominator is not distinct from c.denominator`,
    );
    expect(joined).toBe(cells.length);
    // the rest of the view: the counts that are a rate's parts (RATE_PARTS), not stored, each equal to
    // its rate's numerator or denominator of the same org and year, and only where that is non-zero
    const stored = await db.value<number>('select count(*) from indicator_cells join indicator_keys using (key_no) where part_of is not null');
    expect(stored).toBe(0);
    const parts = await db.all<{ rows: number; same: number }>(
      `select count(*)::integer as rows,
              count(*) filter (where v.numerator = case k.part when 'numerator' then r.numerator else r.denominator end
                                 and v.value = v.numerator and v.denominator is null and v.numerator <> 0)::integer as same
       from indicator_values as v
       join indicator_keys as k on k.code = v.code
       join indicator_orgs as o on o.org_code = v.org_code
       left join indicator_cells as r on r.org_no = o.org_no and r.year = v.year and r.key_no = k.part_of
       where k.part_of is not null`,
    );
    expect(parts[0]!.rows).toBeGreaterThan(0);
    expect(parts[0]!.same).toBe(parts[0]!.rows);
    expect(await db.value<number>('select count(*) from indicator_values')).toBe(cells.length + parts[0]!.rows);
  });

  it('stores no count that a rate beside it holds: no family query emits one (RATE_PARTS)', async () => {
    // each part is read from its rate's cell; a family emitting it would compute it for nothing
    const parts = rateParts();
    for (const f of MART_FAMILY_FILES) {
      const text = readFileSync(`${QUERIES_DIR}${f}`, 'utf8');
      for (const literal of text.matchAll(/'([a-z_]+\.[a-z_0-9]+)(:?)'/g)) {
        const code = literal[1]!;
        const emitted = literal[2] ? [...parts.keys()].filter((k) => k.startsWith(`${code}:`)) : parts.has(code) ? [code] : [];
        expect(emitted, `${f} emits ${code}${literal[2]}`).toEqual([]);
      }
    }
  });

  it('a street includes its communities’ grassroots unions', async () => {
    // S1 ⊃ C1 ⊃ G1: G1's aid and members reach S1 and R
    expect((await partsOf(db, 'S1', 2024, 'relief.amount:holiday'))!.value).toBe(50);
    expect((await partsOf(db, 'S1', 2024, 'coverage.members'))!.value).toBe(4);
    expect((await partsOf(db, 'S2', 2024, 'relief.amount:holiday'))!.value).toBe(0);
  });
});

describe('rebuilding the mart of a one-org warehouse (10.00 yuan of aid to R in 2024)', () => {
  let db: Db;
  beforeEach(async () => {
    db = await buildWarehouse({
      orgs: [{ org_code: 'R', org_type: 'federation' }],
      aid: [{ voucher_no: 'V1', org_code: 'R', paid_on: '2024-05-01', amount: '10.00', person_key: 'P1', category: 'living' }],
    });
  });
  afterEach(() => db?.close());

  it('replaces the table indicator_values of a warehouse from before the cells by the view', async () => {
    await db.run('drop view indicator_values');
    await db.run("create table indicator_values as select 'R' as org_code, 2024 as year, 'relief.amount' as code, 99.00 as value");
    await rebuildMart(db);
    expect(await db.value('select count(*) from duckdb_views() where view_name = $v', { v: 'indicator_values' })).toBe(1);
    expect((await partsOf(db, 'R', 2024, 'relief.amount'))!.value).toBe(10);
  });

  it('refuses the whole mart when a family query emits a code the dictionary does not know, and names it', async () => {
    const typo = "select 1 as org_no, 2024 as year, 'relief.amout' as code, 1.00 as numerator, null as denominator";
    const families = MART_FAMILY_FILES.map((f) => sql(f).trim().replace(/;\s*$/, ''));
    await expect(rebuildMart(db, [...families, typo])).rejects.toThrow(/does not know: relief\.amout$/);
    // the same families without the typo build the mart
    expect((await rebuildMart(db, families)).rows).toBeGreaterThan(0);
    expect((await partsOf(db, 'R', 2024, 'relief.amount'))!.value).toBe(10);
  });
});

describe('SQL files', () => {
  const dir = `${QUERIES_DIR}marts/`;
  const files = readdirSync(dir).filter((f) => f.endsWith('.sql'));

  it('the mart module knows every file in queries/marts', () => {
    expect(files.map((f) => `marts/${f}`).sort()).toEqual([...MART_FILES].sort());
  });

  it.each(files)('%s starts with the four header lines and is lowercase', (f) => {
    const text = readFileSync(dir + f, 'utf8');
    const header = text.split('\n').filter((l) => l.startsWith('--')).slice(0, 40).join('\n');
    for (const tag of ['definition', 'unit', 'grain', 'source']) expect(header).toMatch(new RegExp(`^-- ${tag}: \\S`, 'm'));
    expect(text.split('\n')[0]).toMatch(/^-- definition:/);
    const code = text.replace(/--.*$/gm, '').replace(/'[^']*'/g, "''");
    expect(code).not.toMatch(/\b(SELECT|FROM|WHERE|JOIN|GROUP BY|WITH)\b/);
    expect(code).toMatch(/select \* from final/);
  });
});

describe('indicator_orgs numbers a tree level by level and depth first', () => {
  let db: Db;
  // R ─┬─ X ── Z       "X!" sorts after "X" but before "X" + a separator like "/" (0x2f > "!" 0x21):
  //    └─ X!           a path joined by "/" would put X! between X and its child Z, and the
  //                    preorder run of X's subtree (X, Z) would hold X! too
  beforeAll(async () => {
    db = await buildWarehouse({
      orgs: [
        { org_code: 'R', org_type: 'federation' },
        { org_code: 'X!', org_type: 'street_federation', parent_code: 'R' },
        { org_code: 'X', org_type: 'street_federation', parent_code: 'R' },
        { org_code: 'Z', org_type: 'community_union', parent_code: 'X' },
      ],
    });
  });
  afterAll(() => db?.close());

  it('keeps each subtree one preorder run, and siblings side by side in org_no', async () => {
    const rows = await db.all<{ org_code: string; org_no: number; preorder_no: number }>('select org_code, org_no, preorder_no from indicator_orgs order by org_no');
    // level by level, siblings by code: R; X, X!; Z. Depth first: R, X, Z, X!
    expect(rows.map((r) => [r.org_code, r.org_no, r.preorder_no])).toEqual([['R', 1, 1], ['X', 2, 2], ['X!', 3, 4], ['Z', 4, 3]]);
  });

  it('refuses an org code holding chr(1), the separator of its paths', async () => {
    await db.run("insert into org_closure values ('R', 'Y' || chr(1), 1), ('Y' || chr(1), 'Y' || chr(1), 0)");
    await expect(db.run(`create temp table t as ${sql('marts/indicator_orgs.sql')}`)).rejects.toThrow(/holds the character chr\(1\)/);
  });
});

describe('the memory a full rebuild keeps', () => {
  const dir = tempDir('ua-mart-blocks-');
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  // a rebuild with memory to spare keeps a quarter of memory_limit of the blocks it frees (returned to
  // the system, each family faulted them in again: ~a fifth of the rebuild at scale 250); one under
  // the ingest's 1GB leaves the instance's setting alone (it can never be lowered again)
  it.each([['8GiB', '2.0 GiB'], ['1GB', '0 bytes']] as const)('memory_limit %s: blocks kept %s', async (limit, kept) => {
    const path = join(dir, `${limit}.duckdb`);
    (await buildWarehouse({ orgs: [{ org_code: 'R', org_type: 'federation' }] }, path)).close();
    const db = await Db.open(path, { memoryLimit: limit });
    try {
      expect(await db.value("select current_setting('block_allocator_memory')")).toBe('0 bytes');
      await rebuildMart(db);
      expect(await db.value("select current_setting('block_allocator_memory')")).toBe(kept);
    } finally {
      db.close();
    }
  });
});
