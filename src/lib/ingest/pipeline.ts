// One ingest run: files (or folders of them) → raw tables → staged, checked rows → clean tables and
// quarantine → org closure and indicator mart. All of it happens on a private file (the spare,
// brought level with the live warehouse) inside one transaction, swapped in only when every file has
// been applied (src/lib/db/warehouse.ts); the mart recomputes only what the batch touched.
import { readdirSync, statSync } from 'node:fs';
import { basename, extname, join, resolve } from 'node:path';
import { sql, type Db } from '../db/duckdb.ts';
import { warmSpare, writeWarehouse, type WriteContext } from '../db/warehouse.ts';
import { phase } from '../db/phases.ts';
import { FAMILIES, FAMILY_ORDER, type FamilyName } from './families.ts';
import { RefusedFile, inspectFile, sha256File, type FileFacts, type HeaderMapping } from './detect.ts';
import { loadRaw, type RawLoad } from './load-raw.ts';
import { recordBatch, recordFile, recordNotes, type SeenFile } from './record.ts';
import { stage } from './stage.ts';
import { restOnOneThread, writeStarts } from './threads.ts';
import { apply, loadMessageTables } from './apply.ts';
import { recordMalformed } from './malformed.ts';
import { updateMart, sourcesOf, type MartUpdate } from '../indicators/mart-update.ts';
import { deltaReads } from '../indicators/mart-delta.ts';
import { MART_FAMILY_FILES } from '../indicators/mart.ts';
import { checkWrite } from './write-scope.ts';
import { pseudonymKey, refreshPersonRefs } from '../auditor/pseudonym.ts';

export interface FileResult {
  file: string;
  family: FamilyName | null;
  rows_read: number;
  loaded: number;
  quarantined: number;
  duplicates: number;
  /** Noise rows (blank, sub-headings, 合计, footers), each with a note in ingest_note. */
  skipped: number;
  superseded: number;
  /** null, or why the whole file was refused (Chinese / English). */
  refused: string | null;
  encoding?: string;
  sheet?: string;
  unknown_columns?: string[];
  /** What the reader decided and the clerk should know (header row, hidden sheets, merged cells …). */
  notes?: { zh: string; en: string }[];
  /** Set when identical content was loaded before: the file changed nothing. */
  same_as_batch?: number;
}

export interface IngestResult {
  /** The batch that recorded this run, or null when nothing changed. */
  batch: number | null;
  files: FileResult[];
  ms: number;
  /** What the indicator mart recomputed (null when nothing changed). */
  mart?: MartUpdate | null;
  /** How the write got its file: the caught-up spare, a copy of the live file, or a new one. */
  via?: WriteContext['via'];
  /** Earlier writes the spare lacked and this import replayed first (0 when it found it level). */
  replayed?: number;
}

export type IngestEvent =
  | { kind: 'file'; file: string; index: number; total: number }
  | { kind: 'progress'; file: string; phase: 'read' | 'check' | 'apply'; pct: number }
  | { kind: 'done'; result: FileResult }
  | { kind: 'step'; message: string };

export interface IngestOptions {
  family?: FamilyName;
  user?: string;
  source?: 'cli' | 'upload';
  /** The uploader's org subtree (root code): rows outside it are quarantined (write-scope.ts). */
  scope?: string | null;
  memoryLimit?: string;
  onEvent?: (e: IngestEvent) => void;
  /** May create the warehouse when there is none (first start; default true). The web upload passes false. */
  create?: boolean;
  /** Wait this long for an import in another process before refusing (default 0). */
  waitMs?: number;
  /** Imports ahead of this one in this process, whenever it changes (the upload page shows it). */
  onQueued?: (ahead: number) => void;
  /**
   * The result at the commit point (the swap: what the dashboard shows from now on), before the
   * writer brings its spare level for the next import; ingestPaths resolves after that, with the
   * same result.
   */
  onCommitted?: (result: IngestResult, swap: { from: number; to: number }) => unknown;
  /**
   * Reads on the committed file just before the swap (src/lib/db/warehouse.ts, atCommit), with what
   * the mart update did: the server reads the uploader's landing figures there.
   */
  atCommit?: (db: Db, mart: MartUpdate | null) => Promise<unknown>;
  /** A long-lived process (the server): keep the levelled spare open for its next import (src/lib/db/warm.ts). */
  keepWarm?: boolean;
}

export const DEFAULT_MEMORY_LIMIT = '1GB';
/**
 * Files up to this size in all are a small write, run on one DuckDB thread: every step of a clerk's
 * small upload is a short pipeline over a few rows, and a second worker only hands them across
 * threads (the warm 10-row upload through the server at scale 250, alternating runs on the busy
 * 2-core machine: 2.46 / 2.34 s and 1.33 / 1.25 s CPU with one thread, 3.49 / 2.51 s and 1.71 /
 * 1.41 s with two; the relief delta's two runs 58 ms each against 230). Larger loads keep one
 * thread per core (a warm handle opened for a small one is switched back: Db.setThreads).
 */
export const SMALL_WRITE_BYTES = 1024 * 1024;
/** The threads of a write of `bytes` of files (undefined: DuckDB's default, one per core). */
export const writeThreads = (bytes: number): number | undefined => (bytes <= SMALL_WRITE_BYTES ? 1 : undefined);
const TABLE_EXTENSIONS = new Set(['.csv', '.txt', '.tsv', '.xlsx', '.xlsm', '.xls', '.et', '.ods']);

/** Files named directly, and the table files inside named folders (sorted, hidden files skipped). */
export function expandPaths(paths: string[]): string[] {
  return paths.flatMap((p) => {
    const abs = resolve(p);
    if (!statSync(abs).isDirectory()) return [abs];
    return readdirSync(abs)
      .filter((n) => !n.startsWith('.') && !n.startsWith('~$') && TABLE_EXTENSIONS.has(extname(n).toLowerCase()))
      .sort()
      .map((n) => join(abs, n));
  });
}

const emptyResult = (file: string, family: FamilyName | null, refused: string | null): FileResult => ({
  file, family, rows_read: 0, loaded: 0, quarantined: 0, duplicates: 0, skipped: 0, superseded: 0, refused,
});

interface Pending {
  facts: FileFacts;
  fileId: number;
  raw: RawLoad;
  mapping: HeaderMapping;
}

export async function ingestPaths(dbPath: string, paths: string[], opts: IngestOptions = {}): Promise<IngestResult> {
  const started = Date.now();
  // each step is also a mark of the write's profile (UA_PHASES, src/lib/db/phases.ts): where it starts
  const emit = (e: IngestEvent) => {
    if (e.kind !== 'progress' || e.phase !== 'read') phase(e.kind === 'step' ? e.message : e.kind === 'progress' ? e.phase : e.kind);
    opts.onEvent?.(e);
  };
  const files = expandPaths(paths);
  const results = new Map<string, FileResult>();
  const inspected: FileFacts[] = [];
  const refusedFacts: { facts: SeenFile; reason: string }[] = [];
  for (const path of files) {
    try {
      inspected.push(await inspectFile(path));
    } catch (e) {
      if (!(e instanceof RefusedFile)) throw e;
      results.set(path, emptyResult(path, null, e.message));
      refusedFacts.push({ facts: { path, fileName: basename(path), bytes: statSync(path).size, sha256: await sha256File(path) }, reason: e.message });
    }
  }

  let batch: number | null = null;
  let mart: MartUpdate | null = null;
  let via: WriteContext['via'] | undefined;
  let replayed: number | undefined;
  let result: IngestResult | undefined;
  const finish = (): IngestResult => {
    const ordered = files.map((f) => results.get(f)!);
    const changed = ordered.some((r) => !r.refused && r.same_as_batch === undefined);
    return (result ??= { batch: changed ? batch : null, files: ordered, ms: Date.now() - started, mart: changed ? mart : null, via, replayed });
  };
  await writeWarehouse(
    dbPath,
    async (db, write) => {
      if (!prepared.has(db)) await prepare(db);
      writeStarts(db);
      batch = Number(await db.value('select coalesce(max(batch_id), 0) + 1 from ingest_batch'));
      write.batch = batch;
      via = write.via;
      replayed = write.replayed;
      let nextFileId = Number(await db.value('select coalesce(max(file_id), 0) + 1 from ingest_file'));
      const pending: Pending[] = [];

      // 1. Raw: every file as text, in its own table, in the order given.
      for (const [i, facts] of inspected.entries()) {
        emit({ kind: 'file', file: facts.path, index: i, total: inspected.length });
        const seen = await db.one<{ batch_id: number; family: FamilyName; rows_read: number; skipped: number }>(
          `select batch_id, family, rows_read, coalesce(skipped, 0)::integer as skipped from ingest_file where sha256 = $sha and refused is null order by file_id limit 1`,
          { sha: facts.sha256 },
        );
        if (seen) {
          results.set(facts.path, {
            ...emptyResult(facts.path, seen.family, null),
            rows_read: seen.rows_read,
            duplicates: seen.rows_read - seen.skipped,
            skipped: seen.skipped,
            same_as_batch: seen.batch_id,
          });
          continue;
        }
        const fileId = nextFileId++;
        try {
          const raw = await loadRaw(db, facts, fileId, opts.family, (pct) => emit({ kind: 'progress', file: facts.path, phase: 'read', pct }));
          const mapping = raw.mapping;
          if (mapping.familyFromHeaders)
            raw.notes.push({
              kind: 'family_from_headers',
              zh: `文件名像是“${FAMILIES[mapping.familyFromHeaders].zh}”，但表头是“${mapping.family.zh}”登记表，已按表头导入。`,
              en: `The file name suggests ${FAMILIES[mapping.familyFromHeaders].en}, but the headers are a ${mapping.family.en} register; read by its headers.`,
            });
          pending.push({ facts, fileId, raw, mapping });
        } catch (e) {
          if (!(e instanceof RefusedFile)) throw e;
          results.set(facts.path, emptyResult(facts.path, null, e.message));
          refusedFacts.push({ facts, reason: e.message });
        }
      }

      // 2. Clean: family by family, so that references resolve within one load (orgs before units …).
      // Row order no longer matters (row numbers are columns now), and DuckDB needs far less memory
      // for big inserts when it may reorder them.
      await db.run('set preserve_insertion_order = false');
      pending.sort((a, b) => FAMILY_ORDER.indexOf(a.mapping.family.name) - FAMILY_ORDER.indexOf(b.mapping.family.name));
      // (one DuckDB thread from here when every table the checks and apply read is one row group: stage.ts)
      await restOnOneThread(db, pending.reduce((n, p) => n + p.raw.rows, 0));
      for (const p of pending) {
        const f = p.mapping.family;
        const ctx = { batchId: batch, fileId: p.fileId, fileName: p.facts.fileName, sheet: p.raw.sheet ?? null };
        emit({ kind: 'progress', file: p.facts.path, phase: 'check', pct: 0 });
        const skipped = (await stage(db, f, p.raw, p.mapping)) + p.raw.dropped.length;
        await checkWrite(db, f, opts.scope ?? null);
        emit({ kind: 'progress', file: p.facts.path, phase: 'apply', pct: 0 });
        const applied = await apply(db, f, ctx);
        const malformed = await recordMalformed(db, f, ctx, p.raw.malformed);
        const result: FileResult = {
          file: p.facts.path,
          family: f.name,
          rows_read: p.raw.rows + p.raw.malformed.length + p.raw.dropped.length,
          ...applied,
          quarantined: applied.quarantined + malformed,
          skipped,
          refused: null,
          encoding: p.facts.encoding,
          sheet: p.raw.sheet,
          unknown_columns: p.mapping.unknown,
          notes: p.raw.notes.map(({ zh, en }) => ({ zh, en })),
        };
        if (result.rows_read !== result.loaded + result.quarantined + result.duplicates + result.skipped)
          throw new Error(`internal: ${p.facts.fileName} does not reconcile: ${JSON.stringify(result)}`);
        await recordFile(db, batch, p.fileId, p.facts, result, p.raw.table);
        await recordNotes(db, batch, p.fileId, p.raw);
        results.set(p.facts.path, result);
        emit({ kind: 'done', result });
      }
      for (const r of refusedFacts) await recordFile(db, batch, nextFileId++, r.facts, results.get(r.facts.path)!, null);

      if (pending.length === 0) return false; // nothing new: keep the warehouse as it is
      // Pseudonyms of the person keys for masked auditors, keyed with a secret the sandbox never sees.
      emit({ kind: 'step', message: 'person pseudonyms' });
      await refreshPersonRefs(db, pseudonymKey(dbPath), batch);
      // the closure changes only with the orgs (an empty one: a warehouse from before the closure)
      const orgsChanged = pending.some((p) => p.mapping.family.name === 'orgs') || !(await db.value('select count(*) from org_closure'));
      if (orgsChanged) {
        emit({ kind: 'step', message: 'org closure' });
        await db.run(sql('warehouse/org_closure.sql'));
      }
      emit({ kind: 'step', message: 'indicator mart' });
      mart = await updateMart(db, { writeId: write.writeId, batch });
      emit({ kind: 'step', message: 'commit' });
      await recordBatch(db, batch, started, opts, [...results.values()].filter((r) => r.same_as_batch === undefined && !r.refused));
      return true;
    },
    // DuckDB spills to a .tmp folder next to the file beyond this, so memory stays bounded whatever the file size.
    {
      memoryLimit: opts.memoryLimit ?? DEFAULT_MEMORY_LIMIT,
      threads: writeThreads([...inspected, ...refusedFacts.map((r) => r.facts)].reduce((n, f) => n + f.bytes, 0)),
      shouldCommit: (changed) => changed,
      kind: 'ingest',
      create: opts.create ?? true,
      waitMs: opts.waitMs,
      onQueued: opts.onQueued,
      onCommitted: opts.onCommitted && ((_, swap) => opts.onCommitted!(finish(), swap)),
      atCommit: opts.atCommit && ((db) => opts.atCommit!(db, mart ?? null)),
      keepWarm: opts.keepWarm,
      warmUp: (db) => warmUp(db, [...results.values()].filter((r) => !r.refused && r.same_as_batch === undefined).map((r) => r.family!)),
    },
  );
  return finish();
}

/**
 * The temp macros and message tables every write's staging uses (in the instance, not the file):
 * made again by each write, unless a warm writer made them while it waited (warmUp).
 */
const prepared = new WeakSet<Db>();
async function prepare(db: Db): Promise<void> {
  await db.run(sql('macros/parse.sql'));
  await loadMessageTables(db, FAMILY_ORDER.map((f) => FAMILIES[f]));
}

/**
 * A long-lived process about to import (the server, when a clerk opens the upload page): the spare
 * taken warm now, with the delta tables of every family read (src/lib/db/warehouse.ts warmSpare).
 */
export function warmWriter(dbPath: string): Promise<boolean> {
  // opened for the small upload a clerk is about to make (a larger one sets the threads back)
  return warmSpare(dbPath, { memoryLimit: DEFAULT_MEMORY_LIMIT, threads: writeThreads(0), warmUp: (db) => warmUp(db, [...FAMILY_ORDER]) });
}

/**
 * A warm writer, after levelling: the blocks the next upload of the same families reads whole rows
 * of (the mart's delta tables, mart-delta.ts) loaded into the held spare's buffers. Best effort.
 */
async function warmUp(db: Db, families: FamilyName[]): Promise<void> {
  // outside any transaction: they stay for the instance's next write (a rollback would drop them)
  await prepare(db);
  prepared.add(db);
  const tables = deltaReads(MART_FAMILY_FILES.map((f) => sql(f)), families, sourcesOf);
  for (const t of tables) await db.run(`select min(columns(*)) from ${t}`).catch(() => {});
}
