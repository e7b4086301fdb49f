// Builds the indicator mart (indicator_cells behind the view indicator_values, indicator_orgs,
// indicator_years, indicator_keys) from the clean tables. The ingest calls rebuildMart inside its
// write, after each load, so pages and batch reports read a table instead of recomputing. Set-based:
// one query per family (queries/marts/*.sql) over all orgs and years at once, rolled up through
// org_closure, then indicator_cells.sql computes the rates and stores the non-zero rows (readers fill
// the zeros: see queries/marts/indicator_cells.sql for why the mart is sparse).
import { sql, type Db } from '../db/duckdb.ts';
import { loadKeys } from './mart-keys.ts';

/**
 * The family queries, each yielding (org_no, year, code, numerator, denominator). Run in this order:
 * the heaviest first, while no other family's rows hold memory (scale 250 under a 1GB limit:
 * training took 11 s first, 13.8 s third).
 */
export const MART_FAMILY_FILES = [
  'marts/training.sql', 'marts/relief.sql', 'marts/coverage.sql', 'marts/activities.sql',
  // the work areas of shared/indicators-2.md: small registers, run after the big four
  'marts/organisation.sql', 'marts/rights.sql', 'marts/democracy.sql', 'marts/honours.sql', 'marts/funds.sql', 'marts/services.sql',
];

/** Every SQL file of the mart (the header test reads these). */
export const MART_FILES = [
  'marts/reportable_years.sql', 'marts/indicator_years.sql', 'marts/indicator_orgs.sql', 'marts/org_numbers.sql', 'marts/unit_homes.sql', ...MART_FAMILY_FILES,
  'marts/indicator_cells.sql', 'marts/indicator_values.sql', 'marts/monthly.sql', 'marts/monthly_areas.sql',
];

export function body(relPath: string): string {
  return sql(relPath).trim().replace(/;\s*$/, '');
}

/** From this memory_limit up, each family's rows get their own temp table (~4.5 GB peak at scale 250). */
export const WIDE_MIN_BYTES = 8 * 2 ** 30;

const UNITS: Record<string, number> = { B: 1, KB: 1e3, MB: 1e6, GB: 1e9, TB: 1e12, KIB: 2 ** 10, MIB: 2 ** 20, GIB: 2 ** 30, TIB: 2 ** 40 };

/** A DuckDB size setting in bytes (memory_limit reads back as e.g. '953.6 MiB'); 0 when it cannot be read. */
export async function settingBytes(db: Db, name: 'memory_limit' | 'block_allocator_memory'): Promise<number> {
  const text = await db.value<string>(`select current_setting('${name}')`);
  const m = /^([\d.]+)\s*([A-Za-z]+)$/.exec(String(text).trim());
  return m ? Number(m[1]) * (UNITS[m[2]!.toUpperCase()] ?? 0) : 0;
}

/**
 * A rebuild with memory to spare keeps the blocks it frees for reuse: DuckDB's block allocator may
 * hold a quarter of memory_limit (default 0: every freed block went back to the system, and the next
 * family faulted it in again). At scale 250 (peak RSS ~2 GB either way) the rebuild went from 35.5
 * and 38.6 s to 29.0-30.8 s with 2 or 4 GB, its system CPU from ~12 to ~8.6 s, alternating in
 * one run. An instance never lowers the setting again, which is why only the rebuilds with memory
 * to spare (bench:indicators, tests) raise it: the ingest's writers keep their own
 * (WRITER_BLOCK_MEMORY, src/lib/db/duckdb.ts).
 */
async function keepFreedBlocks(db: Db): Promise<void> {
  const want = Math.floor((await settingBytes(db, 'memory_limit')) / 4 / 2 ** 20);
  if ((await settingBytes(db, 'block_allocator_memory')) < want * 2 ** 20) await db.run(`set block_allocator_memory = '${want}MiB'`);
}

/** Drops a table or view of that name, whichever it is (warehouses before the cells held a table indicator_values). */
export async function dropRelation(db: Db, name: string): Promise<void> {
  const isView = await db.value<number>('select count(*) from duckdb_views() where view_name = $name and not temporary and database_name = current_database()', { name });
  await db.run(`drop ${isView ? 'view' : 'table'} if exists ${name}`);
}

/**
 * The mart's year and number tables and the closure in both numberings, from scratch. The closure
 * is stored (org_numbers: it changes only with the tree, which rebuilds the mart) and read by the
 * families as the temp view _org_numbers; a small upload no longer rebuilds it.
 */
async function numberOrgs(db: Db): Promise<void> {
  await db.run(`create or replace table reportable_years as ${body('marts/reportable_years.sql')}`);
  await db.run(`create or replace table indicator_years as ${body('marts/indicator_years.sql')}`);
  await loadKeys(db);
  await db.run(`create or replace table indicator_orgs as ${body('marts/indicator_orgs.sql')}`);
  await db.run(`create or replace table org_numbers as ${body('marts/org_numbers.sql')}`);
  await db.run('create or replace temp view _org_numbers as select * from org_numbers');
}

/**
 * Whether a family query yields key numbers itself (`-- keys: key_no` in its header: it looks its
 * codes up in indicator_keys on few rows, before its roll-up or per breakdown value, refusing an
 * unknown one by name) rather than a `code` per row, which is looked up here, once per row (at scale
 * 250 democracy's 12.5M rows built and hashed a code string each).
 */
export function yieldsKeyNo(family: string): boolean {
  return /^--\s*keys:\s*key_no\b/m.test(family);
}

/**
 * One family's rows as the mart stores them: cast to one exact type each (DuckDB types a union by
 * its widest member, and DECIMAL(38,2) money next to a HUGEINT sum would lose its cents; DECIMAL(18,2)
 * is int64-backed: arithmetic on it is ~30× faster than on the 128-bit DECIMAL(38,2)), codes turned
 * into key numbers (20M code strings held ~0.7 GB until the final write), limited to the scope
 * (_mart_years, _org_rollup) again: a family that does not read them is still right (only slower).
 * `strict`: a code the dictionary lacks raises an error (its message starts with UNKNOWN_CODE) where
 * it would otherwise get a null key number. A family yielding key numbers (yieldsKeyNo) always refuses
 * a code the dictionary lacks.
 */
export function familyPart(f: string, strict = false, everything = false): string {
  const numbered = yieldsKeyNo(f);
  const key = numbered ? 'f.key_no' : strict ? `coalesce(k.key_no, error('${UNKNOWN_CODE}' || f.code))` : 'k.key_no';
  return (
    `select f.org_no::integer as org_no, f.year::integer as year, ${key}::smallint as key_no, f.numerator::decimal(18, 2) as numerator,\n` +
    `f.denominator::decimal(18, 2) as denominator from (\n${f}\n) as f\n` +
    (numbered ? '' : `left join indicator_keys as k on k.code = f.code  -- a code the dictionary lacks: refused\n`) +
    // a full rebuild's scope is every year and org: no semi joins of every row. Its zero rows, which
    // indicator_cells.sql does not store, are dropped before their codes are looked up (DuckDB pushes
    // the filter into each branch of a family's union, before its `code || dim` strings: democracy
    // emits ~1/3 zero rows); a code the dictionary lacks in a non-zero row is still refused
    (everything
      ? 'where f.numerator <> 0 or f.denominator <> 0  -- as indicator_cells.sql keeps them'
      : `where f.year in (select year from _mart_years) and f.org_no in (select ancestor_no from _org_rollup)`)
  );
}

const UNKNOWN_CODE = 'mart: a code the dictionary does not know: ';

/**
 * Temp tables several families read, computed once for those that do. `text` gives a mart file's SQL
 * (default: today's; scripts/bench/mart-profile.ts --verify passes another revision's).
 */
export async function sharedTemps(db: Db, families: string[], text: (relPath: string) => string = body): Promise<void> {
  // where each unit counts, one definition for every family that counts units, computed once for
  // the families that read it (coverage, organisation, democracy: as a view it was computed three
  // times, ~4 s of CPU each at scale 250), from the years in _mart_years
  if (families.some((f) => f.includes('_unit_homes'))) {
    await db.run(`create or replace temp table _unit_homes as ${text('marts/unit_homes.sql')}`);
  }
}

/** Throws the error that names (up to ten of) the codes the families emit and the dictionary lacks. */
async function refuseUnknownCodes(db: Db, families: string[], message = ''): Promise<never> {
  const coded = families.filter((f) => !yieldsKeyNo(f));
  const unknown = coded.length
    ? await db.all<{ code: string }>(
      `select distinct code from (${coded.map((f) => `select code from (\n${f}\n)`).join(' union all ')})
       where code not in (select code from indicator_keys) order by code limit 10`,
    )
    : [];
  // a family yielding key numbers raised the error itself, naming the code
  const named = message.includes(UNKNOWN_CODE) ? [message.slice(message.indexOf(UNKNOWN_CODE) + UNKNOWN_CODE.length).split(/\s/)[0]!] : [];
  const codes = unknown.length ? unknown.map((r) => r.code) : named;
  throw new Error(`Mart queries emit codes the dictionary does not know: ${codes.join(', ')}`);
}

/**
 * Whether a family emits its rows in runs sorted by org and year (`-- order: org_no, year` in its
 * header): it sorts its rolled rows (one per org, year and breakdown value) after its last join and
 * unnests their figures after the sort, so its cells need no sort of their own (at scale 250 the
 * sort of democracy's 8.7M cells was ~3 of the ~5.7 s of CPU their write took).
 */
export function emitsSorted(family: string): boolean {
  return /^--\s*order:\s*org_no, year\b/m.test(family);
}

const ORDER_BY = /\norder by org_no, year\b[^\n]*$/;

/**
 * The statement that writes the cells of one family (the temp view _mart_parts) into `table`: sorted
 * by org and year (indicator_cells.sql), or as the family emits them when it emits them sorted
 * (emitsSorted: each of its sorted runs stays one run, and a point read touches one stretch of
 * each). DuckDB keeps a stream's order through filters, projections and unnests while
 * preserve_insertion_order is on; indicator_cells.sql looks the keys' kinds up without a join for
 * that reason. scripts/bench/mart-profile.ts --write times the same and prints the runs.
 */
export function cellsInsert(family: string, table = 'indicator_cells'): string {
  const cells = body('marts/indicator_cells.sql');
  if (!ORDER_BY.test(cells)) throw new Error('indicator_cells.sql no longer ends with its order by org_no, year');
  return `insert into ${table} by name ${emitsSorted(family) ? cells.replace(ORDER_BY, '') : cells}`;
}

/**
 * The columns of indicator_cells and of the tables written like it, `value` computed from the row when
 * read instead of stored (at scale 250, writing its 31.6M values was ~2.6 s of the rebuild's CPU, a
 * quarter of the cells' write): the numerator for counts and money (their denominator is stored null,
 * indicator_cells.sql); for rates and ratios numerator / denominator rounded half-up to 6 places in
 * BIGINT arithmetic (both sides in hundredths, values ≥ 0), null ("—", never 0 or NaN) over a zero
 * denominator. Exact up to a numerator of 4.6 × 10^10 (yuan or count); beyond it DuckDB raises an
 * overflow error rather than return a wrong figure. Written `by name`, without `value`.
 */
export const CELLS_COLUMNS = `(org_no integer, year integer, key_no smallint,
  value decimal(18, 6) generated always as (case
    when denominator is null then numerator
    when denominator = 0 then null
    else ((2 * (numerator * 100)::bigint * 1000000 + (denominator * 100)::bigint) // (2 * (denominator * 100)::bigint))::decimal(18, 0) * 0.000001
  end) virtual,
  numerator decimal(18, 2), denominator decimal(18, 2))`;

/**
 * A full rebuild with memory to spare: each family's rows go straight from its query into
 * indicator_cells, sorted by org and year, one statement per family. No temp table of all the
 * families' rows and no sort of all of them (50M rows at scale 250: 34 s of CPU, against 26 s for
 * ten sorted family inserts, measured in one run); an org's rows then sit in one run per family
 * (ten zonemap hits instead of one for a point read: ~20 ms at the root of scale 250, as before).
 */
async function writeCellsByFamily(db: Db, families: string[], onStep?: StepLog): Promise<void> {
  const step = stepTimer(onStep);
  await sharedTemps(db, families);
  step('shared temps');
  await db.run(`create or replace table indicator_cells ${CELLS_COLUMNS}`);
  try {
    for (const [i, f] of families.entries()) {
      await db.run(`create or replace temp view _mart_parts as ${familyPart(f, true, true)}`);
      await db.run(cellsInsert(f));
      if (onStep) step(`${i + 1}. ${familyName(f)} and its write`);
    }
  } catch (e) {
    const message = String((e as Error).message);
    if (message.includes(UNKNOWN_CODE)) await refuseUnknownCodes(db, families, message);
    throw e;
  }
}

/**
 * Runs the family queries into temp tables and shows them as the temp view _mart_parts. The
 * families read the years to compute from _mart_years and roll up to the orgs in _org_rollup (the
 * closure limited to the ancestors being computed); the caller sets both up. Returns the tables
 * to drop. `everything`: the scope is every org and year (a full rebuild's, as writeCellsByFamily runs
 * the families: no semi joins, zero rows dropped; scripts/bench/mart-profile.ts times that path).
 * `shared`: create the temp tables several families read (false: the caller did, e.g. to time them apart).
 */
export async function computeParts(db: Db, families: string[], wide: boolean, everything = false, shared = true): Promise<string[]> {
  const parts = families.map((f) => familyPart(f, false, everything));
  // Two plans, same SQL, same rows, both one statement per family (a statement keeps its CTEs until
  // it ends: all four in one statement ran out of memory under the ingest's 1GB limit and lost its
  // threads to the window steps), written unordered (preserve_insertion_order off: every thread at
  // once) and sorted once, in the write of indicator_cells. With memory to spare each family gets
  // its own temp table, which the final sort reads with both threads; that sort ran out of memory
  // at 1GB, where one table that all four append to spills fine. (A full rebuild with memory to
  // spare does not come here: writeCellsByFamily.)
  if (shared) await sharedTemps(db, families);
  const tables = wide ? parts.map((_, i) => `_mart_part${i}`) : ['_mart_part'];
  const keepOrder = await db.value<boolean>("select current_setting('preserve_insertion_order')");
  try {
    await db.run('set preserve_insertion_order = false');
    if (!wide) {
      await db.run(
        'create or replace temp table _mart_part (org_no integer, year integer, key_no smallint,' +
          ' numerator decimal(18, 2), denominator decimal(18, 2))',
      );
    }
    for (const [i, f] of parts.entries()) {
      await db.run(wide ? `create or replace temp table ${tables[i]} as\n${f}` : `insert into _mart_part\n${f}`);
    }
  } catch (e) {
    const message = String((e as Error).message);
    if (message.includes(UNKNOWN_CODE)) await refuseUnknownCodes(db, families, message);
    throw e;
  } finally {
    await db.run(`set preserve_insertion_order = ${keepOrder ? 'true' : 'false'}`);
  }
  await db.run(`create or replace temp view _mart_parts as ${tables.map((t) => `select * from ${t}`).join(' union all ')}`);
  // a typo in a family query would otherwise vanish silently: the whole mart is refused (the
  // caller's write is then abandoned)
  if (await db.value<boolean>('select exists (select 1 from _mart_parts where key_no is null)')) await refuseUnknownCodes(db, families);
  return tables;
}

export async function dropTemps(db: Db, tables: string[]): Promise<void> {
  // _mart_years and _org_rollup are views in a full rebuild, tables in an incremental one; _org_numbers a view
  // one look at the temp views and one statement for the drops (a round trip each cost ~2 ms × 14 in a small upload)
  const names = ['_mart_parts', '_unit_homes', '_org_rollup', '_mart_years', '_org_numbers', ...tables];
  const views = new Set((await db.all<{ v: string }>('select view_name as v from duckdb_views() where temporary')).map((r) => r.v));
  await db.run(names.map((name) => `drop ${views.has(name) ? 'view' : 'table'} if exists ${name};`).join('\n'));
}

/** A step of a rebuild with its wall and CPU time (this process: every DuckDB thread), for the benches. */
export type StepLog = (step: string, ms: number, cpuMs: number) => void;

function stepTimer(onStep?: StepLog): (step: string) => void {
  let t = performance.now();
  let cpu = process.cpuUsage();
  return (step) => {
    if (!onStep) return;
    const used = process.cpuUsage(cpu);
    onStep(step, performance.now() - t, (used.user + used.system) / 1000);
    t = performance.now();
    cpu = process.cpuUsage();
  };
}

/** A family query's file name for the logs ('coverage'), or 'custom' for a query of no file. */
function familyName(f: string): string {
  return MART_FAMILY_FILES.find((p) => body(p) === f)?.replace(/^marts\/|\.sql$/g, '') ?? 'custom';
}

/**
 * Rebuilds the mart tables and the view indicator_values from scratch. Returns the row count and time
 * taken; `onStep` hears each step's time (bench:indicators prints them).
 */
export async function rebuildMart(db: Db, families = MART_FAMILY_FILES.map(body), onStep?: StepLog): Promise<{ rows: number; ms: number }> {
  const t0 = performance.now();
  const step = stepTimer(onStep);
  const wide = (await settingBytes(db, 'memory_limit')) >= WIDE_MIN_BYTES;
  if (wide) await keepFreedBlocks(db);
  await numberOrgs(db);
  step('numbering, keys, closure');
  // a full rebuild computes every year for every org
  await db.run('create or replace temp view _mart_years as select * from indicator_years');
  await db.run('create or replace temp view _org_rollup as select * from _org_numbers');
  let tables: string[] = [];
  try {
    if (wide) await writeCellsByFamily(db, families, onStep);
    else {
      tables = await computeParts(db, families, false);
      await db.run(`create or replace table indicator_cells ${CELLS_COLUMNS}`);
      await db.run(`insert into indicator_cells by name ${body('marts/indicator_cells.sql')}`);
    }
  } finally {
    await dropTemps(db, tables);
  }
  await dropRelation(db, 'indicator_values');
  await db.run(`create view indicator_values as ${body('marts/indicator_values.sql')}`);
  const rows = await db.value<number>('select count(*) from indicator_cells');
  return { rows, ms: Math.round(performance.now() - t0) };
}
