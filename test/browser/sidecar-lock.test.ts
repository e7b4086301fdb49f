// The sidecar store (accounts, sessions, audit log) locked by another process, against the real
// server (issue #11): every path that reads or writes it — sign-in, the signed-in pages' session
// check, the admin account page and its actions, the password change, the audit log page, sign-out
// — waits for the lock without blocking the server, goes on when it is released, and answers a clear
// 503 "系统繁忙，请稍后重试" when it is not released within its bound (3 s), never a 500.
//
// The other process takes SQLite's write lock (an exclusive transaction, as a script writing
// accounts or a backup tool would). The store is in WAL mode, so reading goes on meanwhile: the
// session check and the account list answer at once; everything that writes waits.
import { spawn, type ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { sidecarPath } from '../../src/lib/auth/store.ts';
import { signIn, TEST_PASSWORD, type TestSession } from '../auth/sign-in.ts';

const base = inject('baseURL');
const dbPath = inject('dbPath');
const s: Record<string, TestSession> = {};
let holder: ChildProcess | null = null;

/** Another process holding the sidecar's exclusive lock until released. */
function holdLock(): Promise<ChildProcess> {
  const code = `const { DatabaseSync } = require('node:sqlite'); const db = new DatabaseSync(${JSON.stringify(sidecarPath(dbPath))});
    db.exec('begin exclusive'); db.exec("insert into login_failures values ('lock-test', 0)");
    console.log('locked'); setInterval(() => {}, 1000);`;
  const child = spawn(process.execPath, ['-e', code], { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    child.stdout!.once('data', () => resolve(child));
    child.once('exit', (c) => reject(new Error(`lock holder exited with ${c}`)));
  });
}
async function release(): Promise<void> {
  if (!holder) return;
  const h = holder;
  holder = null;
  h.kill('SIGKILL');
  await new Promise((r) => h.once('exit', r));
}

beforeAll(async () => {
  for (const [key, role] of [['admin', 'admin'], ['auditor', 'auditor'], ['staff', 'staff'], ['pw', 'leader'], ['out', 'leader']] as const) {
    s[key] = await signIn(dbPath, role, null, `lock-${key}`);
  }
  await signIn(dbPath, 'leader', null, 'lock-target');
});
afterAll(release);

const form = (fields: Record<string, string>) => new URLSearchParams(fields);
type Req = { name: string; path: string; who?: string; body?: URLSearchParams; writes: boolean };
const REQUESTS: Req[] = [
  { name: 'sign-in', path: '/login', body: form({ username: 'lock-staff', password: TEST_PASSWORD, next: '/' }), writes: true },
  { name: 'a signed-in page (session check)', path: '/org/F0/2024', who: 'staff', writes: false },
  { name: 'the admin account page', path: '/admin', who: 'admin', writes: false },
  { name: 'an admin action', path: '/admin', who: 'admin', body: form({ action: 'enable', name: 'lock-target' }), writes: true },
  { name: 'the password change', path: '/account', who: 'pw', body: form({ current: 'wrong-password-1', next: 'new-password-123', again: 'new-password-123' }), writes: true },
  // the auditor's workbench checks first that the audit log can be written
  { name: 'the audit log page', path: '/audit/log', who: 'auditor', writes: true },
  { name: 'sign-out', path: '/logout', who: 'out', body: form({}), writes: true },
];

function send(r: Req): Promise<{ status: number; text: string; ms: number }> {
  const t = performance.now();
  return fetch(base + r.path, {
    method: r.body ? 'POST' : 'GET',
    redirect: 'manual',
    headers: {
      ...(r.who ? { cookie: s[r.who]!.header } : {}),
      ...(r.body ? { origin: base, 'content-type': 'application/x-www-form-urlencoded' } : {}),
    },
    body: r.body,
  }).then(async (res) => ({ status: res.status, text: await res.text(), ms: performance.now() - t }));
}

describe('the sidecar locked by another process', () => {
  it('every path waits without blocking and goes on when the lock is released', async () => {
    holder = await holdLock();
    const pending = REQUESTS.filter((r) => r.name !== 'sign-out').map(send);
    // meanwhile the server answers what does not need the sidecar: its event loop is free
    // (a synchronous busy-wait would hold this until the lock is gone)
    const free = await send({ name: 'health', path: '/healthz', writes: false });
    expect(free.status).toBe(200);
    await new Promise((r) => setTimeout(r, 800));
    await release();
    const got = await Promise.all(pending);
    expect(Object.fromEntries(got.map((g, i) => [REQUESTS[i]!.name, g.status]))).toEqual({
      'sign-in': 303, // signed in, sent on
      'a signed-in page (session check)': 200,
      'the admin account page': 200,
      'an admin action': 200,
      'the password change': 400, // the wrong current password, counted after the wait
      'the audit log page': 200,
    });
    expect(got[4]!.text).toContain('当前密码不正确');
    expect(got[3]!.text).toContain('已启用 lock-target');
  }, 60_000);

  it('answers 503 "系统繁忙，请稍后重试" on every writing path when the lock stays (never 500); reading goes on', async () => {
    holder = await holdLock();
    const got = await Promise.all(REQUESTS.map(send));
    await release();
    for (const [i, g] of got.entries()) {
      const r = REQUESTS[i]!;
      if (!r.writes) {
        expect(g.status, r.name).toBe(200);
        continue;
      }
      expect(g.status, `${r.name}: ${g.text.slice(0, 300)}`).toBe(503);
      expect(g.text, r.name).toContain('系统繁忙，请稍后重试');
      expect(g.ms, r.name).toBeGreaterThan(2500); // it waited its bound (3 s) first
    }
    // nothing was half done: the signed-out user is still signed in, and the password unchanged
    expect((await send({ name: 'after', path: '/org/F0/2024', who: 'out', writes: false })).status).toBe(200);
    const again = await send(REQUESTS[0]!);
    expect(again.status).toBe(303);
  }, 60_000);
});
