// The audit log: one row per query from the console, the CLI, exports and lineage, written whether
// the query ran, was refused or failed. Append-only: triggers in the store refuse UPDATE and DELETE.
import { openStore, retry, withStore, type Store } from '../auth/store.ts';

/** 'killed': its process passed the memory limit and was killed (the message says so). */
export type Outcome = 'ok' | 'truncated' | 'refused' | 'error' | 'timeout' | 'killed';
/** 'admin': an account change made on /admin (accounts.ts writes it). */
export type Source = 'console' | 'cli' | 'lineage' | 'export' | 'admin';

export interface AuditEntry {
  user: string;
  source: Source;
  sql: string;
  masked: boolean;
  rows: number | null;
  durationMs: number | null;
  outcome: Outcome;
  message?: string | null;
  orgScope?: string | null;
  /** Defaults to now. */
  at?: Date;
}

export interface AuditRow {
  id: number;
  at: string;
  user_name: string;
  source: Source;
  sql: string;
  masked: boolean;
  rows: number | null;
  duration_ms: number | null;
  outcome: Outcome;
  message: string | null;
  org_scope: string | null;
}

/**
 * Throws (StoreUnavailableError, or SQLite's error) unless a row could be appended right now: the
 * file is there, is the one open, and its write lock can be taken. Auditors are refused service
 * when this fails: nothing may run that could not be logged.
 */
export async function assertAuditWritable(dbPath: string): Promise<void> {
  await retry(() => {
    const store = openStore(dbPath);
    store.tx(() => store.get('select max(id) from audit_log'));
  });
}

/** appendAudit, waiting (without blocking) while another process holds the lock. */
export async function appendAuditAsync(dbPath: string, e: AuditEntry): Promise<number> {
  return retry(() => appendAudit(dbPath, e));
}

export function appendAudit(dbPath: string, e: AuditEntry): number {
  return insertAudit(openStore(dbPath), e);
}

/** The row itself, on a store the caller holds (an account change writes it inside its own transaction). */
export function insertAudit(store: Store, e: AuditEntry): number {
  return store.run(
    `insert into audit_log (at, user_name, source, sql, masked, rows, duration_ms, outcome, message, org_scope)
     values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    (e.at ?? new Date()).toISOString(), e.user, e.source, e.sql, e.masked ? 1 : 0, e.rows, e.durationMs, e.outcome,
    e.message ?? null, e.orgScope ?? null,
  ).lastInsertRowid;
}

export interface AuditFilter {
  user?: string;
  outcome?: Outcome;
  unmaskedOnly?: boolean;
  limit?: number;
  /** Rows with id below this (paging backwards from the newest). */
  before?: number;
}

/** Newest first. */
export async function listAudit(dbPath: string, f: AuditFilter = {}): Promise<AuditRow[]> {
  const where: string[] = [];
  const params: (string | number)[] = [];
  if (f.user) (where.push('user_name = ?'), params.push(f.user));
  if (f.outcome) (where.push('outcome = ?'), params.push(f.outcome));
  if (f.unmaskedOnly) where.push('masked = 0');
  if (f.before) (where.push('id < ?'), params.push(f.before));
  const sql = `select * from audit_log ${where.length ? `where ${where.join(' and ')}` : ''} order by id desc limit ?`;
  params.push(Math.min(f.limit ?? 100, 10_000));
  return (await withStore(dbPath, (store) => store.all<Record<string, unknown>>(sql, ...params)))
    .map((r) => ({ ...(r as unknown as AuditRow), id: Number(r.id), masked: Number(r.masked) === 1 }));
}
