// Marts stored by an earlier version, brought to today's layout in place, as a write: by the server
// at its start (upgradeMart, from launch.ts) or by the next upload (upgradeInPlace, from
// mart-update.ts). In place because a full rebuild inside an upload runs under the ingest's 1 GB
// memory limit, which a large federation's rebuild does not fit (scale 250). Each layout is exact:
// the readers see what a full rebuild of today would show (test/indicators/mart-upgrade.test.ts).
//   - every rate part stored as a count (before RATE_PARTS): the parts' cells go, the view reads
//     them from their rates' cells;
//   - `value` stored in indicator_cells (before CELLS_COLUMNS computed it from the row when read).
import { Db } from '../db/duckdb.ts';
import { writeWarehouse } from '../db/warehouse.ts';
import { CELLS_COLUMNS, body, dropRelation } from './mart.ts';
import { expectedKeySignatures, keySignature, loadKeys, martKeys } from './mart-keys.ts';

export interface OldLayouts {
  /** the stored keys are today's dictionary with every rate part stored */
  rateParts: boolean;
  /** indicator_cells stores `value` */
  storedValue: boolean;
}

/** Which earlier layouts the mart has (none without a mart). */
export async function oldLayouts(db: Db): Promise<OldLayouts> {
  const tables = await db.all<{ t: string; ddl: string }>(
    `select table_name as t, sql as ddl from duckdb_tables() where database_name = current_database() and schema_name = 'main'
     and table_name in ('indicator_cells', 'indicator_keys')`,
  );
  const cells = tables.find((r) => r.t === 'indicator_cells');
  const keys = tables.find((r) => r.t === 'indicator_keys');
  let codes: string[] | null = null;
  // keys with part_of are today's layout: read only a table without it (an upload asks every time)
  if (keys && !/\bpart_of\b/.test(keys.ddl)) {
    codes = (await db.all<{ code: string }>('select * from indicator_keys order by key_no')).map(keySignature);
  }
  const join = (xs: string[]) => xs.join('\u001f');
  return {
    rateParts: !!codes && join(codes) === join(martKeys().map((k) => k.key)) && join(codes) !== join(expectedKeySignatures()),
    storedValue: !!cells && !/GENERATED ALWAYS AS/.test(cells.ddl),
  };
}

/**
 * Brings the mart to today's layout inside a write, recorded as write `writeId` (a full change in
 * mart_change: the spare's replay copies the mart tables, as after a rebuild). Returns the rate-part
 * cells removed and the cells whose `value` is now computed when read, or null when there was
 * nothing to do.
 */
export async function upgradeInPlace(db: Db, writeId: number): Promise<{ parts: number; cells: number } | null> {
  const old = await oldLayouts(db);
  if (!old.rateParts && !old.storedValue) return null;
  const parts = old.rateParts ? await dropStoredRateParts(db) : 0;
  const cells = old.storedValue ? await computeValueOnRead(db) : 0;
  await db.run('insert into mart_change values ($w, true, null, null, null)', { w: writeId });
  return { parts, cells };
}

/**
 * The server's start: an old mart brought to today's layout as a write of its own. Returns what
 * upgradeInPlace did, or null when the mart (or the warehouse) needed nothing.
 */
export async function upgradeMart(dbPath: string): Promise<{ parts: number; cells: number } | null> {
  const r = await Db.open(dbPath, { readOnly: true });
  let old: OldLayouts;
  try {
    old = await oldLayouts(r);
  } finally {
    r.close();
  }
  if (!old.rateParts && !old.storedValue) return null;
  return writeWarehouse(dbPath, async (db, write) => upgradeInPlace(db, write.writeId), { kind: 'mart', memoryLimit: '1GB' });
}

/**
 * Before RATE_PARTS (the same dictionary, each part stored as a count, indicator_keys without
 * `part_of`): the keys get `part_of`/`part`, the parts' cells go, the view reads them from the rates.
 * Exact: a part equals its rate's numerator or denominator, and the rate's cell exists exactly when a
 * part is non-zero. Returns the cells removed.
 */
export async function dropStoredRateParts(db: Db): Promise<number> {
  await loadKeys(db);
  const parts = 'key_no in (select key_no from indicator_keys where part_of is not null)';
  const removed = Number(await db.value(`select count(*) from indicator_cells where ${parts}`));
  await db.run(`delete from indicator_cells where ${parts}`);
  await dropRelation(db, 'indicator_values');
  await db.run(`create view indicator_values as ${body('marts/indicator_values.sql')}`);
  return removed;
}

/**
 * Before CELLS_COLUMNS: `value` stored. The cells are copied, in their order (each family's run
 * sorted by org and year: a point read still touches one stretch of each), into a table that computes
 * `value` from numerator and denominator; the stored values are not read. Exact: a count's or
 * money's value was its numerator with no denominator stored, a rate's the same half-up division
(a scalar list, not a join, looks up the rates' keys: a join need not keep the cells' order).
 * Returns the cells copied.
 */
async function computeValueOnRead(db: Db): Promise<number> {
  await db.run(`create or replace table _cells_upgraded ${CELLS_COLUMNS}`);
  // a rate's denominator as indicator_cells.sql stores it (never null: a null one made the value null)
  await db.run(`insert into _cells_upgraded by name
    select org_no, year, key_no, numerator,
      case when list_contains((select list(key_no) from indicator_keys where kind in ('rate', 'ratio')), key_no)
           then coalesce(denominator, 0) else denominator end as denominator
    from indicator_cells`);
  await dropRelation(db, 'indicator_values');
  await db.run('drop table indicator_cells');
  await db.run('alter table _cells_upgraded rename to indicator_cells');
  await db.run(`create view indicator_values as ${body('marts/indicator_values.sql')}`);
  return Number(await db.value('select count(*) from indicator_cells'));
}
