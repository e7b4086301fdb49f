// A big warehouse in minutes for the benchmarks: a small one (built by the real sample + ingest)
// copied N times under one new root in SQL. Generating and ingesting scale 250 took ~100 min; this
// takes minutes and keeps the distributions per org. Shared by bench:indicators and bench:upload.
//
// What is copied, so that a write on the result costs what it would on an ingested warehouse of
// that size: every clean table and its history, the raw tables (one per file, N times the rows, as
// if each file had been N copies long), quarantine, ingest notes, ingest_file and ingest_batch
// (counts × N), the org closure, the auditor's pseudonyms (person_refs, recomputed with the new
// warehouse's key) and the whole indicator mart (rebuilt). Keys and references get the copy number
// ('~k') so the copies stay apart; row numbers move by the file's length per copy, so
// (_file_id, _row_no) still names one row. The result is written by writeWarehouse as its first
// load (write 1, 'opaque'): the next write copies it once to make the spare, as after any first load.
import { rmSync, statSync } from 'node:fs';
import { sql } from '../../src/lib/db/duckdb.ts';
import { writeWarehouse } from '../../src/lib/db/warehouse.ts';
import { FAMILY_ORDER } from '../../src/lib/ingest/families.ts';
import { rebuildMart } from '../../src/lib/indicators/mart.ts';
import { pseudonymKey, refreshPersonRefs } from '../../src/lib/auditor/pseudonym.ts';

/** The new root every copy hangs from. */
export const BENCH_ROOT = 'BENCH';

// Columns that name a row or point at one: suffixed with the copy number so the copies stay apart.
const KEYS = new Set(['org_code', 'parent_code', 'unit_code', 'area_org_code', 'union_org_code', 'member_no', 'id_number',
  'person_key', 'file_no', 'voucher_no', 'activity_no',
  // data-contract-2's keys and references (contract_units join contracts by contract_no: unsuffixed,
  // every copy's contract would cover every copy's units)
  'case_no', 'contract_no', 'receipt_no', 'station_code']);

const COUNTS = ['rows_read', 'loaded', 'quarantined', 'duplicates', 'skipped', 'superseded'];

export interface Replicated { copies: number; members: number; orgs: number; bytes: number; ms: number }

/**
 * Writes `dst` (which must not exist) as `n` copies of the warehouse `src` under the root BENCH.
 * `log` gets one line per step with its time; DuckDB runs under `memoryLimit` (the machine is shared).
 */
export async function replicateWarehouse(
  src: string, dst: string, n: number, log: (s: string) => void = () => {}, memoryLimit = '4GB',
): Promise<Replicated> {
  if (!Number.isInteger(n) || n < 1) throw new Error(`replicate: a whole number of copies, got ${n}`);
  const t0 = performance.now();
  for (const f of [dst, `${dst}.wal`, `${dst}.spare`, `${dst}.spare.wal`, `${dst}.pseudonym-key`]) rmSync(f, { force: true });
  let step = performance.now();
  const done = (what: string) => {
    log(`  ${what}: ${((performance.now() - step) / 1000).toFixed(1)} s`);
    step = performance.now();
  };
  const counts = await writeWarehouse(dst, async (db) => {
    // ATTACH takes no parameters; the path is our own bench/data file, quoted
    await db.run(`attach '${src.replace(/'/g, "''")}' as src (read_only)`);
    await db.run(`create temp table _copies as select range as k from range(${n})`);
    // each file's length in rows: copy k of a row is row _row_no + k × length
    const rawTables = (await db.all<{ file_id: number; raw_table: string }>(
      'select file_id, raw_table from src.ingest_file where raw_table is not null order by file_id',
    )).filter((r) => /^raw_file_\d+$/.test(r.raw_table));
    const columns = async (table: string) =>
      (await db.all<{ c: string }>(
        `select column_name as c from duckdb_columns() where database_name = 'src' and table_name = $t order by column_index`, { t: table },
      )).map((r) => r.c);
    // a raw table keeps _row_no only when rows were left out; else its rows are numbered by rowid
    const numbered = [];
    for (const r of rawTables) if ((await columns(r.raw_table)).includes('_row_no')) numbered.push(r);
    const stored = FAMILY_ORDER.flatMap((f) => [f, `${f}_history`]);
    await db.run(`create temp table _len as
      select file_id, max(r)::integer as len from (
        select file_id, row_no as r from src.quarantine
        union all select file_id, row_no from src.ingest_note where row_no is not null
        ${stored.map((t) => `union all select _file_id, max(_row_no) from src.${t} group by all`).join('\n')}
        ${numbered.map((r) => `union all select ${Number(r.file_id)}, max(_row_no) from src.${r.raw_table}`).join('\n')}
      ) group by file_id`);
    const moved = (c: string, rowNo: string) =>
      c === 'parent_code' ? `coalesce(parent_code || '~' || k, '${BENCH_ROOT}')`
        : KEYS.has(c) ? `${c} || '~' || k`
        : c === rowNo ? `${c} + k * coalesce(_len.len, 0)`
        : c;
    for (const name of FAMILY_ORDER) {
      const t0 = performance.now();
      // (the source's columns only: an older scale-1 file may lack columns added since)
      for (const t of [name, `${name}_history`]) {
        const cols = await columns(t);
        if (!cols.length) continue;
        await db.run(`insert into ${t} (${cols.join(', ')}) select ${cols.map((c) => moved(c, '_row_no')).join(', ')}
          from src.${t} left join _len on _len.file_id = ${t}._file_id cross join _copies`);
      }
      const rows = Number(await db.value(`select count(*) from ${name}`));
      log(`    ${name}: ${rows.toLocaleString('en-US')} rows, ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    }
    await db.run(`insert into orgs (org_code, org_name, org_type, _batch_id, _file_id, _row_no, _hash)
                  values ('${BENCH_ROOT}', 'Bench root', 'federation', 0, 0, 0, 'bench')`);
    done(`clean and history tables × ${n}`);
    for (const r of rawTables) {
      await db.run(numbered.includes(r)
        ? `create table ${r.raw_table} as select s.* replace (s._row_no + k * coalesce(_len.len, 0) as _row_no)
            from src.${r.raw_table} as s left join _len on _len.file_id = ${Number(r.file_id)} cross join _copies order by k, s._row_no`
        // numbered by rowid: the copies one after the other, each in the file's order
        : `create table ${r.raw_table} as select s.* from src.${r.raw_table} as s cross join _copies order by k, s.rowid`);
    }
    done(`${rawTables.length} raw tables × ${n}`);
    for (const t of ['quarantine', 'ingest_note']) {
      const cols = await columns(t);
      await db.run(`insert into ${t} (${cols.join(', ')}) select ${cols.map((c) => (c === 'row_no' ? 'row_no + k * coalesce(_len.len, 0)' : c)).join(', ')}
        from src.${t} left join _len using (file_id) cross join _copies
        ${t === 'ingest_note' ? 'where row_no is not null or k = 0  -- notes about a whole file: once' : ''}`);
    }
    for (const t of ['ingest_file', 'ingest_batch']) {
      const cols = await columns(t);
      await db.run(`insert into ${t} (${cols.join(', ')}) select ${cols.map((c) => (COUNTS.includes(c) ? `${c} * ${n}` : c)).join(', ')} from src.${t}`);
    }
    await db.run('detach src');
    done('quarantine, notes, provenance');
    await db.run(sql('warehouse/org_closure.sql'));
    done('org closure');
    await refreshPersonRefs(db, pseudonymKey(dst));
    done('person pseudonyms');
    const mart = await rebuildMart(db);
    done(`indicator mart (${mart.rows.toLocaleString('en-US')} cells)`);
    return {
      members: Number(await db.value('select count(*) from members')),
      orgs: Number(await db.value('select count(*) from orgs')),
    };
  }, { create: true, kind: 'opaque', memoryLimit });
  return { copies: n, ...counts, bytes: statSync(dst).size, ms: Math.round(performance.now() - t0) };
}

