// What an ingest records of itself, in the same write as the rows: a line per file offered
// (ingest_file, refused ones too), per batch (ingest_batch) and per note for the clerk (ingest_note:
// the reader's notes and every skipped row). The auditor's trail from a figure back to its files
// starts here.
import { hostname, userInfo } from 'node:os';
import type { Db } from '../db/duckdb.ts';
import type { FileFacts } from './detect.ts';
import type { Note, RawLoad } from './load-raw.ts';
import { NOISE_NOTES } from './noise.ts';
import type { FileResult, IngestOptions } from './pipeline.ts';

/** What is known of any file offered, even one refused before it could be read. */
export type SeenFile = Pick<FileFacts, 'path' | 'fileName' | 'bytes' | 'sha256'> & Partial<FileFacts>;

export async function recordFile(db: Db, batch: number, fileId: number, facts: SeenFile, r: FileResult, rawTable: string | null): Promise<void> {
  await db.run(
    `insert into ingest_file (file_id, batch_id, path, file_name, sha256, bytes, family, format, encoding, sheet,
       rows_read, loaded, quarantined, duplicates, skipped, superseded, refused, unknown_columns, raw_table)
     values ($id, $batch, $path, $name, $sha, $bytes, $family, $format, $encoding, $sheet,
       $rows_read, $loaded, $quarantined, $duplicates, $skipped, $superseded, $refused, string_split($unknown, chr(31)), $raw)`,
    {
      id: fileId, batch, path: facts.path, name: facts.fileName, sha: facts.sha256, bytes: facts.bytes,
      family: r.family, format: facts.format ?? null, encoding: facts.encoding ?? null, sheet: r.sheet ?? null,
      rows_read: r.rows_read, loaded: r.loaded, quarantined: r.quarantined, duplicates: r.duplicates, skipped: r.skipped,
      superseded: r.superseded, refused: r.refused, unknown: (r.unknown_columns ?? []).join('\u001f') || null, raw: rawTable,
    },
  );
}

export async function recordBatch(db: Db, batch: number, started: number, opts: IngestOptions, rs: FileResult[]): Promise<void> {
  const sum = (k: keyof FileResult) => rs.reduce((s, r) => s + (r[k] as number), 0);
  await db.run(
    `insert into ingest_batch (batch_id, started_at, finished_at, user_name, host, source, files,
       rows_read, loaded, quarantined, duplicates, superseded, skipped)
     values ($batch, to_timestamp($started / 1000), now(), $user, $host, $source, $files,
       $rows_read, $loaded, $quarantined, $duplicates, $superseded, $skipped)`,
    {
      batch, started, user: opts.user ?? userInfo().username, host: hostname(), source: opts.source ?? 'cli',
      files: rs.length, rows_read: sum('rows_read'), loaded: sum('loaded'), quarantined: sum('quarantined'),
      duplicates: sum('duplicates'), superseded: sum('superseded'), skipped: sum('skipped'),
    },
  );
}

const lit = (s: string) => `'${s.replace(/'/g, "''")}'`;

/** The reader's notes and one note per skipped row (blank CSV lines included), for the clerk. */
export async function recordNotes(db: Db, batch: number, fileId: number, raw: RawLoad): Promise<void> {
  const sheet = raw.sheet ?? null;
  const notes: Note[] = [...raw.notes, ...raw.dropped.map((row) => ({ kind: 'blank', row, ...NOISE_NOTES.blank }))];
  if (notes.length) {
    const app = await db.appender('ingest_note');
    for (const n of notes) {
      app.appendInteger(batch);
      app.appendInteger(fileId);
      n.sheet ?? sheet ? app.appendVarchar((n.sheet ?? sheet)!) : app.appendNull();
      n.row !== undefined ? app.appendInteger(n.row) : app.appendNull();
      app.appendVarchar(n.kind);
      app.appendVarchar(n.zh);
      app.appendVarchar(n.en);
      app.endRow();
    }
    app.closeSync();
  }
  const kinds = Object.entries(NOISE_NOTES).map(([k, m]) => `(${lit(k)}, ${lit(m.zh)}, ${lit(m.en)})`).join(', ');
  await db.run(
    `insert into ingest_note select $batch, $file, $sheet, s._row_no, s.kind, m.zh, m.en
     from skipped s join (values ${kinds}) m(kind, zh, en) using (kind) order by s._row_no`,
    { batch, file: fileId, sheet },
  );
}
