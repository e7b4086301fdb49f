// Data-quality page queries: the latest ingest batches and what the latest batch quarantined,
// grouped by file and reason. Cell values are never shown here (they may be personal data).
// A subtree-limited account sees the batches uploaded by accounts of its subtree (`users`).
import type { Db } from '../db/duckdb.ts';

export interface BatchRow {
  batch_id: number;
  /** epoch milliseconds (formatted in Beijing time by the page) */
  started_ms: number;
  user_name: string;
  source: string;
  files: number;
  rows_read: number;
  loaded: number;
  quarantined: number;
  duplicates: number;
  superseded: number;
  [k: string]: string | number | boolean | null;
}

export interface QuarantineRow {
  file_name: string;
  family: string;
  reason: string;
  column_name: string | null;
  column_zh: string | null;
  rows: number;
  [k: string]: string | number | boolean | null;
}

export interface RefusedRow {
  file_name: string;
  refused: string;
  [k: string]: string | number | boolean | null;
}

const BATCHES = `select batch_id, epoch_ms(started_at)::double as started_ms, user_name, source, files,
    rows_read, loaded, quarantined, duplicates, superseded
  from ingest_batch`;
/** The batches an account may see: all (no scope), or those uploaded by the accounts of its subtree. */
const VISIBLE = `$all or user_name in (select unnest(string_split($users, '|')))`;

/** The latest batches; `users` = only batches uploaded by these accounts (null = all). */
export async function latestBatches(db: Db, limit = 10, users: string[] | null = null): Promise<BatchRow[]> {
  return db.all<BatchRow>(
    `${BATCHES} where ${VISIBLE} order by batch_id desc limit $limit`,
    { limit, all: users === null, users: (users ?? []).join('|') },
  );
}

/** One batch by its number, when the account may see it (the same rule as latestBatches), else undefined. */
export async function visibleBatch(db: Db, batchId: number, users: string[] | null = null): Promise<BatchRow | undefined> {
  return (await db.all<BatchRow>(
    `${BATCHES} where batch_id = $id and (${VISIBLE})`,
    { id: batchId, all: users === null, users: (users ?? []).join('|') },
  ))[0];
}

export async function quarantineSummary(db: Db, batchId: number): Promise<QuarantineRow[]> {
  return db.all<QuarantineRow>(
    `select file_name, family, reason, column_name, any_value(column_zh) as column_zh,
            count(distinct row_no)::integer as rows
     from quarantine
     where batch_id = $batch
     group by all
     order by file_name, rows desc, reason`,
    { batch: batchId },
  );
}

export async function refusedFiles(db: Db, batchId: number): Promise<RefusedRow[]> {
  return db.all<RefusedRow>(
    `select file_name, refused from ingest_file where batch_id = $batch and refused is not null order by file_name`,
    { batch: batchId },
  );
}

export interface FileRow {
  file_name: string;
  family: string | null;
  encoding: string | null;
  rows_read: number;
  loaded: number;
  quarantined: number;
  duplicates: number;
  superseded: number;
  refused: string | null;
  /** Headers outside the data contract, kept in the raw layer and worth telling the clerk. */
  unknown_columns: string | null;
  [k: string]: string | number | boolean | null;
}

export async function batchFiles(db: Db, batchId: number): Promise<FileRow[]> {
  return db.all<FileRow>(
    `select file_name, family, encoding, rows_read, loaded, quarantined, duplicates, superseded, refused,
            nullif(array_to_string(unknown_columns, ', '), '') as unknown_columns
     from ingest_file
     where batch_id = $batch
     order by file_name`,
    { batch: batchId },
  );
}
