// How writers and readers share the warehouse file.
//
// DuckDB lets one process write a file and then excludes every other process from it. So writers
// never touch the live file: a write copies it to `<db>.next`, works there, checkpoints, and renames
// the copy over the live file (an atomic rename on POSIX). A failed or interrupted write only leaves
// a stale `.next` behind, which the next writer discards. Readers (the dashboard) open the live file
// read-only and reopen when its inode changes, so a new ingest shows up without a restart.
import { copyFileSync, existsSync, mkdirSync, openSync, closeSync, readFileSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { Db, sql, type OpenOptions } from './duckdb.ts';

export class WarehouseBusyError extends Error {}

function acquireLock(lockPath: string): () => void {
  try {
    const fd = openSync(lockPath, 'wx');
    writeSync(fd, String(process.pid));
    closeSync(fd);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    const pid = Number(readFileSync(lockPath, 'utf8'));
    if (pid && pid !== process.pid && isAlive(pid)) {
      throw new WarehouseBusyError(
        `另一个写入进程 (pid ${pid}) 正在更新数据仓库 ${lockPath.replace(/\.lock$/, '')}，请稍后再试。` +
          ` / Another process (pid ${pid}) is writing the warehouse; try again when it has finished.`,
      );
    }
    rmSync(lockPath, { force: true });
    return acquireLock(lockPath);
  }
  return () => rmSync(lockPath, { force: true });
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Makes sure the warehouse tables exist (idempotent DDL). */
export async function ensureSchema(db: Db): Promise<void> {
  await db.run(sql('warehouse/schema.sql'));
  const { cleanTableDdl } = await import('../ingest/ddl.ts');
  await db.run(cleanTableDdl());
}

/**
 * Runs `work` against a private copy of the warehouse and swaps it in when `work` resolves.
 * If `work` throws (or the process dies), the live warehouse is exactly as it was.
 * `work` may return `{ commit: false }` to discard its copy (nothing to change).
 */
export async function writeWarehouse<T>(
  dbPath: string,
  work: (db: Db) => Promise<T>,
  opts: OpenOptions & { shouldCommit?: (result: T) => boolean } = {},
): Promise<T> {
  mkdirSync(dirname(dbPath), { recursive: true });
  const release = acquireLock(`${dbPath}.lock`);
  const next = `${dbPath}.next`;
  let db: Db | undefined;
  try {
    rmSync(next, { force: true });
    rmSync(`${next}.wal`, { force: true });
    if (existsSync(dbPath)) copyFileSync(dbPath, next);
    db = await Db.open(next, opts);
    await ensureSchema(db);
    const result = await work(db);
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
  } finally {
    release();
  }
}

/**
 * A read-only handle that follows swaps: `get()` returns a Db on the current file, reopening it when
 * a writer has renamed a new file into place. The old handle is closed a little later, so queries
 * still running on it finish.
 */
export class WarehouseReader {
  readonly path: string;
  private db: Db | undefined;
  private inode = -1;
  private opening: Promise<Db> | undefined;
  private opts: OpenOptions;

  constructor(path: string, opts: OpenOptions = {}) {
    this.path = path;
    this.opts = opts;
  }

  async get(): Promise<Db> {
    const ino = statSync(this.path).ino;
    if (this.db && ino === this.inode) return this.db;
    if (!this.opening) {
      this.opening = (async () => {
        const fresh = await Db.open(this.path, { ...this.opts, readOnly: true });
        const old = this.db;
        this.db = fresh;
        this.inode = ino;
        if (old) setTimeout(() => old.close(), 60_000).unref();
        return fresh;
      })().finally(() => (this.opening = undefined));
    }
    return this.opening;
  }

  /** The inode doubles as a snapshot id: it changes exactly when a new warehouse is swapped in. */
  snapshot(): number {
    return statSync(this.path).ino;
  }

  close(): void {
    this.db?.close();
    this.db = undefined;
  }
}
