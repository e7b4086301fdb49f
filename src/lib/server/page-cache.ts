// Whole rendered org pages, kept per warehouse snapshot. Between two ingests an org page is a pure
// function of (snapshot, org, year, section, query, language, who is asking), so the second request
// for it is a copy of the first. The key holds the user's name, role and scope: a page carries the
// user's navigation and is limited to their scope, so it is never handed to anyone else. Sessions
// are still checked on every request (the middleware runs before this), and a new snapshot drops
// every page at once.
import type { APIContext, MiddlewareNext } from 'astro';
import type { SessionUser } from '../auth/roles.ts';
import { LANG_COOKIE } from '../i18n/index.ts';
import { freshDb } from './cache.ts';
import { SECTIONS } from './pages.ts';
import { cachesOn } from './config.ts';
import { NoWarehouseError } from './warehouse.ts';

/** The org pages: /org/{code}/{year} and its sections. Nothing that writes, downloads or is per-request
 * (the narrative editor shows drafts that change without a new snapshot: not here). */
const CACHEABLE = new RegExp(`^/org/[^/]+/\\d{4}(/(${SECTIONS.filter(Boolean).join('|')}))?/?$`);
/** About 60 kB a page: 400 pages ≈ 24 MB. */
const MAX_PAGES = 400;

interface Stored {
  body: string;
  headers: [string, string][];
}
let current: number | null = null;
const pages = new Map<string, Promise<Stored | null>>();
const stats = { hits: 0, misses: 0 };

export function pageCacheStats(): { pages: number; hits: number; misses: number } {
  return { pages: pages.size, ...stats };
}

function respond(s: Stored, hit: boolean): Response {
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
  const key = [user.name, user.role, user.orgScope ?? '', ctx.cookies.get(LANG_COOKIE)?.value ?? '', ctx.url.pathname, ctx.url.search].join('\u0000');
  const known = pages.get(key);
  if (known) {
    const s = await known;
    if (s) {
      stats.hits++;
      return respond(s, true);
    }
  }
  stats.misses++;
  // Requests for the same page while it renders share the rendering (16 at once render once).
  let release!: (s: Stored | null) => void;
  pages.set(key, new Promise((r) => (release = r)));
  if (pages.size > MAX_PAGES) pages.delete(pages.keys().next().value!);
  try {
    const res = await next();
    const type = res.headers.get('content-type') ?? '';
    if (res.status !== 200 || !type.startsWith('text/html') || res.headers.has('set-cookie')) {
      pages.delete(key);
      release(null);
      return res;
    }
    const stored: Stored = { body: await res.text(), headers: [...res.headers.entries()] };
    release(stored);
    return respond(stored, false);
  } catch (e) {
    pages.delete(key);
    release(null);
    throw e;
  }
}
