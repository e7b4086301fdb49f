// How writers and readers share the warehouse file (the design and its measurements: README.md here).
//
// DuckDB lets one process write a file and then excludes every other process from it, while any
// number of processes may read it. So writers never open the live file for writing. They keep a
// second file, the spare (`<db>.spare`: the previous live file, kept by a hard link at each swap),
// bring it up to date with the writes it missed (src/lib/db/spare.ts: by batch, so it costs what
// those writes changed), apply their own write inside one DuckDB transaction, checkpoint, and swap
// it in with a rename. The live file is never written; a failed or killed write leaves it as it
// was, and at worst a spare that the next writer repairs or replaces by a copy. Readers open the
// live file read-only and reopen when its inode changes.
import { existsSync, linkSync, mkdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { Db, sql, type OpenOptions } from './duckdb.ts';
import { letGoOf } from './reader.ts';
import { killInCheckpoint, pauseAt, phase } from './phases.ts';
import { CHECKPOINT_AT_COMMIT, catchUp, fileId, knownLevel, openSpare } from './spare.ts';
import { acquireLock, enterQueue, writeQueue } from './writer-lock.ts';
import { keepWarm, warmElsewhere, warmHeld } from './warm.ts';

export { cpuMs, phaseTimes } from './phases.ts';
export { WarehouseBusyError, writeQueue } from './writer-lock.ts';
export { RETIRE_MS, WarehouseReader } from './reader.ts';

export class MissingWarehouseError extends Error {}

/**
 * Warm handles this process levelled (levelSpare): the spare then holds every table the live file
 * does, and the live file is this process's last write, made after ensureSchema on the same code.
 * A write on such a handle skips the schema's ~100 idempotent statements (10-50 ms). Another
 * process's write would have made this one let go of the handle first (warm.ts).
 */
const schemaKept = new WeakSet<Db>();

/** How long the levelling waits at most for what the caller does after the answer (onCommitted's promise). */
const AFTER_ANSWER_MS = 2_000;

/** What a write may replay onto the spare: an ingest by its batch, a mart rebuild; anything else is copied. */
export type WriteKind = 'ingest' | 'mart' | 'opaque';

export interface WriteContext {
  /** This write's number in warehouse_write (the spare's catch-up follows them). */
  writeId: number;
  /** The ingest batch this write records, if any (set by the work). */
  batch: number | null;
  /** How the private file was made: 'create' (first load), 'spare' (caught up), 'copy' (fallback). */
  via: 'create' | 'spare' | 'copy';
  /** How many earlier writes the spare lacked and got replayed (0: it was level; 0 for a copy too). */
  replayed: number;
}

export interface WriteOptions<T> extends OpenOptions {
  /** Return false to discard the write (nothing changed): the live file is left untouched. */
  shouldCommit?: (result: T) => boolean;
  kind?: WriteKind;
  /** May create a missing warehouse: only on first start (no spare left by an earlier one). */
  create?: boolean;
  /** How long to wait for a writer in another process before refusing (default 0: refuse). */
  waitMs?: number;
  /** Called with the number of writes ahead of this one in this process, whenever it changes. */
  onQueued?: (ahead: number) => void;
  /**
   * Called at the commit point (the swap), before the spare is brought level for the next write:
   * the answer can be given here. The returned promise resolves after the levelling, when the lock
   * is released. `swap`: the inodes of the live file before and after (the readers' snapshots).
   * A promise returned (the server's first read of the new file for the dashboard) is waited for,
   * at most AFTER_ANSWER_MS, before the levelling starts: the clerk's next page does not share the
   * two cores with the catch-up.
   */
  onCommitted?: (result: T, swap: { from: number; to: number }) => unknown;
  /**
   * Reads on the committed file before it is let go: what they see is exactly the file the swap
   * puts in place, read where its blocks are already in memory (the server's landing figures, so
   * the dashboard's first read after an upload needs no open of the new file). Best effort: a
   * failure is ignored. Runs before the swap, so it is on the answer's path: keep it to a few reads.
   */
  atCommit?: (db: Db, result: T) => Promise<unknown>;
  /**
   * A long-lived writer (the server): keep the levelled spare open for this process's next write
   * (warm.ts) instead of closing it; a writer of another process asks it to let go.
   */
  keepWarm?: boolean;
  /** With keepWarm: reads what the next write will read, on the levelled spare before it is kept (warm.ts). */
  warmUp?: (db: Db) => Promise<void>;
}

/** Makes sure the warehouse tables exist (idempotent DDL). */
export async function ensureSchema(db: Db): Promise<void> {
  await db.run(sql('warehouse/schema.sql'));
  const { cleanTableDdl } = await import('../ingest/ddl.ts');
  await db.run(cleanTableDdl());
}

/**
 * Runs `work` on a private file and swaps it in as the live warehouse when `work` resolves: the
 * caller's answer is given only after the swap, so "loaded" means committed. If `work` throws (or
 * the process dies) the live warehouse is exactly as it was.
 */
export async function writeWarehouse<T>(
  dbPath: string,
  work: (db: Db, ctx: WriteContext) => Promise<T>,
  opts: WriteOptions<T> = {},
): Promise<T> {
  const leave = await enterQueue(dbPath, opts.onQueued);
  try {
    const release = await acquireLock(`${dbPath}.lock`, opts.waitMs ?? 0);
    try {
      phase('locked');
      return await writeLocked(dbPath, work, opts);
    } finally {
      release();
    }
  } finally {
    leave();
  }
}

async function writeLocked<T>(dbPath: string, work: (db: Db, ctx: WriteContext) => Promise<T>, opts: WriteOptions<T>): Promise<T> {
  const spare = `${dbPath}.spare`;
  const spareNew = `${dbPath}.spare.new`;
  // a swap cut short: the old live file is linked as .spare.new; .spare was renamed into place or not
  if (existsSync(spareNew)) {
    if (existsSync(spare)) rmSync(spareNew);
    else renameSync(spareNew, spare);
  }
  if (!existsSync(dbPath)) {
    if (!opts.create || existsSync(spare)) {
      throw new MissingWarehouseError(
        `找不到数据仓库 ${dbPath}（文件不存在或磁盘未挂载），不会新建空仓库。 / The warehouse ${dbPath} is missing` +
          ' (deleted or its disk unmounted); refusing to start a new empty one.',
      );
    }
    return createFirst(dbPath, work, opts);
  }
  const liveIno = statSync(dbPath).ino;
  const { db, via, replayed } = await openSpare(dbPath, spare, liveIno, opts);
  // a warm handle was opened for the write expected then (warmSpare: a clerk's small upload)
  await db.setThreads(opts.threads);
  phase('opened');
  // the instance: closed at the end unless the levelling hands it on (kept warm for the next write)
  let host: Db | undefined = db;
  try {
    if (!schemaKept.has(db)) await ensureSchema(db);
    schemaKept.delete(db);
    phase('schema');
    const writeId = Number(await db.value('select coalesce(max(write_id), 0) + 1 from warehouse_write'));
    const ctx: WriteContext = { writeId, batch: null, via, replayed };
    await db.run('begin transaction');
    let result: T;
    try {
      result = await work(db, ctx);
      await recordWrite(db, ctx, opts.kind ?? 'opaque');
      phase('applied');
    } catch (e) {
      await db.run('rollback').catch(() => {});
      throw e;
    }
    if (opts.shouldCommit && !opts.shouldCommit(result)) {
      await db.run('rollback');
      return result;
    }
    await db.run(CHECKPOINT_AT_COMMIT);
    await killInCheckpoint(db);
    await db.run('commit');
    phase('committed');
    await db.run('detach database if exists live');
    await db.run('checkpoint');
    if (opts.atCommit) {
      await opts.atCommit(db, result).catch(() => {});
      phase('read at commit');
    }
    // the file is let go of (its lock with it); the instance, whose close frees what the write
    // read, is closed after the answer
    await db.detachFile();
    if (existsSync(`${spare}.wal`)) throw new Error(`internal: ${spare}.wal left after checkpoint`);
    phase('closed');
    if (statSync(dbPath).ino !== liveIno) throw new Error(`internal: ${dbPath} was replaced during the write`);
    // the swap: keep the old live file as the next spare (a hard link), then rename the new one in
    linkSync(dbPath, spareNew);
    phase('linked');
    renameSync(spare, dbPath);
    phase('swapped');
    renameSync(spareNew, spare);
    const answered = opts.onCommitted?.(result, { from: liveIno, to: statSync(dbPath).ino });
    host = undefined;
    await levelSpare(dbPath, spare, db, opts, answered);
    return result;
  } finally {
    host?.close();
  }
}

/**
 * After the swap, still holding the lock: the old live file, now the spare, gets the write it
 * missed, so the next writer finds it level and pays nothing for catching up. The answer was given
 * at the swap (onCommitted). This process's readers (the server's pages) are asked to let go of the
 * old file first, and waited for (they close it once no query has run on it for IDLE_MS; at most
 * RETIRE_MS + 2 s). Best effort: when one still holds it, another process reads it, or the spare
 * cannot be caught up, it is left as it is and the next writer catches it up or copies, as before.
 * A kill here changes only the spare: an unfinished catch-up is rolled back when the file is next
 * opened, a committed one is level. `host` is the write's instance (its file detached): the spare
 * is attached to it, and it is closed here, or kept open with the spare for the next write (keepWarm).
 */
async function levelSpare(
  dbPath: string, spare: string, host: Db, opts: { keepWarm?: boolean; warmUp?: (db: Db) => Promise<void> },
  answered?: unknown,
): Promise<void> {
  let db: Db | undefined = host;
  try {
    if (answered instanceof Promise) {
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([answered.catch(() => {}), new Promise((r) => (timer = setTimeout(r, AFTER_ANSWER_MS)))]);
      clearTimeout(timer);
    }
    await pauseAt('answered');
    const ino = statSync(spare).ino;
    if (ino === statSync(dbPath).ino || !(await letGoOf(ino))) return;
    await db.attachFile(spare); // refused while another process reads the old file
    await db.run(`attach '${dbPath.replace(/'/g, "''")}' as live (read_only)`);
    phase('levelling');
    await catchUp(db);
    phase('levelled');
    await db.run('detach live');
    await db.run('checkpoint');
    if (opts.keepWarm) {
      // level and checkpointed: the file as it is now is what the mark names, open or closed
      writeFileSync(`${spare}.level`, JSON.stringify({ live: fileId(dbPath), spare: fileId(spare) }));
      schemaKept.add(db);
      keepWarm(dbPath, db, ino, opts.warmUp); // the warm-up reads run after the lock is released
      db = undefined;
      return;
    }
    await db.detachFile();
    writeFileSync(`${spare}.level`, JSON.stringify({ live: fileId(dbPath), spare: fileId(spare) }));
  } catch {
    // the next writer finds the spare behind (or unusable) and catches it up or copies
  } finally {
    db?.close();
  }
}

/**
 * A long-lived writer (the server) about to write, e.g. when a clerk opens the upload page: takes
 * the spare warm now (step 6 of README.md), so the upload that follows in a few seconds finds it
 * open and `warmUp` done. Only a spare known level by its mark, not held by anyone (this process's
 * readers, another warm holder, another process), and only when no write is running or queued:
 * it takes its turn in the queue and the lock without waiting. Best effort: anything else leaves
 * things as they are and the write opens the spare as usual.
 */
export async function warmSpare(dbPath: string, opts: OpenOptions & { warmUp?: (db: Db) => Promise<void> } = {}): Promise<boolean> {
  const spare = `${dbPath}.spare`;
  const q = writeQueue(dbPath);
  if (q.running || q.waiting || warmHeld().includes(dbPath) || !existsSync(spare) || !existsSync(dbPath)) return false;
  const leave = await enterQueue(dbPath, undefined, true);
  let release: (() => void) | undefined;
  try {
    release = await acquireLock(`${dbPath}.lock`, 0);
    const ino = statSync(spare).ino;
    if (ino === statSync(dbPath).ino || warmElsewhere(dbPath) !== null || !knownLevel(dbPath, spare, true) || !(await letGoOf(ino, 0))) return false;
    const db = await Db.openAttached(spare, opts); // refused while another process reads it
    keepWarm(dbPath, db, ino, opts.warmUp); // the warm-up reads run after the lock is released
    return true;
  } catch {
    return false;
  } finally {
    release?.();
    leave();
  }
}

/** The first load: a new file, written and renamed into place (no spare yet: the next write makes one). */
async function createFirst<T>(dbPath: string, work: (db: Db, ctx: WriteContext) => Promise<T>, opts: WriteOptions<T>): Promise<T> {
  mkdirSync(dirname(dbPath), { recursive: true });
  const next = `${dbPath}.next`;
  rmSync(next, { force: true });
  rmSync(`${next}.wal`, { force: true });
  let db: Db | undefined = await Db.open(next, opts);
  try {
    await ensureSchema(db);
    const ctx: WriteContext = { writeId: 1, batch: null, via: 'create', replayed: 0 };
    const result = await work(db, ctx);
    await recordWrite(db, ctx, opts.kind ?? 'opaque');
    phase('applied');
    await db.run('checkpoint');
    db.close();
    db = undefined;
    if (opts.shouldCommit && !opts.shouldCommit(result)) rmSync(next, { force: true });
    else renameSync(next, dbPath);
    return result;
  } catch (e) {
    db?.close();
    rmSync(next, { force: true });
    rmSync(`${next}.wal`, { force: true });
    throw e;
  }
}

async function recordWrite(db: Db, ctx: WriteContext, kind: WriteKind): Promise<void> {
  await db.run('insert into warehouse_write values ($id, $kind, $batch, now())', { id: ctx.writeId, kind, batch: ctx.batch });
}
