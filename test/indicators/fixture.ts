// Tiny hand-made warehouses for the indicator tests: a real DuckDB (in memory) with the real schema,
// rows inserted with bound parameters, and an org_closure built from the orgs' parent codes.
import { Db } from '../../src/lib/db/duckdb.ts';
import { ensureSchema } from '../../src/lib/db/warehouse.ts';
import { rebuildMart } from '../../src/lib/indicators/mart.ts';
import { resolve } from '../../src/lib/indicators/dictionary.ts';
import { filled } from '../../src/lib/indicators/report.ts';

type Value = string | number | boolean | null;
export type Rows = Record<string, Value>[];

export interface Org {
  org_code: string;
  org_name?: string;
  parent_code?: string | null;
  org_type: string;
  founded_on?: string | null;
  dissolved_on?: string | null;
  has_women_committee?: boolean | null;
}

export interface Fixture {
  orgs: Org[];
  units?: Rows;
  units_history?: Rows;
  headcounts?: Rows;
  members?: Rows;
  hardship_files?: Rows;
  aid?: Rows;
  aid_history?: Rows;
  activities?: Rows;
  enrollments?: Rows;
  // the registers of data-contract-2.md
  rights_cases?: Rows;
  inspections?: Rows;
  contracts?: Rows;
  contract_units?: Rows;
  democracy?: Rows;
  org_honours?: Rows;
  person_honours?: Rows;
  funds?: Rows;
  dues?: Rows;
  stations?: Rows;
  placements?: Rows;
}

const TABLES = [
  'units', 'units_history', 'headcounts', 'members', 'hardship_files', 'aid', 'aid_history', 'activities', 'enrollments', 'rights_cases',
  'inspections', 'contracts', 'contract_units', 'democracy', 'org_honours', 'person_honours', 'funds', 'dues', 'stations',
  'placements',
] as const;

const PROVENANCE = { _batch_id: 1, _file_id: 1, _hash: 'fixture' };

export async function insert(db: Db, table: string, rows: Rows): Promise<void> {
  for (const [i, row] of rows.entries()) {
    const full: Record<string, Value> = { ...PROVENANCE, _row_no: i + 2, ...row };
    if (table.endsWith('_history') && full._superseded_by_batch === undefined) full._superseded_by_batch = 2;
    const cols = Object.keys(full);
    await db.run(
      `insert into ${table} (${cols.join(', ')}) values (${cols.map((c) => `$${c}`).join(', ')})`,
      full,
    );
  }
}

/** Every (ancestor, descendant, depth) pair, depth 0 for each org itself. */
export function closureOf(orgs: Org[]): Rows {
  const parent = new Map(orgs.map((o) => [o.org_code, o.parent_code ?? null]));
  const rows: Rows = [];
  for (const o of orgs) {
    let cur: string | null = o.org_code;
    let depth = 0;
    while (cur) {
      rows.push({ ancestor: cur, descendant: o.org_code, depth });
      cur = parent.get(cur) ?? null;
      depth++;
    }
  }
  return rows;
}

export async function buildWarehouse(f: Fixture, path = ':memory:'): Promise<Db> {
  const db = await Db.open(path);
  await ensureSchema(db);
  await insert(
    db,
    'orgs',
    f.orgs.map((o) => ({ org_name: o.org_code, parent_code: null, founded_on: null, dissolved_on: null, ...o })),
  );
  await db.run('delete from org_closure');
  for (const r of closureOf(f.orgs)) {
    await db.run('insert into org_closure values ($ancestor, $descendant, $depth)', r);
  }
  for (const t of TABLES) {
    const rows = f[t];
    if (rows?.length) await insert(db, t, rows);
  }
  await rebuildMart(db);
  return db;
}

/**
 * One key's (value, numerator, denominator) as the readers see it: the mart is sparse, so an absent
 * key of a reporting year reads as zero (or 0/0 for rates). undefined when the year is not reported.
 */
export async function partsOf(db: Db, org: string, year: number, code: string) {
  const reported = await db.value<number>('select count(*) from indicator_years where year = $year', { year });
  if (!reported) return undefined;
  const row = await db.one<{ value: number | null; numerator: number | null; denominator: number | null }>(
    'select value, numerator, denominator from indicator_values where org_code = $org and year = $year and code = $code',
    { org, year, code },
  );
  return filled(resolve(code)!.indicator.kind, row);
}
