// Answers of page queries, kept per warehouse snapshot. The warehouse only changes when an ingest
// commits a new file (WarehouseReader.snapshot() changes then), so between commits every org page
// asks the same questions with the same answers: the first ask runs the query, the rest share its
// promise. A new snapshot drops everything at once; nothing is ever served from an older one, except
// the org listing while the org tree is unchanged (orgListing below), and the frame's answers an
// upload carries over to the snapshot it made when it kept the org tree and the years (carryOver).
import type { Db } from '../db/duckdb.ts';
import { getAreaMonths, getIndicators, getMonthly, getTrend, getYears, listOrgs } from '../indicators/read.ts';
import type { IndicatorReport, OrgListing } from '../indicators/types.ts';
import { getChildTable } from '../indicators/child-table.ts';
import { scopeOrgs } from '../auth/scope.ts';
import type { SessionUser } from '../auth/roles.ts';
import { snapshot, warehouse } from './warehouse.ts';
import { pickerOrgs } from './org-picker.ts';
import { cachesOn } from './config.ts';

/** Bound on entries (an org page asks ~8 questions; 339 orgs × 5 years × 8 ≈ 14k at most). */
const MAX_ENTRIES = 20_000;

let current: number | null = null;
let served: Db | null = null;
const store = new Map<string, Promise<unknown>>();
let stats = { hits: 0, misses: 0, drops: 0 };

/** The open warehouse, after dropping the answers of an older snapshot. */
export async function freshDb(): Promise<{ db: Db; snap: number }> {
  const db = await warehouse();
  served = db;
  const snap = snapshot();
  if (snap !== current) {
    if (current !== null) stats.drops++;
    store.clear();
    current = snap;
  }
  return { db, snap };
}

/** The answer of `fn` for `key` in the current snapshot; failures are not kept. */
export async function cached<T>(key: string, fn: (db: Db) => Promise<T>): Promise<T> {
  // a hit needs no handle: the file is not opened for it (an upload's answer page after the swap,
  // carryOver below)
  if (cachesOn && current !== null && snapshot() === current) {
    const hit = store.get(key) as Promise<T> | undefined;
    if (hit) {
      stats.hits++;
      return hit;
    }
  }
  const { db, snap } = await freshDb();
  // the snapshot moved on while this waited for its handle: answer, but keep nothing of the old one
  if (!cachesOn || snap !== current) return fn(db);
  let p = store.get(key) as Promise<T> | undefined;
  if (p) {
    stats.hits++;
    return p;
  }
  stats.misses++;
  if (store.size >= MAX_ENTRIES) store.delete(store.keys().next().value!);
  p = fn(db);
  store.set(key, p);
  p.catch(() => store.delete(key));
  return p;
}

/** The answers that only the org tree and the reporting years decide (the frame of every page). */
const TREE_KEYS = /^(orgs|years\||scope\||picker\|)/;

/**
 * A write swapped snapshot `from` (the live file's inode before it) for `to` without touching the
 * org tree or the reporting years (an incremental mart update: a change to either rebuilds the whole
 * mart). The answers about those carry over to `to`, the rest are dropped: the upload's answer page
 * (its frame: the org listing, the user's home year) then needs no handle on the new file, which the
 * dashboard's next read opens. Nothing carries when the answers kept are not of `from`.
 */
export function carryOver(from: number, to: number): void {
  if (!cachesOn || current !== from || from === to) return;
  for (const key of [...store.keys()]) if (!TREE_KEYS.test(key)) store.delete(key);
  current = to;
  stats.drops++;
}

const indicatorsKey = (org: string, year: number) => `ind|${org}|${year}`;

/**
 * At an upload's commit, on the writer's connection to the committed file (src/lib/db/warehouse.ts
 * atCommit: the very bytes the swap then puts in place, with the blocks the mart update touched in
 * memory): the landing figures of `h`, read as the dashboard's reader would read them on the new
 * file. Returns what stores them as the answer of the new snapshot (`to`, the inode after the swap),
 * so the dashboard's first read after the upload needs no open of the new file (at scale 250 the
 * open and the first read of its mart cost ~0.2 s after the answer page). Null, and nothing read,
 * when the writer's connection would not read as a reader does: a temp table or view of the write
 * named like a stored one (temp names come first), or a year the stored mart lacks (early-years.ts
 * computes those per connection and keeps them there: on the writer they would go stale).
 */
export async function landingAt(db: Db, h: { org: string; year: number }): Promise<((to: number) => void) | null> {
  if (!cachesOn) return null;
  const unlike = await db.value<boolean>(
    // (one listing of the tables and one of the views: each lists every raw table, ~5k at scale 250)
    `with named as (
        select table_name as n, temporary as t from duckdb_tables() where temporary or database_name = current_database()
        union all select view_name, temporary from duckdb_views() where temporary or database_name = current_database())
     select exists (select n from named group by n having bool_or(t) and bool_or(not t))
       or (select count(*) from reportable_years where year in ($year, $year - 1) and year not in (select year from indicator_years)) > 0`,
    { year: h.year },
  );
  if (unlike) return null;
  const report: IndicatorReport = await getIndicators(db, h.org, h.year);
  return (to) => {
    if (!cachesOn) return;
    if (current !== to) {
      if (current !== null) stats.drops++;
      store.clear();
      current = to;
    }
    store.set(indicatorsKey(h.org, h.year), Promise.resolve(report));
  };
}

export function cacheStats(): { entries: number; snapshot: number | null; hits: number; misses: number; drops: number } {
  return { entries: store.size, snapshot: current, ...stats };
}

/**
 * Every org with its depth (the frame of every page, upload answers included) costs 1.3-1.7 s of
 * CPU at scale 250 (85k orgs: the closure join and 425k values into JS), and each upload makes a
 * new snapshot. Only an orgs upload changes the tree (orgs and org_closure): the listing is kept
 * across snapshots while the last orgs batch (its number and start time), and the row counts of
 * orgs and org_closure are the same.
 */
let orgListing: { stamp: string; listing: Promise<OrgListing[]> } | undefined;

async function orgsOf(db: Db): Promise<OrgListing[]> {
  const s = await db.one(
    `select (select max(batch_id) from ingest_file where family = 'orgs') as b,
       (select started_at::varchar from ingest_batch where batch_id = (select max(batch_id) from ingest_file where family = 'orgs')) as at,
       (select count(*) from orgs) as orgs, (select count(*) from org_closure) as closure`,
  );
  const stamp = JSON.stringify(s);
  if (orgListing?.stamp === stamp) return orgListing.listing;
  const listing = listOrgs(db);
  orgListing = { stamp, listing };
  listing.catch(() => orgListing?.listing === listing && (orgListing = undefined));
  return listing;
}

// The page queries, cached. Callers must not mutate the answers (they are shared).
export const q = {
  listOrgs: () => cached('orgs', (db) => (cachesOn ? orgsOf(db) : listOrgs(db))),
  years: (org: string) => cached(`years|${org}`, (db) => getYears(db, org)),
  indicators: (org: string, year: number) => cached(indicatorsKey(org, year), (db) => getIndicators(db, org, year)),
  trend: (org: string, codes: string[], from: number, to: number) =>
    cached(`trend|${org}|${codes.join(',')}|${from}|${to}`, (db) => getTrend(db, org, codes, from, to)),
  monthly: (org: string, year: number) => cached(`monthly|${org}|${year}`, (db) => getMonthly(db, org, year)),
  areaMonths: (org: string, year: number) => cached(`area-months|${org}|${year}`, (db) => getAreaMonths(db, org, year)),
  childTable: (org: string, year: number, codes: string[]) =>
    cached(`children|${org}|${year}|${codes.join(',')}`, async (db) => getChildTable(db, org, year, codes, await q.indicators(org, year))),
  scope: (user: Pick<SessionUser, 'orgScope'>) => cached(`scope|${user.orgScope ?? ''}`, (db) => scopeOrgs(db, user)),
  /** The orgs a user may see, in tree order with pinyin initials (the org picker). */
  picker: (user: Pick<SessionUser, 'orgScope'> | null) =>
    cached(`picker|${user?.orgScope ?? ''}`, async () => {
      const scope = user ? await q.scope(user) : null;
      return pickerOrgs((await q.listOrgs()).filter((o) => !scope || scope.has(o.code)));
    }),
};

/**
 * The readers a page's views use: the cached ones for the server's warehouse, plain ones for any
 * other database (tests build pages on their own warehouse files).
 */
export function readersFor(db: Db): Pick<typeof q, 'trend' | 'monthly' | 'areaMonths' | 'childTable'> {
  if (db === served) return q;
  return {
    trend: (org, codes, from, to) => getTrend(db, org, codes, from, to),
    monthly: (org, year) => getMonthly(db, org, year),
    areaMonths: (org, year) => getAreaMonths(db, org, year),
    childTable: (org, year, codes) => getChildTable(db, org, year, codes),
  };
}

/** The org and year a user lands on: their scope root (or the federation) in the latest year. */
export async function home(user: Pick<SessionUser, 'orgScope'> | null): Promise<{ org: string; year: number } | null> {
  const orgs = await q.listOrgs();
  const root = user?.orgScope ? orgs.find((o) => o.code === user.orgScope) : orgs.find((o) => o.depth === 0);
  if (!root) return null;
  const years = await q.years(root.code);
  return years.length ? { org: root.code, year: Math.max(...years) } : null;
}

/**
 * After an upload's commit: the uploader's landing figures (their scope, the latest year) read on
 * the new snapshot at once, so the dashboard they open next finds them (at scale 250 the first read
 * of the mart on a newly opened file cost 0.1-0.3 s). In the background; nothing without caches.
 */
export async function warmHome(user: Pick<SessionUser, 'orgScope'> | null): Promise<void> {
  if (!cachesOn) return;
  const h = await home(user);
  if (h) await q.indicators(h.org, h.year);
}

/** Runs the queries of the first page (the federation's overview of the latest year) once. */
export async function warm(): Promise<{ org: string; year: number } | null> {
  const h = await home(null);
  if (!h) return null;
  const { CHILD_TABLE_CODES, TREND_CODES } = await import('./views.ts');
  await Promise.all([
    q.indicators(h.org, h.year),
    q.childTable(h.org, h.year, CHILD_TABLE_CODES),
    q.trend(h.org, TREND_CODES, h.year - 4, h.year),
  ]);
  return h;
}
