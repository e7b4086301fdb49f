// Org subtree checks for limited accounts, on the warehouse's org_closure (one row per ancestor–
// descendant pair). Pages, downloads and PDFs use these; SQL is limited by the sandbox's views.
import type { Db } from '../db/duckdb.ts';
import type { SessionUser } from './roles.ts';

/** True when `org` is the user's scope root or below it (always true for unlimited accounts). */
export async function orgInScope(db: Db, user: Pick<SessionUser, 'orgScope'>, org: string): Promise<boolean> {
  if (!user.orgScope) return true;
  const n = await db.value<number>('select count(*) from org_closure where ancestor = $a and descendant = $d', { a: user.orgScope, d: org });
  return Number(n) > 0;
}

/** The org codes a user may see (null = all). For filtering lists such as the org switcher. */
export async function scopeOrgs(db: Db, user: Pick<SessionUser, 'orgScope'>): Promise<Set<string> | null> {
  if (!user.orgScope) return null;
  const rows = await db.all<{ d: string }>('select descendant as d from org_closure where ancestor = $a', { a: user.orgScope });
  return new Set(rows.map((r) => r.d));
}
