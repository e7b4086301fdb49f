// The server entry's own paths (src/lib/server/launch.ts) against the real build: static files from
// memory with the security headers and long cache headers, and cached org pages answered before
// Astro — only to the session, role and scope they were rendered for, and never after a logout,
// a disabled account, or a changed role or scope (the session is looked up on every request).
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { disableAccount, setScope } from '../../src/lib/auth/accounts.ts';
import { openStore } from '../../src/lib/auth/store.ts';
import { signIn, type TestSession } from '../auth/sign-in.ts';

const base = inject('baseURL');
const dbPath = inject('dbPath');
const PAGE = '/org/F0/2024';
const get = (path: string, who?: TestSession, extra: Record<string, string> = {}) =>
  fetch(base + path, { redirect: 'manual', headers: { ...(who ? { cookie: who.header } : {}), ...extra } });

/** Asks twice: the second answer is the cached one (the first may already be, from another test). */
async function twice(path: string, who: TestSession): Promise<Response> {
  await (await get(path, who)).arrayBuffer();
  return get(path, who);
}

const SECURITY = ['x-content-type-options', 'x-frame-options', 'referrer-policy', 'cross-origin-opener-policy', 'content-security-policy'];

describe('static files', () => {
  it('are served with the security headers and a year-long immutable cache', async () => {
    const css = readdirSync(join(import.meta.dirname, '../../dist/client/_astro')).find((f) => f.endsWith('.css'))!;
    const res = await get(`/_astro/${css}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/css/);
    expect(res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    for (const h of SECURITY) expect(res.headers.get(h), h).toBeTruthy();
    // revalidation by ETag
    expect((await get(`/_astro/${css}`, undefined, { 'if-none-match': res.headers.get('etag')! })).status).toBe(304);
  });

  it('never leave dist/client (the server bundle is not a static file)', async () => {
    for (const p of ['/_astro/../server/entry.mjs', '/_astro/%2e%2e/server/entry.mjs', '/../server/entry.mjs']) {
      const res = await get(p);
      expect(await res.text(), p).not.toContain('import');
    }
  });
});

describe('cached org pages', () => {
  let staff: TestSession;
  beforeAll(async () => {
    staff = await signIn(dbPath, 'staff', null, 'fast-staff');
  });

  it('answer a hit with the same body and headers as the rendering, security headers included', async () => {
    const first = await get(PAGE, staff);
    const body1 = await first.text();
    const hit = await get(PAGE, staff);
    expect(hit.headers.get('x-page-cache')).toBe('hit');
    expect(await hit.text()).toBe(body1);
    for (const h of [...SECURITY, 'content-type']) expect(hit.headers.get(h), h).toBe(first.headers.get(h));
    expect(hit.headers.get('content-security-policy')).toMatch(/script-src 'self' 'sha256-/); // the page's own CSP, not the fallback
    expect(hit.headers.get('cache-control')).toBe('private, no-store');
  });

  it('are not handed to another user, nor to a request without a session', async () => {
    await twice(PAGE, staff);
    const other = await signIn(dbPath, 'staff', null, 'fast-staff-2');
    const res = await get(PAGE, other);
    expect(res.status).toBe(200);
    expect(res.headers.get('x-page-cache')).not.toBe('hit'); // rendered for fast-staff-2 (its name is in the bar)
    expect(await res.text()).toContain('fast-staff-2');
    const anon = await get(PAGE);
    expect(anon.status).toBe(303);
    expect(anon.headers.get('location')).toMatch(/^\/login/);
    const forged = await get(PAGE, undefined, { cookie: 'ua_session=not-a-session' });
    expect(forged.status).toBe(303);
  });

  it('stop at once after a logout, a disabled account or a scope change made by another process', async () => {
    const a = await signIn(dbPath, 'staff', null, 'fast-logout');
    expect((await twice(PAGE, a)).headers.get('x-page-cache')).toBe('hit');
    // the session row gone (what /logout does), written by this test process, not the server
    openStore(dbPath).run('delete from sessions where user_name = ?', a.name);
    expect((await get(PAGE, a)).status).toBe(303);

    const b = await signIn(dbPath, 'staff', null, 'fast-disabled');
    expect((await twice(PAGE, b)).headers.get('x-page-cache')).toBe('hit');
    await disableAccount(dbPath, b.name, 'admin');
    expect((await get(PAGE, b)).status).toBe(303);

    const c = await signIn(dbPath, 'leader', null, 'fast-scope');
    expect((await twice(PAGE, c)).headers.get('x-page-cache')).toBe('hit');
    await setScope(dbPath, c.name, 'S1', 'admin'); // F0 is above S1: now out of scope
    const res = await get(PAGE, c);
    expect(res.status).toBe(403);
    expect(await res.text()).not.toContain('data-chart-id');
  });

  it('follow a role change on the next request', async () => {
    const d = await signIn(dbPath, 'staff', null, 'fast-role');
    const asStaff = await (await twice(PAGE, d)).text();
    expect(asStaff).toContain('data-nav="upload"');
    openStore(dbPath).run("update users set role = 'leader' where name = ?", d.name);
    const res = await get(PAGE, d);
    expect(res.headers.get('x-page-cache')).not.toBe('hit');
    expect(await res.text()).not.toContain('data-nav="upload"'); // a leader's work bar
    expect((await get('/upload', d)).status).toBe(403);
  });
});
