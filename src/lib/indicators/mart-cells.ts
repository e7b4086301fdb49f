// Writing an update's cells into indicator_cells (src/lib/indicators/mart-update.ts): a family
// taken by difference adds its _diff to the stored cells (applyDiff), a recomputed family replaces
// the cells of its scope (replaceCells). Both touch only the cells that change, and both record what
// they wrote in mart_change, which the spare's replay copies from the live file (src/lib/db/spare.ts).
// The new values go through indicator_cells.sql, as in a full rebuild, so a rate is divided once, one way.
import type { Db } from '../db/duckdb.ts';
import { body } from './mart.ts';

/** Rows per DuckDB row group: an update rewrites the changed columns of each row group it touches at the checkpoint. */
const ROW_GROUP = 122_880;

/**
 * Adds _diff to the stored cells and records the cells it changed in mart_change (their orgs ×
 * years × keys: the replay copies that product from the live file). Only the changed cells are read
 * and written: the stored ones of those keys (their numbers, by a semi-join; the orgs as a literal
 * list when few, which the scan prunes by zone maps), the new values from indicator_cells.sql. Cells
 * spread over many row groups (a members upload at 1,000 orgs changes ~5,000 cells in every row group
 * of the 31M at scale 250) are deleted and inserted again: updated in place, the commit's checkpoint
 * rewrote the value columns of every row group (4.6 s of CPU against 0.14 s); a few row groups (an aid
 * upload's ~200 cells) are updated in place (a delete made the checkpoint vacuum their row groups).
 * Returns the number of cells written.
 */
export async function applyDiff(db: Db, writeId: number): Promise<number> {
  const lists = (await db.one<{ orgs: string | null; years: string | null; keys: string | null; n: number }>(
    `select string_agg(distinct org_no::varchar, ', ') as orgs, string_agg(distinct year::varchar, ', ') as years,
      string_agg(distinct key_no::varchar, ', ') as keys, count(distinct org_no) as n from _diff`,
  ))!;
  if (lists.orgs === null) return 0;
  for (const v of [lists.orgs, lists.years, lists.keys]) {
    if (!/^-?\d+(, -?\d+)*$/.test(v ?? '')) throw new Error(`internal: not a list of numbers: ${String(v).slice(0, 80)}`);
  }
  const orgFilter = Number(lists.n) <= 200 ? `c.org_no in (${lists.orgs}) and ` : '';
  const same = 'using (org_no, year, key_no)';
  await db.run(`create or replace temp table _cells_old as select c.rowid as rid, c.org_no, c.year, c.key_no, c.numerator, c.denominator
      from indicator_cells as c semi join _diff ${same}
      where ${orgFilter}c.year in (${lists.years}) and c.key_no in (${lists.keys});
    drop view if exists _mart_parts;
    create temp view _mart_parts as select org_no, year, key_no, sum(numerator)::decimal(18, 2) as numerator,
      sum(denominator)::decimal(18, 2) as denominator
      from (select org_no, year, key_no, numerator, denominator from _cells_old
            union all select org_no, year, key_no, numerator, denominator from _diff)
      group by all;
    create or replace temp table _cells_new as ${body('marts/indicator_cells.sql')}
    ;  -- (on its own line: the file may end in a comment)`);
  const groups = Number(await db.value(`select count(distinct rid // ${ROW_GROUP}) from _cells_old`));
  // (UA_DELTA_REWRITE_GROUPS: the tests take both ways on a small mart)
  const rewriteAbove = Number(process.env.UA_DELTA_REWRITE_GROUPS || 16);
  const byRow = `${orgFilter}c.rowid = o.rid`;
  await db.run((groups > rewriteAbove
    ? `delete from indicator_cells as c using _cells_old as o where ${byRow};
       insert into indicator_cells by name select * from _cells_new order by org_no, year;`
    : `delete from indicator_cells as c using (select rid, org_no from _cells_old anti join _cells_new ${same}) as o where ${byRow};
       update indicator_cells as c set numerator = n.numerator, denominator = n.denominator  -- (value follows: CELLS_COLUMNS)
         from (select o.rid as rid, n.* from _cells_new as n join _cells_old as o ${same}
               where n.numerator is distinct from o.numerator or n.denominator is distinct from o.denominator) as n
         where ${orgFilter}c.rowid = n.rid;
       insert into indicator_cells by name select n.* from _cells_new as n anti join _cells_old as o ${same} order by org_no, year;`) + `
    insert into mart_change values (${Number(writeId)}, false, [${lists.years}], [${lists.orgs}], [${lists.keys}]);
    drop table _cells_new; drop table _cells_old;`);
  return Number(await db.value('select count(*) from _diff'));
}

/** The cells in scope as a filter on indicator_cells' columns (prefixed, e.g. 'c.'). */
export type CellScope = (prefix: string) => string;

/**
 * The cells in scope (_org_rollup's ancestors × _mart_years × the keys of `keysTable`, _mart_keys unless
 * told) by literal lists: a filter the scan of the 50M stored cells (scale 250) prunes by zone maps,
 * where semi-joins on the temp tables cost 0.1 s. One look for the three lists.
 */
export async function cellScope(db: Db, keysTable = '_mart_keys'): Promise<CellScope> {
  const lists = (await db.one<{ orgs: string | null; years: string | null; keys: string | null }>(
    `select (select string_agg(distinct ancestor_no::varchar, ', ') from _org_rollup) as orgs,
      (select string_agg(year::varchar, ', ') from _mart_years) as years, (select string_agg(key_no::varchar, ', ') from ${keysTable}) as keys`,
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
    create or replace temp table _cells_old as select org_no, year, key_no, numerator, denominator from indicator_cells where ${scope('')};
    delete from indicator_cells as c using (select * from _cells_old anti join _cells_new ${same}) as o
      where ${scope('c.')} and c.org_no = o.org_no and c.year = o.year and c.key_no = o.key_no;
    update indicator_cells as c set numerator = n.numerator, denominator = n.denominator  -- (value follows: CELLS_COLUMNS)
      from (select n.* from _cells_new as n join _cells_old as o ${same}
            where n.numerator is distinct from o.numerator or n.denominator is distinct from o.denominator) as n
      where ${scope('c.')} and c.org_no = n.org_no and c.year = n.year and c.key_no = n.key_no;
    insert into indicator_cells by name select n.* from _cells_new as n anti join _cells_old as o ${same} order by org_no, year;
    insert into mart_change select ${Number(writeId)}, false, (select list(year order by year) from _mart_years),
      (select list(distinct ancestor_no) from _org_rollup), (select list(key_no order by key_no) from _mart_keys);
    drop table _cells_new; drop table _cells_old;`);
}
