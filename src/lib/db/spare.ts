// Bringing the spare file level with the live one (attached read-only as `live`) by replaying the
// writes it missed, recorded in warehouse_write. Costs what those writes changed, not the size of
// the warehouse: an ingest batch is its clean rows (_batch_id), the versions it superseded (moved to
// <family>_history with _superseded_by_batch, found in the spare by (_file_id, _row_no)), its
// quarantine, provenance and raw tables, and the mart cells it recomputed (mart_change). Anything it
// cannot replay, or a result whose tables do not match the live file's row counts, throws
// SpareUnusable and the writer copies the live file instead. Also here: opening the spare for a
// write (`openSpare`: this process's warm handle, the spare itself, or a fresh copy) and the level
// mark (`knownLevel`: the spare known level without attaching the live file).
import { copyFileSync, existsSync, readFileSync, rmSync, statSync } from 'node:fs';
import { Db, type OpenOptions } from './duckdb.ts';
import { phase } from './phases.ts';
import { letGoOf } from './reader.ts';
import { askWarmHolder, takeWarm } from './warm.ts';

export class SpareUnusable extends Error {}

/**
 * Set before a commit on the spare: the commit checkpoints at once and writes no WAL. A write is
 * checkpointed before its swap anyway (the WAL cannot follow the rename); writing it to the WAL
 * first, then reading it back into the checkpoint, cost a second write of every change (DuckDB skips
 * the WAL when the commit will checkpoint and its changes reach auto_checkpoint_skip_wal_threshold).
 * A commit whose checkpoint fails fails (DuckDB turns it into an error; the swap does not happen), and
 * a kill during it leaves the file at its last checkpoint: level with the live file, as before.
 */
export const CHECKPOINT_AT_COMMIT = "set checkpoint_threshold = '0b'; set auto_checkpoint_skip_wal_threshold = 0";

/** Small tables derived from the org tree and the dictionary: copied whole after a full mart rebuild. */
const MART_TABLES = ['org_closure', 'reportable_years', 'indicator_years', 'indicator_orgs', 'org_numbers', 'indicator_keys', 'indicator_cells'];

/**
 * Tables other modules keep next to the batches, that only grow: the auditor's pseudonyms
 * (src/lib/auditor/pseudonym.ts) with the fingerprint of their key. Replayed by adding the live rows
 * the spare lacks; when the key (fingerprint) differs, both are copied whole.
 */
const GROWING: { table: string; key: string; guard: string }[] = [{ table: 'person_refs', key: 'person_key', guard: 'person_refs_key' }];

const ints = (xs: unknown): string => {
  const list = (Array.isArray(xs) ? xs : []).map((x) => Number(x));
  if (list.some((x) => !Number.isInteger(x))) throw new SpareUnusable('non-integer scope');
  return list.length ? list.join(', ') : 'null';
};

export async function catchUp(db: Db): Promise<{ writes: number }> {
  const has = async (schema: string, name: string) =>
    Number(await db.value(
      `select count(*) from duckdb_tables() where database_name = ${schema === 'live' ? "'live'" : 'current_database()'} and schema_name = 'main' and table_name = $name`,
      { name },
    )) > 0;
  if (!(await has('main', 'warehouse_write')) || !(await has('live', 'warehouse_write'))) throw new SpareUnusable('no write log');
  // the spare must hold exactly a prefix of the live file's writes (a write killed after its
  // commit on the spare, before the swap, left one the live file never got)
  const extra = Number(await db.value(
    'select count(*) from (select * from warehouse_write except all select * from live.warehouse_write)',
  ));
  if (extra > 0) throw new SpareUnusable('the spare holds writes the live file lacks');
  const from = Number(await db.value('select coalesce(max(write_id), 0) from warehouse_write'));
  const writes = await db.all<{ write_id: number; kind: string; batch_id: number | null }>(
    'select write_id, kind, batch_id from live.warehouse_write where write_id > $from order by write_id',
    { from },
  );
  if (writes.some((w) => w.kind === 'opaque')) throw new SpareUnusable('a write that cannot be replayed');
  if (writes.length === 0) return { writes: 0 };

  await db.run('begin transaction');
  try {
    const batches = ints(writes.filter((w) => w.batch_id !== null).map((w) => w.batch_id));
    const touched = batches === 'null' ? [] : await replayBatches(db, batches);
    for (const g of GROWING) touched.push(...(await replayGrowing(db, g, has, batches)));
    touched.push(...(await replayMart(db, writes.map((w) => w.write_id))));
    await db.run('insert into warehouse_write by name select * from live.warehouse_write where write_id > $from', { from });
    await db.run('insert into mart_change by name select * from live.mart_change where write_id > $from', { from });
    await verify(db, [...touched, 'warehouse_write', 'mart_change']);
    await db.run(CHECKPOINT_AT_COMMIT);
    await db.run('commit');
  } catch (e) {
    await db.run('rollback').catch(() => {});
    throw e instanceof SpareUnusable ? e : new SpareUnusable((e as Error).message);
  }
  return { writes: writes.length };
}

/** Replays the batches' rows; returns the tables it wrote (the ones verify() counts). */
async function replayBatches(db: Db, batches: string): Promise<string[]> {
  // the families the batches loaded (ingest_file.family): a clean table with a <family>_history
  // that records who superseded what; the other families did not change
  const families = await db.all<{ t: string }>(
    `select distinct f.family as t from live.ingest_file as f
     join duckdb_columns() as c on c.database_name = 'live' and c.schema_name = 'main' and c.column_name = '_superseded_by_batch'
       and c.table_name = f.family || '_history'
     where f.batch_id in (${batches}) order by t`,
  );
  const touched = ['quarantine', 'ingest_file', 'ingest_batch', 'ingest_note'];
  for (const { t } of families) {
    // the versions these batches superseded leave the clean table (a clean row is one file row)
    await db.run(
      `delete from ${t} as c using (select _file_id, _row_no from live.${t}_history where _superseded_by_batch in (${batches})) as h
       where c._file_id = h._file_id and c._row_no = h._row_no`,
    );
    await db.run(`insert into ${t} by name select * from live.${t} where _batch_id in (${batches})`);
    await db.run(`insert into ${t}_history by name select * from live.${t}_history where _superseded_by_batch in (${batches})`);
    touched.push(t, `${t}_history`);
  }
  for (const t of ['quarantine', 'ingest_file', 'ingest_batch', 'ingest_note']) {
    await db.run(`insert into ${t} by name select * from live.${t} where batch_id in (${batches})`);
  }
  const raws = await db.all<{ raw_table: string }>(
    `select raw_table from live.ingest_file where batch_id in (${batches}) and raw_table is not null`,
  );
  for (const { raw_table } of raws) {
    if (!/^raw_file_\d+$/.test(raw_table)) throw new SpareUnusable(`unexpected raw table ${raw_table}`);
    await db.run(`create table ${raw_table} as select * from live.${raw_table}`);
    touched.push(raw_table);
  }
  return touched;
}

async function replayGrowing(
  db: Db, g: (typeof GROWING)[number], has: (schema: string, name: string) => Promise<boolean>, batches: string,
): Promise<string[]> {
  if (!(await has('live', g.table))) return [];
  const same = (await has('main', g.table)) && (await has('main', g.guard)) && Number(await db.value(
    `select count(*) from (select * from ${g.guard} except all select * from live.${g.guard}) full join
       (select * from live.${g.guard} except all select * from ${g.guard}) on true`,
  )) === 0;
  if (!same) {
    for (const t of [g.table, g.guard]) await db.run(`create or replace table ${t} as select * from live.${t}`);
    return [g.table, g.guard];
  }
  if (batches === 'null') return [];
  // only the replayed batches' rows can bring new keys: look those up (the live table is indexed
  // by its key) instead of comparing every row of both files
  const tables = (await db.all<{ t: string }>(
    `select table_name as t from duckdb_columns() where database_name = current_database() and schema_name = 'main'
     and column_name = '_batch_id' and table_name in (select table_name from duckdb_columns()
       where database_name = current_database() and schema_name = 'main' and column_name = '${g.key}')`,
  )).map((r) => r.t);
  if (!tables.length) return [];
  const keys = (await db.all<{ k: string }>(
    tables.map((t) => `select ${g.key} as k from ${t} where _batch_id in (${batches}) and ${g.key} is not null`).join(' union '),
  )).map((r) => String(r.k));
  for (let i = 0; i < keys.length; i += 1000) {
    const list = keys.slice(i, i + 1000).map((k) => `'${k.replace(/'/g, "''")}'`).join(', ');
    await db.run(`insert or ignore into ${g.table} select * from live.${g.table} where ${g.key} in (${list})`);
  }
  return [g.table];
}

async function replayMart(db: Db, writeIds: number[]): Promise<string[]> {
  const changes = await db.all<{ write_id: number; full_rebuild: boolean; years: string; org_nos: string; key_nos: string }>(
    `select write_id, full_rebuild, years::varchar as years, org_nos::varchar as org_nos, key_nos::varchar as key_nos
     from live.mart_change where write_id in (${ints(writeIds)}) order by write_id`,
  );
  if (changes.some((c) => c.full_rebuild)) {
    for (const t of MART_TABLES) await copyTable(db, t);
    const views = await db.all<{ view_name: string; sql: string }>(
      "select view_name, sql from duckdb_views() where database_name = 'live' and schema_name = 'main' and not internal",
    );
    for (const v of views) {
      await db.run(`drop view if exists ${v.view_name}`);
      await db.run(v.sql);
    }
    return MART_TABLES;
  }
  // the cells as this file stores them (a column computed when read is left out of the insert)
  const { computed } = await computedColumns(db, 'main', 'indicator_cells');
  for (const c of changes) {
    const list = (s: string) => ints(JSON.parse(s ?? '[]'));
    const where = `org_no in (${list(c.org_nos)}) and year in (${list(c.years)}) and key_no in (${list(c.key_nos)})`;
    await db.run(`delete from indicator_cells where ${where}`);
    await db.run(`insert into indicator_cells by name select ${storedList(computed)} from live.indicator_cells where ${where}`);
  }
  return changes.length ? ['indicator_cells'] : [];
}

/**
 * A table copied whole from the live file as the live file defines it: a column computed when read
 * (indicator_cells.value, CELLS_COLUMNS in src/lib/indicators/mart.ts) stays computed. Copied by
 * `create table as`, it would be stored, and the next update's `insert by name`, which leaves it
 * out, would store it null.
 */
async function copyTable(db: Db, t: string): Promise<void> {
  const { ddl, computed } = await computedColumns(db, 'live', t);
  if (!computed.length) {
    await db.run(`create or replace table ${t} as select * from live.${t}`);
    return;
  }
  await db.run(`drop table if exists ${t}`);
  await db.run(ddl);
  await db.run(`insert into ${t} by name select ${storedList(computed)} from live.${t}`);
}

/** The table's definition and its columns computed when read (generated: each has its expression as column_default; no mart table has a DEFAULT). */
async function computedColumns(db: Db, database: string, t: string): Promise<{ ddl: string; computed: string[] }> {
  const where = `database_name = ${database === 'live' ? "'live'" : 'current_database()'} and schema_name = 'main' and table_name = $t`;
  const ddl = String(await db.value<string>(`select sql from duckdb_tables() where ${where}`, { t }) ?? '');
  const generated = ddl.match(/GENERATED ALWAYS AS/g)?.length ?? 0;
  if (!generated) return { ddl, computed: [] };
  const computed = (await db.all<{ c: string }>(`select column_name as c from duckdb_columns() where ${where} and column_default is not null`, { t }))
    .map((r) => r.c);
  if (computed.length !== generated) throw new SpareUnusable(`${t}: cannot tell its computed columns`);
  return { ddl, computed };
}

const storedList = (computed: string[]) => (computed.length ? `* exclude (${computed.map((c) => `"${c}"`).join(', ')})` : '*');

/**
 * Same tables, and the same row counts in those the replay wrote: a replay that missed something is
 * not used. (The others were level before and the replay did not write them; counting every table
 * of both files cost a scan per table, however small the write.)
 */
async function verify(db: Db, touched: string[]): Promise<void> {
  const rows = await db.all<{ database_name: string; table_name: string }>(
    `select database_name, table_name from duckdb_tables()
     where schema_name = 'main' and not temporary and database_name in ('live', current_database())`,
  );
  const live = rows.filter((r) => r.database_name === 'live').map((r) => r.table_name).sort();
  const mine = rows.filter((r) => r.database_name !== 'live').map((r) => r.table_name).sort();
  if (live.join() !== mine.join()) throw new SpareUnusable('the table lists differ');
  const counted = [...new Set(touched)].filter((t) => live.includes(t));
  if (!counted.length) return;
  const diff = await db.all<{ t: string }>(
    counted.map((t) => `select '${t}' as t where (select count(*) from ${t}) <> (select count(*) from live.${t})`).join(' union all '),
  );
  if (diff.length) throw new SpareUnusable(`row counts differ: ${diff.map((d) => d.t).join(', ')}`);
}

/** A file as it is now: a live file is never written (only replaced, which changes its inode). */
export const fileId = (path: string) => {
  const st = statSync(path);
  return `${st.dev}:${st.ino}:${st.size}:${st.mtimeMs}`;
};

/**
 * Whether the spare is known level with the live file without opening the live one: `levelSpare`
 * left `<spare>.level` naming both files as they were then, and neither has changed since. The
 * mark is removed here, before the spare is written, so a write that then fails or dies leaves no
 * mark (the next writer then attaches the live file and checks the write logs, as before).
 */
export function knownLevel(dbPath: string, spare: string, keep = false): boolean {
  const mark = `${spare}.level`;
  if (!existsSync(mark)) return false;
  let said: { live?: string; spare?: string } = {};
  try {
    said = JSON.parse(readFileSync(mark, 'utf8'));
  } catch {
    // unreadable: not known
  }
  if (!keep) rmSync(mark, { force: true });
  return said.live === fileId(dbPath) && said.spare === fileId(spare);
}

/**
 * The spare, opened for writing with the live file attached read-only as `live`, and caught up
 * with it. Falls back to a fresh copy of the live file when the spare is missing, held by a reader,
 * or cannot be brought level (it then costs what the old copy-and-rename cost).
 */
export async function openSpare(
  dbPath: string, spare: string, liveIno: number, opts: OpenOptions,
): Promise<{ db: Db; via: 'spare' | 'copy'; replayed: number }> {
  const attachLive = async (db: Db) => db.run(`attach '${dbPath.replace(/'/g, "''")}' as live (read_only)`);
  if (existsSync(spare)) {
    const ino = statSync(spare).ino;
    // this process kept it open after levelling it (warm.ts): no open, and its buffers are warm
    const warm = ino !== liveIno ? await takeWarm(dbPath, ino) : undefined;
    if (warm) {
      try {
        if (!knownLevel(dbPath, spare)) {
          await attachLive(warm);
          const replayed = (await catchUp(warm)).writes;
          phase('caught-up');
          return { db: warm, via: 'spare', replayed };
        }
        phase('caught-up');
        return { db: warm, via: 'spare', replayed: 0 };
      } catch {
        warm.close(); // not level and not repairable: copy, below
      }
    } else {
      // another process holding it warm is asked to let go (if it does not in time, the open below
      // is refused and the live file is copied, as for any spare held elsewhere)
      await askWarmHolder(dbPath);
    }
    // a reader of this process still on the old file: DuckDB's file lock does not see our own
    // process, so ask it to let go and wait for it (reader.ts; an idle reader lets go at once:
    // else a quiet server would make every upload copy the file)
    if (ino !== liveIno && (await letGoOf(ino))) {
      let db: Db | undefined;
      try {
        // levelled after the previous write and unchanged since: no need to attach the live file
        // (attaching a 2.7 GB file reads its metadata: a tenth of a second or more at scale 250)
        const level = knownLevel(dbPath, spare);
        db = await Db.openAttached(spare, opts); // refused while another process reads it
        let replayed = 0;
        if (!level) {
          await attachLive(db);
          replayed = (await catchUp(db)).writes;
        }
        phase('caught-up');
        return { db, via: 'spare', replayed };
      } catch {
        // held by a reader elsewhere, damaged, or not level with the live file: copy instead (a live
        // file that cannot be read fails below, in the copy, and that error is the caller's)
        db?.close();
      }
    }
  }
  rmSync(spare, { force: true });
  rmSync(`${spare}.wal`, { force: true });
  rmSync(`${spare}.level`, { force: true });
  copyFileSync(dbPath, spare);
  phase('copied');
  const db = await Db.openAttached(spare, opts);
  try {
    await attachLive(db);
  } catch (e) {
    db.close();
    throw e;
  }
  return { db, via: 'copy', replayed: 0 };
}
