// Reportable years the stored mart does not hold (indicators-2.md, Reporting years): a year opened
// only by a unit's unionisation, a hardship exit or a part-2 register, before the first year with
// headcounts, aid or activities. Storing them would multiply the rebuild by the decades unionisation
// dates reach back (the sample: 2000–2025, 26 years against 5 stored; at scale 25 the cells grew
// 1.7M → 4.3M). So such a year is computed when first asked for, by the reader itself: the live
// warehouse is only ever read, and a read-only DuckDB connection may still hold temp tables. The
// family queries of the full rebuild run for those years and every org (same SQL, same rows: a test
// compares them with the stored cells) into the temp table _early_cells of that connection, kept as
// long as the connection reads this snapshot (a swapped-in warehouse gets a new connection, and its
// data may have changed, so it computes them again on its first request).
import { type Db } from '../db/duckdb.ts';
import { CELLS_COLUMNS, MART_FAMILY_FILES, body, computeParts, dropTemps } from './mart.ts';

interface State {
  years: Set<number>;
  /** Computations on one connection run one after the other (they share the temp table names). */
  queue: Promise<void>;
}

const computed = new WeakMap<Db, State>();

function stateOf(db: Db): State {
  let s = computed.get(db);
  if (!s) computed.set(db, (s = { years: new Set(), queue: Promise.resolve() }));
  return s;
}

/** The years this connection has computed beside the stored mart. */
export function earlyYears(db: Db): ReadonlySet<number> {
  return computed.get(db)?.years ?? new Set();
}

/**
 * Computes `years` (reportable years, stored or not: a test recomputes stored ones to compare) for
 * every org into `_early_cells` and shows them, keyed like indicator_values, as `_early_values`.
 * Years already computed on this connection are skipped.
 */
export async function computeEarly(db: Db, years: number[]): Promise<void> {
  const s = stateOf(db);
  const run = s.queue.then(async () => {
    const todo = [...new Set(years)].filter((y) => Number.isInteger(y) && !s.years.has(y));
    if (!todo.length) return;
    const list = todo.join(', ');  // integers, checked above
    await db.run(`create temp table if not exists _early_cells ${CELLS_COLUMNS}`);
    let tables: string[] = [];
    try {
      await db.run(`create or replace temp table _mart_years as select year, starts_on, as_of from reportable_years where year in (${list})`);
      await db.run(`create or replace temp table _org_numbers as ${body('marts/org_numbers.sql')}`);
      await db.run('create or replace temp view _org_rollup as select * from _org_numbers');
      tables = await computeParts(db, MART_FAMILY_FILES.map(body), false);
      await db.run(`insert into _early_cells by name ${body('marts/indicator_cells.sql')}`);
    } finally {
      await dropTemps(db, tables);
    }
    // the view reads the cells twice: the stored rows and the rate parts read from them
    const view = body('marts/indicator_values.sql');
    const reads = view.match(/from indicator_cells as /g)?.length ?? 0;
    if (reads !== 2) throw new Error(`internal: indicator_values.sql reads \`from indicator_cells as\` ${reads} times, not 2`);
    await db.run(`create or replace temp view _early_values as ${view.replaceAll('from indicator_cells as ', 'from _early_cells as ')}`);
    for (const y of todo) s.years.add(y);
  });
  // a failed computation does not block the next request (it tries again)
  s.queue = run.catch(() => {});
  return run;
}

/** What readers select the values of `years` from: the stored view, with the early years beside it when any are among them. */
export function valuesOf(db: Db, years: number[]): string {
  const early = earlyYears(db);
  return years.some((y) => early.has(y)) ? '(select * from indicator_values union all select * from _early_values)' : 'indicator_values';
}

/**
 * The same for the cells, keyed by numbers, with the counts that are a rate's parts read from the
 * rate's cell as indicator_values.sql reads them (they are not stored: RATE_PARTS in mart-keys.ts).
 */
export function cellsOf(db: Db, years: number[]): string {
  const early = earlyYears(db);
  const cells = years.some((y) => early.has(y)) ? '(select * from indicator_cells union all select * from _early_cells)' : 'indicator_cells';
  return `(select org_no, year, key_no, value, numerator, denominator from ${cells}
    union all
    select org_no, year, key_no, n::decimal(18, 6), n, null::decimal(18, 2)
    from (
      select r.org_no, r.year, p.key_no, case when p.part = 'numerator' then r.numerator else r.denominator end as n
      from ${cells} as r
      join indicator_keys as p on p.part_of = r.key_no
    )
    where n <> 0)`;
}
