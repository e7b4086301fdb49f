// The mart after a small batch, at the cost of the batch: for families whose every figure is a sum
// over the entities of one table (declared in the family file: `-- delta: aid by person_key,
// hardship_files by file_no`), the cells change by the family computed over the rows of the changed
// entities now, minus the same computed over those entities' rows before the batch. Recomputing
// instead reads every row of the years and orgs touched: the root of a province is every payment of
// the year. Distinct people stay exact: a person is an entity, and all of their rows are read.
// Rates and ratios are stored as numerator and denominator, both sums, so they follow.
//
// The family queries are the full rebuild's, unchanged: the changed tables are shadowed by temp tables
// of the same name holding only those entities' rows (DuckDB resolves temp before main), the other
// tables they declare by empty ones (their entities did not change: zero difference).
import type { Db } from '../db/duckdb.ts';
import { body, computeParts } from './mart.ts';

/** `-- delta: aid by person_key, hardship_files by file_no` → { aid: 'person_key', hardship_files: 'file_no' }. */
export function deltaOf(text: string): Map<string, string> | null {
  const header = text.split('\n').filter((l) => l.startsWith('--')).join('\n');
  const m = /--\s*delta:([\s\S]*?)(?:\n--\s*[a-z]+:|$)/.exec(header);
  if (!m) return null;
  // "table by column" pairs, before any parenthesised remark
  const pairs = [...m[1]!.split('(')[0]!.matchAll(/([a-z_][a-z0-9_]*)\s+by\s+([a-z_][a-z0-9_]*)/g)];
  return pairs.length ? new Map(pairs.map((p) => [p[1]!, p[2]!])) : null;
}

/** Whether every family can take the batch as a difference: each declares delta for every changed table it reads. */
export function deltaApplies(texts: string[], changed: string[], sourcesOf: (t: string) => Set<string>): Map<string, string> | null {
  const all = new Map<string, string>();
  for (const text of texts) {
    const d = deltaOf(text);
    if (!d) return null;
    for (const t of changed) if (sourcesOf(text).has(t) && !d.has(t)) return null;
    for (const [t, by] of d) {
      if (all.has(t) && all.get(t) !== by) return null;
      all.set(t, by);
    }
  }
  return all;
}

/**
 * Where the copy of the org tree that holds the before side starts (org_no, preorder numbers): far
 * past any real number (they count the orgs).
 */
const MIRROR = 1_000_000_000;
/** Appended to the before side's org codes and entity keys: no real code or key holds \u0001. */
const TAG = "chr(1) || 'before'";
const TAG_NULL = "chr(1) || 'before-null'";

/** Adds to `table` its copy in the mirrored tree: `texts` tagged, `numbers` moved past MIRROR. */
const mirror = (table: string, texts: string[], numbers: string[]) =>
  `insert into ${table} select * replace (${[...texts.map((c) => `${c} || ${TAG} as ${c}`), ...numbers.map((c) => `${c} + ${MIRROR} as ${c}`)].join(', ')})
   from ${table};`;

/** The columns and their types of each of `tables` (qualified names), in one statement. */
async function columnsOf(db: Db, tables: string[]): Promise<Map<string, Map<string, string>>> {
  const out = new Map<string, Map<string, string>>();
  if (!tables.length) return out;
  const rows = await db.all<{ t: string; name: string; type: string }>(tables
    .map((t) => `select '${t.replace(/'/g, "''")}' as t, name, type from pragma_table_info('${t.replace(/'/g, "''")}')`)
    .join(' union all '));
  for (const r of rows) {
    if (!out.has(r.t)) out.set(r.t, new Map());
    out.get(r.t)!.set(r.name, r.type);
  }
  return out;
}

/**
 * Whether the families' `-- source:` words name no stored table but their delta tables and the org
 * lookups (a family that joins, say, units by org would not find the mirrored orgs there).
 */
async function readsOnly(db: Db, sources: Set<string>, deltaTables: string[]): Promise<boolean> {
  // the dictionary (indicator_keys) and the years hold no orgs
  const allowed = new Set([...deltaTables, 'indicator_orgs', 'org_numbers', 'indicator_years', 'indicator_keys']);
  const words = [...sources].filter((w) => !allowed.has(w) && !w.startsWith('_'));
  if (!words.length) return true;
  return !(await db.value<boolean>(
    `select count(*) > 0 from duckdb_tables() where database_name = current_database() and schema_name = 'main'
     and table_name in (${words.map((w) => `'${w}'`).join(', ')})`,
  ));
}

/**
 * Fills the temp view _mart_parts with the cells in scope (_org_rollup ancestors × _mart_years ×
 * _mart_keys) as they must be after batch `batch`: stored + (after − before) of the changed
 * entities. The caller replaces those cells from it, as after a recompute. Returns the temp tables to drop.
 */
export async function deltaParts(
  db: Db, families: string[], tables: Map<string, string>, changed: string[], batch: number, rollup: string, sources: Set<string>,
): Promise<{ tables: string[]; scope: CellScope }> {
  const cur = String(await db.value('select current_database()')).replace(/"/g, '""');
  const main = (t: string) => `"${cur}".main.${t}`;
  const shadows = [...tables.keys()];
  // one statement for all (each one run costs a round trip, however small)
  const drop = () => shadows.map((t) => `drop table if exists temp.main.${t};`).join('\n');
  await db.run(`create or replace temp table _delta (org_no integer, year integer, key_no smallint,
    numerator decimal(18, 2), denominator decimal(18, 2))`);
  let parts: string[] = [];
  let shadowedOrgs = false;
  try {
    for (const t of shadows.filter((s) => changed.includes(s))) {
      const by = tables.get(t)!;
      await db.run(`create or replace temp table _entities_${t} as
        select ${by} as e from ${main(t)} where _batch_id = ${batch}
        union select ${by} from ${main(`${t}_history`)} where _superseded_by_batch = ${batch}`);
    }
    // the rows of those entities: a semi-join on the column (an OR with "or the entity is null" in
    // the same filter read every column of every row: 3.6 s for 10 people at 2M payments, 0.3 s without)
    const nullEntity = new Map<string, boolean>();
    for (const t of shadows.filter((s) => changed.includes(s))) {
      nullEntity.set(t, Boolean(await db.value(`select count(*) > 0 from _entities_${t} where e is null`)));
    }
    // read once: the rows after the batch; before it, the same less its new versions plus the ones it
    // replaced (fetching them by row id after a scan of the entity column alone was slower from a
    // fresh process: 0.5-0.8 s against 0.3-0.5 s at 2M payments)
    for (const t of shadows.filter((s) => changed.includes(s))) {
      await db.run(`create or replace temp table _rows_${t} as
        select * from ${main(t)} where ${tables.get(t)} in (select e from _entities_${t})` +
        (nullEntity.get(t) ? ` union all select * from ${main(t)} where ${tables.get(t)} is null` : ''));
    }
    // The org lookups a delta family makes are for its rows' own orgs only (relief: each row's
    // preorder number in indicator_orgs, the ancestors of its org in _org_numbers for the lowest
    // common ancestors): in a delta both hold only the orgs of the changed entities' rows, before
    // and after (the scans and asof joins over 85k orgs and their 400k closure rows cost more than
    // the few rows they served). A delta family must not read them for anything else.
    const mine = shadows.filter((s) => changed.includes(s));
    // each table's own columns, one look (duckdb_columns() lists every column of every table, raw
    // files included: 0.14 s at scale 250)
    const info = await columnsOf(db, mine.map(main));
    const withOrg = mine.filter((t) => info.get(main(t))?.has('org_code'));
    // both sides in one run (below) when every changed table has an org and a text entity key, and
    // the families read nothing that carries orgs but those tables and the org lookups
    const oneRun = mine.length > 0 && withOrg.length === mine.length &&
      mine.every((t) => [tables.get(t)!, 'org_code'].every((c) => info.get(main(t))?.get(c) === 'VARCHAR')) && (await readsOnly(db, sources, [...tables.keys()]));
    if (mine.length && withOrg.length === mine.length) {
      await db.run(`create or replace temp table _delta_orgs as select * from ${main('indicator_orgs')} where org_code in (${withOrg
        .map((t) => `select org_code from _rows_${t} union all select org_code from ${main(`${t}_history`)} where _superseded_by_batch = ${batch}`)
        .join(' union all ')});
        create or replace temp table _delta_org_numbers as select * from org_numbers
          where descendant in (select preorder_no from _delta_orgs);
        create or replace temp view _org_numbers as select * from _delta_org_numbers;
        create or replace temp view indicator_orgs as select * from _delta_orgs;`);
      shadowedOrgs = true;
      // the roll-up of the orgs in scope (rollup: each with every descendant) needs only the
      // descendants a figure can sit at: the rows' orgs, their ancestors (relief's lowest common
      // ancestors) and the scope's own orgs (so the set of orgs recomputed stays the same). At the
      // root the whole one is every org: 88k rows written for 40 payments.
      await db.run(`create or replace temp table _org_rollup as select * from (${rollup}) where descendant in (
        select ancestor from _delta_org_numbers union select preorder_no from _delta_orgs
        union select preorder_no from ${main('indicator_orgs')} where org_code in (select org_code from _scope))`);
    } else {
      await db.run(`create or replace temp table _org_rollup as ${rollup}`);
    }
    // before the batch: its new versions out, the versions it replaced back
    const before = (t: string) => `select * from _rows_${t} where _batch_id <> ${batch}
      union all by name
      select * exclude (_superseded_by_batch) from ${main(`${t}_history`)} where _superseded_by_batch = ${batch}`;
    if (oneRun) {
      // One run for both sides (planning and running relief twice was most of a small upload's
      // mart step): the rows before the batch go in beside the rows after it, under a copy of the
      // org tree numbered from MIRROR on (their org codes and entity keys tagged, so no person or
      // org of one side meets the other's), and the cells of that copy count negatively. Each
      // figure is a sum over entities, and the copy is a tree of its own: its cells are exactly
      // the before side's, as if computed apart.
      await db.run(`${mirror('_delta_orgs', ['org_code'], ['org_no', 'preorder_no'])}
        ${mirror('_delta_org_numbers', ['descendant_code'], ['ancestor', 'descendant', 'ancestor_no'])}
        ${mirror('_org_rollup', ['descendant_code'], ['ancestor', 'descendant', 'ancestor_no'])}
        ${drop()}
        ${shadows.map((t) => !changed.includes(t)
          ? `create temp table ${t} as select * from ${main(t)} limit 0;`
          : `create temp table ${t} as select * from _rows_${t} union all by name
              select * replace (org_code || ${TAG} as org_code, coalesce(${tables.get(t)} || ${TAG}, ${TAG_NULL}) as ${tables.get(t)})
              from (${before(t)});`).join('\n')}`);
      parts = await computeParts(db, families, false);
      await db.run(`insert into _delta select org_no % ${MIRROR}, year, key_no,
          case when org_no >= ${MIRROR} then -numerator else numerator end,
          case when org_no >= ${MIRROR} then -denominator else denominator end
        from _mart_parts;
        delete from _org_rollup where ancestor_no >= ${MIRROR};`);
    } else {
      for (const [side, sign] of [['after', 1], ['before', -1]] as const) {
        await db.run(drop() + shadows.map((t) => {
          if (!changed.includes(t)) return `create temp table ${t} as select * from ${main(t)} limit 0;`;
          return `create temp table ${t} as ${side === 'after' ? `select * from _rows_${t}` : before(t)};`;
        }).join('\n'));
        parts = await computeParts(db, families, false);
        await db.run(`insert into _delta select org_no, year, key_no, ${sign} * numerator, ${sign} * denominator from _mart_parts`);
      }
    }
  } finally {
    // one statement for the clean-up (a round trip each cost ~1-3 ms in a small upload)
    await db.run((shadowedOrgs
      ? 'create or replace temp view _org_numbers as select * from org_numbers; drop view if exists temp.main.indicator_orgs;' +
        ' drop table if exists _delta_org_numbers; drop table if exists _delta_orgs;\n'
      : '') + drop() + shadows.map((t) => `drop table if exists _entities_${t}; drop table if exists _rows_${t};`).join('\n'));
  }
  // the stored cells in scope (cellScope: literal lists)
  const scope = await cellScope(db);
  await db.run(`insert into _delta select org_no, year, key_no, numerator, denominator from indicator_cells where ${scope('')};
    drop view if exists _mart_parts;
    create temp view _mart_parts as select org_no, year, key_no, sum(numerator)::decimal(18, 2) as numerator,
      sum(denominator)::decimal(18, 2) as denominator from _delta group by all;`);
  return { tables: [...parts, '_delta'], scope };
}

/** The cells in scope as a filter on indicator_cells' columns (prefixed, e.g. 'c.'). */
export type CellScope = (prefix: string) => string;

/**
 * The cells in scope (_org_rollup's ancestors × _mart_years × _mart_keys) by literal lists: a filter
 * the scan of the 50M stored cells (scale 250) prunes by zone maps, where semi-joins on the temp
 * tables cost 0.1 s. One look for the three lists.
 */
export async function cellScope(db: Db): Promise<CellScope> {
  const lists = (await db.one<{ orgs: string | null; years: string | null; keys: string | null }>(
    `select (select string_agg(distinct ancestor_no::varchar, ', ') from _org_rollup) as orgs,
      (select string_agg(year::varchar, ', ') from _mart_years) as years, (select string_agg(key_no::varchar, ', ') from _mart_keys) as keys`,
  ))!;
  const list = (v: string | null) => {
    if (v !== null && !/^-?\d+(, -?\d+)*$/.test(v)) throw new Error(`internal: not a list of numbers: ${v.slice(0, 80)}`);
    return v ?? 'null';
  };
  const [orgs, years, keys] = [list(lists.orgs), list(lists.years), list(lists.keys)];
  return (c) => `${c}org_no in (${orgs}) and ${c}year in (${years}) and ${c}key_no in (${keys})`;
}

/**
 * Replaces the stored cells in scope (_org_rollup's ancestors × _mart_years × _mart_keys) by
 * _mart_parts, and records the write's scope in mart_change. In place: a cell whose value changed is
 * updated, one that is no longer there deleted, a new one inserted. Deleting the scope's cells and
 * inserting them again made the commit's checkpoint vacuum the row groups of the deletes and rewrite
 * the table's last row group for the inserts (an aid upload changes a few of ~200 cells).
 */
export async function replaceCells(db: Db, writeId: number, scope: CellScope): Promise<void> {
  const same = 'using (org_no, year, key_no)';
  await db.run(`create or replace temp table _cells_new as ${body('marts/indicator_cells.sql')}
    ;  -- (on its own line: the file may end in a comment)
    create or replace temp table _cells_old as select org_no, year, key_no, value, numerator, denominator from indicator_cells where ${scope('')};
    delete from indicator_cells as c using (select * from _cells_old anti join _cells_new ${same}) as o
      where ${scope('c.')} and c.org_no = o.org_no and c.year = o.year and c.key_no = o.key_no;
    update indicator_cells as c set value = n.value, numerator = n.numerator, denominator = n.denominator
      from (select n.* from _cells_new as n join _cells_old as o ${same}
            where n.value is distinct from o.value or n.numerator is distinct from o.numerator or n.denominator is distinct from o.denominator) as n
      where ${scope('c.')} and c.org_no = n.org_no and c.year = n.year and c.key_no = n.key_no;
    insert into indicator_cells by name select n.* from _cells_new as n anti join _cells_old as o ${same} order by org_no, year;
    insert into mart_change select ${Number(writeId)}, false, (select list(year order by year) from _mart_years),
      (select list(distinct ancestor_no) from _org_rollup), (select list(key_no order by key_no) from _mart_keys);
    drop table _cells_new; drop table _cells_old;`);
}

/**
 * The tables a delta reads whole rows of when `changed` changes (the `-- delta:` tables of the
 * families reading them): a warm writer loads them after levelling (src/lib/db/warm.ts), so the
 * next upload of the same kind finds their blocks in memory (at scale 250 the first read of the
 * changed people's payments cost 0.7 s of CPU cold, 0.2 s warm).
 */
export function deltaReads(texts: string[], changed: string[], sourcesOf: (t: string) => Set<string>): string[] {
  const out = new Set<string>();
  for (const text of texts) {
    const d = deltaOf(text);
    if (d && changed.some((t) => sourcesOf(text).has(t) && d.has(t))) for (const t of d.keys()) out.add(t);
  }
  return [...out];
}
