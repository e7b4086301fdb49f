// Readers of the live warehouse in this process (the server's pages), and what a writer of this
// process needs from them. DuckDB's file lock does not see a second open in the same process, so
// the writer must know which files our readers hold (by inode) and ask them to let go before it
// writes one (the spare, which was the live file before the last swap). Design: README.md here.
import { statSync } from 'node:fs';
import { Db, type OpenOptions } from './duckdb.ts';

/** How long a replaced file stays open for queries that started on it (pages answer in well under a second). */
export const RETIRE_MS = 10_000;
/**
 * A replaced file a writer wants is closed once no statement has run on it for this long: a page
 * runs its queries one after another, so a gap this long means the pages that began on it are done.
 */
export const IDLE_MS = 2_000;
const IDLE_POLL_MS = 100;

// --- read-only handles this process holds, by inode (a spare must not be written under them) ---

const held = new Map<number, { n: number; released: Promise<void>; release: () => void }>();

function hold(ino: number): void {
  let h = held.get(ino);
  if (!h) {
    let release!: () => void;
    const released = new Promise<void>((r) => (release = r));
    held.set(ino, (h = { n: 0, released, release }));
  }
  h.n++;
}

function unhold(ino: number): void {
  const h = held.get(ino);
  if (h && --h.n === 0) {
    held.delete(ino);
    h.release();
  }
}

const readers = new Set<WarehouseReader>();

/**
 * Asks this process's readers to let go of the file `ino` and waits, at most `ms`, until none holds
 * it. True when it is free (the writer may open it), false when a reader still holds it.
 */
export async function letGoOf(ino: number, ms = RETIRE_MS + 2_000): Promise<boolean> {
  for (const r of readers) r.letGo(ino);
  const h = held.get(ino);
  if (h) {
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([h.released, new Promise((r) => (timer = setTimeout(r, ms)))]);
    clearTimeout(timer);
  }
  return !held.has(ino);
}

/**
 * A read-only handle that follows swaps: `get()` returns a Db on the current file, reopening it when
 * a writer has renamed a new file into place. The old handle is closed RETIRE_MS later, so queries
 * still running on it finish, or sooner when a writer asks for it (`letGo`). A missing or unreadable
 * file is an error, never an empty warehouse.
 */
export class WarehouseReader {
  readonly path: string;
  private db: Db | undefined;
  private inode = -1;
  private opening: Promise<Db> | undefined;
  private opts: OpenOptions;
  private lastGet = 0;
  /** Replaced files still open for the queries that started on them, by inode. */
  private retiring = new Map<number, { db: Db; close: () => void }>();

  constructor(path: string, opts: OpenOptions = {}) {
    this.path = path;
    this.opts = opts;
    readers.add(this);
  }

  /**
   * A writer of this process wants the file `ino` (a replaced one): closed now when no query has
   * asked for it for RETIRE_MS; else this reader moves on to the live file, and the old handle is
   * closed as soon as no statement has run on it for IDLE_MS (at the latest RETIRE_MS later).
   */
  letGo(ino: number): void {
    if (this.db && this.inode === ino) {
      if (Date.now() - this.lastGet > RETIRE_MS) {
        const old = this.db;
        this.db = undefined;
        this.inode = -1;
        old.close();
        unhold(ino);
        return;
      }
      // the handle on the live file replaces this one: it retires, then closes once idle below
      void this.get().then(() => this.inode !== ino && this.letGo(ino), () => {});
      return;
    }
    const old = this.retiring.get(ino);
    if (!old) return;
    const poll = setInterval(() => {
      if (!this.retiring.has(ino)) clearInterval(poll);
      else if (old.db.idleFor(IDLE_MS)) {
        clearInterval(poll);
        old.close();
      }
    }, IDLE_POLL_MS).unref();
  }

  async get(): Promise<Db> {
    this.lastGet = Date.now();
    const ino = statSync(this.path).ino;
    if (this.db && ino === this.inode) return this.db;
    if (!this.opening) {
      this.opening = (async () => {
        const fresh = await Db.open(this.path, { ...this.opts, readOnly: true });
        hold(ino);
        if (this.db) this.retire(this.db, this.inode);
        this.db = fresh;
        this.inode = ino;
        return fresh;
      })().finally(() => (this.opening = undefined));
    }
    return this.opening;
  }

  private retire(db: Db, ino: number): void {
    const close = () => {
      if (this.retiring.get(ino)?.db !== db) return;
      this.retiring.delete(ino);
      clearTimeout(timer);
      db.close();
      unhold(ino);
    };
    const timer = setTimeout(close, RETIRE_MS).unref();
    this.retiring.set(ino, { db, close });
  }

  /** The inode doubles as a snapshot id: it changes exactly when a new warehouse is swapped in. */
  snapshot(): number {
    return statSync(this.path).ino;
  }

  close(): void {
    readers.delete(this);
    for (const old of [...this.retiring.values()]) old.close();
    this.db?.close();
    if (this.db) unhold(this.inode);
    this.db = undefined;
  }
}
