// Whole rendered org pages, kept per warehouse snapshot. Between two ingests an org page is a pure
// function of (snapshot, org, year, section, query, language, who is asking), so the second request
// for it is a copy of the first. The key holds the user's name, role and scope: a page carries the
// user's navigation and is limited to their scope, so it is never handed to anyone else. Pages are
// stored only after the middleware let the request through (role × route, org in scope: decide()
// is a pure function of the URL, role, scope and the snapshot's org tree), and a new snapshot drops
// every page at once.
//
// Two ways in: `cachedPage` inside the Astro middleware (fills the cache; answers hits after the full
// middleware ran), and `fastPage`, which the server entry (launch.ts) asks before Astro: it checks the
// session cookie exactly as the middleware does (sessionUser on every request: a logout, a disabled
// account, a changed role or scope count at once) and answers only a page stored under that user's
// name, role and scope in the snapshot on disk now. Anything else falls through to Astro.
import { statSync } from 'node:fs';
import type { APIContext, MiddlewareNext } from 'astro';
import type { SessionUser } from '../auth/roles.ts';
import { SESSION_COOKIE, sessionUser } from '../auth/sessions.ts';
import { LANG_COOKIE } from '../i18n/index.ts';
import { freshDb } from './cache.ts';
import { SECTIONS } from './pages.ts';
import { cachesOn, config } from './config.ts';
import { NoWarehouseError } from './warehouse.ts';

/** The org pages: /org/{code}/{year} and its sections. Nothing that writes, downloads or is per-request
 * (the narrative editor shows drafts that change without a new snapshot: not here). */
const CACHEABLE = new RegExp(`^/org/[^/]+/\\d{4}(/(${SECTIONS.filter(Boolean).join('|')}))?/?$`);
/** About 120 kB a page: 400 pages ≈ 48 MB. */
const MAX_PAGES = 400;

export interface StoredPage {
  /** UTF-8, encoded once: a hit only copies bytes to the socket. */
  body: Uint8Array<ArrayBuffer>;
  /** As Astro answered them (its CSP included), without the middleware's additions. */
  headers: [string, string][];
}
interface Entry {
  ready: Promise<StoredPage | null>;
  page?: StoredPage;
}
let current: number | null = null;
const pages = new Map<string, Entry>();
const stats = { hits: 0, fastHits: 0, misses: 0 };

export function pageCacheStats(): { pages: number; hits: number; fastHits: number; misses: number } {
  return { pages: pages.size, ...stats };
}

function pageKey(user: SessionUser, lang: string, pathname: string, search: string): string {
  return [user.name, user.role, user.orgScope ?? '', lang, pathname, search].join('\u0000');
}

function respond(s: StoredPage, hit: boolean): Response {
  const headers = new Headers(s.headers);
  headers.set('x-page-cache', hit ? 'hit' : 'miss');
  return new Response(s.body, { status: 200, headers });
}

export async function cachedPage(ctx: APIContext, user: SessionUser | null, next: MiddlewareNext): Promise<Response> {
  if (!cachesOn || ctx.request.method !== 'GET' || !user || !CACHEABLE.test(ctx.url.pathname)) return next();
  let snap: number;
  try {
    snap = (await freshDb()).snap;
  } catch (e) {
    if (e instanceof NoWarehouseError) return next();
    throw e;
  }
  if (snap !== current) {
    pages.clear();
    current = snap;
  }
  const key = pageKey(user, ctx.cookies.get(LANG_COOKIE)?.value ?? '', ctx.url.pathname, ctx.url.search);
  const known = pages.get(key);
  if (known) {
    const s = await known.ready;
    if (s) {
      stats.hits++;
      return respond(s, true);
    }
  }
  stats.misses++;
  // Requests for the same page while it renders share the rendering (16 at once render once).
  let release!: (s: StoredPage | null) => void;
  const entry: Entry = { ready: new Promise((r) => (release = r)) };
  pages.set(key, entry);
  if (pages.size > MAX_PAGES) pages.delete(pages.keys().next().value!);
  try {
    const res = await next();
    const type = res.headers.get('content-type') ?? '';
    if (res.status !== 200 || !type.startsWith('text/html') || res.headers.has('set-cookie')) {
      pages.delete(key);
      release(null);
      return res;
    }
    const stored: StoredPage = { body: new Uint8Array(await res.arrayBuffer()), headers: [...res.headers.entries()] };
    entry.page = stored;
    release(stored);
    return respond(stored, false);
  } catch (e) {
    pages.delete(key);
    release(null);
    throw e;
  }
}

/** Cookie header → the first value of each name (as Astro's parser reads it). */
function cookieValues(header: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    const name = part.slice(0, eq).trim();
    if (out.has(name)) continue;
    let value = part.slice(eq + 1).trim();
    if (value.length > 1 && value.startsWith('"') && value.endsWith('"')) value = value.slice(1, -1);
    try {
      value = value.includes('%') ? decodeURIComponent(value) : value;
    } catch {
      /* kept as sent */
    }
    out.set(name, value);
  }
  return out;
}

/**
 * The stored page for a GET of `rawUrl` with this Cookie header, or null (then Astro answers: a miss,
 * no or a stale session, another snapshot, the sidecar busy, anything not an org page).
 * Synchronous: the session lookup is one indexed SQLite read, the snapshot one stat.
 */
export function fastPage(cookie: string | undefined, rawUrl: string): StoredPage | null {
  if (!cachesOn || !cookie || current === null || !rawUrl.startsWith('/org/')) return null;
  let url: URL;
  try {
    url = new URL(rawUrl, 'http://fast.invalid');
  } catch {
    return null;
  }
  if (!CACHEABLE.test(url.pathname)) return null;
  try {
    if (statSync(config.db).ino !== current) return null;
  } catch {
    return null;
  }
  const cookies = cookieValues(cookie);
  let user: SessionUser | null;
  try {
    user = sessionUser(config.db, cookies.get(SESSION_COOKIE));
  } catch {
    return null; // the sidecar is locked or unreadable: the middleware's path waits or says so
  }
  if (!user) return null;
  const page = pages.get(pageKey(user, cookies.get(LANG_COOKIE) ?? '', url.pathname, url.search))?.page;
  if (page) stats.fastHits++;
  return page ?? null;
}

// The server entry runs from source while this module is bundled into dist/server: the entry finds
// the function here (one process, one page store).
(globalThis as Record<symbol, unknown>)[Symbol.for('union-analytics.fastPage')] = fastPage;
