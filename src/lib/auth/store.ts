// The sidecar store: accounts, sessions, login throttling and the audit log.
//
// The warehouse file is replaced by copy-and-rename on every ingest and the server opens it
// read-only, so nothing the server writes can live in it. These tables live next to it instead, in
// `<warehouse>.accounts.sqlite` (Node's built-in SQLite: WAL mode lets the server, the CLI scripts
// and the tests use it at once; triggers make the audit log append-only). This module is the only
// one that imports node:sqlite.
import { DatabaseSync, type SQLInputValue } from 'node:sqlite';
import { mkdirSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

export type SqlValue = SQLInputValue;
export type SqlRow = Record<string, SqlValue>;

const SCHEMA = `
create table if not exists users (
  name        text primary key,
  role        text not null check (role in ('leader', 'staff', 'auditor', 'admin')),
  org_code    text,                 -- null = the whole federation; else limited to this subtree
  pw_hash     text not null,
  disabled    integer not null default 0,
  created_at  text not null,
  updated_at  text not null
);
create table if not exists sessions (
  token_hash  text primary key,     -- sha256 of the cookie value; the cookie itself is never stored
  user_name   text not null references users(name),
  created_at  integer not null,     -- epoch ms
  last_seen   integer not null,
  expires_at  integer not null
);
create index if not exists sessions_user on sessions(user_name);
create table if not exists login_failures (
  key  text not null,               -- 'p:<client>|<name>', 'u:<name>' or 'c:<client>' (sessions.ts)
  at   integer not null
);
create index if not exists login_failures_key on login_failures(key, at);
create table if not exists audit_log (
  id           integer primary key autoincrement,
  at           text not null,       -- ISO 8601 UTC
  user_name    text not null,
  source       text not null,       -- 'console' | 'cli' | 'lineage' | 'export'
  sql          text not null,
  masked       integer not null,    -- 1 = personal columns masked, 0 = unmasked on request
  rows         integer,
  duration_ms  integer,
  outcome      text not null,       -- 'ok' | 'truncated' | 'refused' | 'error' | 'timeout' | 'killed'
  message      text,
  org_scope    text                 -- the subtree the query was limited to, if any
);
create index if not exists audit_log_user on audit_log(user_name, id);
create trigger if not exists audit_log_no_update before update on audit_log
  begin select raise(abort, 'audit_log is append-only: rows cannot be changed'); end;
create trigger if not exists audit_log_no_delete before delete on audit_log
  begin select raise(abort, 'audit_log is append-only: rows cannot be deleted'); end;
`;

/** Where the accounts of a warehouse are kept: next to it, named after it. */
export function sidecarPath(dbPath: string): string {
  return `${resolve(dbPath)}.accounts.sqlite`;
}

/** The store cannot be used: its file is gone (deleted, unmounted) or stays locked by another process. */
export class StoreUnavailableError extends Error {}

/**
 * SQLite waits for a lock held elsewhere synchronously, which would stall the whole server: it may
 * wait this long at most, and `retry()` below waits further without blocking the event loop.
 */
export const SYNC_BUSY_MS = 20;
export const RETRY_MS = 3000;

const isBusy = (e: unknown) => /database is locked|SQLITE_BUSY|database table is locked/i.test((e as Error)?.message ?? '');

export class Store {
  readonly path: string;
  private db: DatabaseSync;
  /** The file this connection has open (device and inode): a replaced or deleted file is noticed. */
  private readonly identity: string;

  constructor(path: string) {
    this.path = path;
    mkdirSync(dirname(path), { recursive: true });
    this.db = new DatabaseSync(path, { timeout: SYNC_BUSY_MS });
    this.db.exec('pragma journal_mode = wal; pragma foreign_keys = on; pragma synchronous = normal;');
    this.db.exec(SCHEMA);
    this.identity = fileIdentity(path)!;
  }

  /** Still the file at `path`? (false when it was deleted, or replaced by another file) */
  isCurrent(): boolean {
    return fileIdentity(this.path) === this.identity;
  }

  all<T = SqlRow>(sql: string, ...params: SqlValue[]): T[] {
    return this.db.prepare(sql).all(...params) as T[];
  }

  get<T = SqlRow>(sql: string, ...params: SqlValue[]): T | undefined {
    return this.db.prepare(sql).get(...params) as T | undefined;
  }

  run(sql: string, ...params: SqlValue[]): { changes: number; lastInsertRowid: number } {
    const r = this.db.prepare(sql).run(...params);
    return { changes: Number(r.changes), lastInsertRowid: Number(r.lastInsertRowid) };
  }

  /** Runs `fn` in an immediate transaction (several processes may write at once). */
  tx<T>(fn: () => T): T {
    this.db.exec('begin immediate');
    try {
      const out = fn();
      this.db.exec('commit');
      return out;
    } catch (e) {
      this.db.exec('rollback');
      throw e;
    }
  }

  close(): void {
    this.db.close();
    if (stores.get(this.path) === this) stores.delete(this.path);
  }
}

function fileIdentity(path: string): string | null {
  const st = statSync(path, { throwIfNoEntry: false });
  return st ? `${st.dev}:${st.ino}` : null;
}

const stores = new Map<string, Store>();
/** Sidecars seen deleted while this process ran: not recreated (that would drop every account). */
const gone = new Set<string>();

/**
 * The (per-process, cached) store of the warehouse at `dbPath`. Each call checks that the file is
 * still the one open: replaced (a restored backup) → the new file is opened; deleted while the
 * process runs → StoreUnavailableError (writing on into a deleted file would log to nowhere; a new
 * empty store would silently drop every account). The first open in a process creates the file.
 */
export function openStore(dbPath: string): Store {
  const path = sidecarPath(dbPath);
  let s = stores.get(path);
  if (s && !s.isCurrent()) {
    s.close();
    s = undefined;
    if (!fileIdentity(path)) gone.add(path);
  }
  if (!s && gone.has(path)) {
    if (!fileIdentity(path)) {
      throw new StoreUnavailableError(`账户与审计日志文件 ${path} 已被删除或无法访问。请恢复该文件（或重启服务）。 / The accounts and audit-log file ${path} was deleted or is unreachable: restore it (or restart).`);
    }
    gone.delete(path); // restored
  }
  if (!s) {
    s = new Store(path);
    stores.set(path, s);
  }
  return s;
}

/** What a person is told when the store stays locked (a 503; the detail follows it). */
export const BUSY_MESSAGE = '系统繁忙，请稍后重试。 / The system is busy; please try again in a moment.';

/**
 * The one way to the store for everything the server does: runs `fn` on the store of `dbPath`,
 * retrying while another process holds its lock, without blocking the event loop; after
 * `RETRY_MS` gives up with StoreUnavailableError (BUSY_MESSAGE, a 503). `fn` must be one unit that
 * may run again: a single statement or a `tx()` (a statement that met the lock changed nothing).
 */
export function withStore<T>(dbPath: string, fn: (store: Store) => T, totalMs = RETRY_MS): Promise<T> {
  return retry(() => fn(openStore(dbPath)), totalMs);
}

/**
 * Runs `fn` (store calls), retrying while another process holds the lock, without blocking the
 * event loop; after `RETRY_MS` gives up with StoreUnavailableError.
 */
export async function retry<T>(fn: () => T, totalMs = RETRY_MS): Promise<T> {
  const until = Date.now() + totalMs;
  for (let wait = 10; ; wait = Math.min(wait * 2, 200)) {
    try {
      return fn();
    } catch (e) {
      if (!isBusy(e)) throw e;
      if (Date.now() + wait > until) {
        throw new StoreUnavailableError(`${BUSY_MESSAGE}（账户与审计日志文件被其他进程锁定 / the accounts and audit-log file stays locked by another process: ${(e as Error).message}）`);
      }
      await new Promise((r) => setTimeout(r, wait));
    }
  }
}
