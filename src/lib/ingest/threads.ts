// How many DuckDB threads the steps of an ingest write use. A table below one row group (122,880
// rows) is scanned by one thread whatever the setting, and on two cores a second thread then only
// adds CPU; a switch stops or starts DuckDB's workers (75–165 ms, Db.setThreads), so a write
// switches as few times as it can. stage.ts runs its one-row-group statements on one thread too.
import type { Db } from '../db/duckdb.ts';
import { FAMILY_ORDER } from './families.ts';

const lit = (s: string) => `'${s.replace(/'/g, "''")}'`;

/** DuckDB's row group: a table of fewer rows is scanned by one thread. */
export const ROW_GROUP_ROWS = 122_880;

/**
 * The rest of a write (checks, apply, commit) on one DuckDB thread when every table the checks and
 * the apply of files of `rows` rows in all read is one row group: the files and the largest stored
 * register together below 122,880 rows (a first load, a small federation), as `onOneThread`. On the
 * shared 2-core machine the checks and apply of the 100,000-row members workbook took 1.8–2.5 s CPU
 * at threads = 2 against 1.25–1.5 s at threads = 1, about half the time, and the commit's checkpoint
 * 0.6–1.5 s against 0.5–0.58 s. Above that, two threads scan the stored registers, as before. Once
 * for the write (a switch stops or starts DuckDB's workers, Db.setThreads), and left so: every write
 * sets its own threads when it starts (src/lib/db/warehouse.ts).
 */
export async function restOnOneThread(db: Db, rows: number): Promise<void> {
  const asked = askedThreads.has(db) ? askedThreads.get(db) : db.threads;
  askedThreads.delete(db);
  if (asked === 1) return;
  if (rows >= ROW_GROUP_ROWS) return db.setThreads(asked);
  const names = FAMILY_ORDER.map(lit).join(', ');
  const largest = Number(
    await db.value(`select coalesce(max(estimated_size), 0) from duckdb_tables() where database_name = current_database() and table_name in (${names})`),
  );
  await db.setThreads(rows + largest < ROW_GROUP_ROWS ? 1 : asked);
}

/** The threads a write asked for, while a workbook's rows are loaded on one (rawOnOneThread). */
const askedThreads = new WeakMap<Db, number | undefined>();

/**
 * A workbook's rows go into its raw table on one DuckDB thread (load-workbook.ts): each chunk of
 * CSV is one small read_csv, which a second thread only slows (5 chunks of 20,000 member rows: 0.26 s
 * CPU at threads = 1 against 0.57 s at 2), on the core the reader's worker needs. restOnOneThread
 * then keeps the one thread or puts back what the write asked for (one switch either way when the
 * rest stays on one, as for a first load); a CSV file read after a workbook gets them back at once
 * (threadsAsked).
 */
export async function rawOnOneThread(db: Db): Promise<void> {
  if (!askedThreads.has(db)) askedThreads.set(db, db.threads);
  await db.setThreads(1);
}

/** A write starts with the threads it asked for (what an earlier write, failed midway, recorded is forgotten). */
export function writeStarts(db: Db): void {
  askedThreads.delete(db);
}

/** The threads the write asked for again (DuckDB's read_csv of a large CSV file uses them all). */
export async function threadsAsked(db: Db): Promise<void> {
  if (!askedThreads.has(db)) return;
  await db.setThreads(askedThreads.get(db));
  askedThreads.delete(db);
}

