// Every request: the origin check of state-changing methods, session cookie → Astro.locals.user,
// role × route rules and the org subtree limit (src/lib/auth/access.ts; unsigned visitors go to
// /login, refused ones get a 403 that says why), and the security headers on every response.
import { defineMiddleware } from 'astro/middleware';
import { decide, forbiddenPage } from './lib/auth/access.ts';
import { ensureAdmin } from './lib/auth/accounts.ts';
import { crossOrigin } from './lib/auth/headers.ts';
import { withSecurityHeaders } from './lib/server/headers.ts';
import { orgInScope } from './lib/auth/scope.ts';
import { SESSION_COOKIE, sessionUser } from './lib/auth/sessions.ts';
import { StoreUnavailableError, retry } from './lib/auth/store.ts';
import { capabilityFor, type SessionUser } from './lib/auth/roles.ts';
import { assertAuditWritable } from './lib/auditor/audit-log.ts';
import { config } from './lib/server/config.ts';
import { warehouse } from './lib/server/warehouse.ts';
import { cachedPage } from './lib/server/page-cache.ts';

// The first start with no accounts creates `admin` and prints its password once (start scripts
// may already have done so; ensureAdmin is a no-op then).
let adminChecked: Promise<unknown> | undefined;

export const onRequest = defineMiddleware(async (ctx, next) => {
  return withSecurityHeaders(await handle(ctx, next), ctx.url);
});

type Handler = Parameters<typeof defineMiddleware>[0];

async function handle(ctx: Parameters<Handler>[0], next: Parameters<Handler>[1]): Promise<Response> {
  // Before anything reads a cookie: a POST from another origin (another site, or another port of
  // the same host, which SameSite does not stop) is refused whatever its content type.
  const refused = crossOrigin(ctx.request, ctx.url);
  if (refused) return refused;
  adminChecked ??= ensureAdmin(config.db).catch((e) => console.error(`ensureAdmin: ${(e as Error).message}`));
  await adminChecked;
  let user: SessionUser | null;
  try {
    // A lock held by another process is waited for without blocking the server (store.ts retry).
    user = await retry(() => sessionUser(config.db, ctx.cookies.get(SESSION_COOKIE)?.value));
  } catch (e) {
    if (e instanceof StoreUnavailableError) return unavailable(ctx.url, e.message);
    throw e;
  }
  ctx.locals.user = user;
  const d = await decide(ctx.url, user, async (org) => orgInScope(await warehouse(), user ?? { orgScope: null }, org));
  // The auditor's workbench is served only while its audit log can be written.
  if (d.action === 'next' && capabilityFor(ctx.url.pathname) === 'audit') {
    try {
      await assertAuditWritable(config.db);
    } catch (e) {
      return unavailable(ctx.url, `审计日志无法写入，审计功能暂停 / the audit log cannot be written, so the auditor's workbench is closed: ${(e as Error).message}`);
    }
  }
  switch (d.action) {
    case 'next': {
      // org pages: whole rendered pages per warehouse snapshot and user (src/lib/server/page-cache.ts)
      let res: Response;
      try {
        res = await cachedPage(ctx, user, next);
      } catch (e) {
        // a page or API whose sidecar access waited its bound for a lock held elsewhere (store.ts)
        if (e instanceof StoreUnavailableError) return unavailable(ctx.url, e.message);
        throw e;
      }
      // Signed-in pages are personal: never cached by a browser or a proxy for someone else.
      if (user && !res.headers.has('cache-control')) return withHeader(res, 'cache-control', 'private, no-store');
      return res;
    }
    case 'login':
      return ctx.redirect(d.to, 303);
    case 'redirect':
      return ctx.redirect(d.to, 302);
    case 'forbid': {
      const headers = { 'cache-control': 'no-store' };
      if (ctx.url.pathname.startsWith('/api/')) return Response.json({ error: { status: d.status, zh: d.zh, en: d.en } }, { status: d.status, headers });
      if (!user) return new Response(forbiddenPage(d, user), { status: d.status, headers: { ...headers, 'content-type': 'text/html; charset=utf-8' } });
      // signed in: the styled page with the user's navigation, naming the org and what is missing
      ctx.locals.denied = { status: d.status, zh: d.zh, en: d.en, path: ctx.url.pathname + ctx.url.search };
      const res = await next('/403');
      res.headers.set('cache-control', 'no-store');
      return res;
    }
  }
}

function unavailable(url: URL, message: string): Response {
  const headers = { 'cache-control': 'no-store', 'retry-after': '30' };
  if (url.pathname.startsWith('/api/')) return Response.json({ error: { kind: 'unavailable', message } }, { status: 503, headers });
  return new Response(forbiddenPage({ status: 503, zh: message.split(' / ')[0]!, en: message.split(' / ').slice(1).join(' / ') || message }, null), {
    status: 503,
    headers: { ...headers, 'content-type': 'text/html; charset=utf-8' },
  });
}

function withHeader(res: Response, name: string, value: string): Response {
  try {
    res.headers.set(name, value);
    return res;
  } catch {
    const copy = new Response(res.body, res); // immutable headers (Response.redirect): copy
    copy.headers.set(name, value);
    return copy;
  }
}
