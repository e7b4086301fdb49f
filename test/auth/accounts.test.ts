// Accounts, passwords, sessions and throttling against a real sidecar store next to a temp warehouse.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addAccount, disableAccount, enableAccount, ensureAdmin, getAccount, listAccounts, resetPassword, setRole, setScope } from '../../src/lib/auth/accounts.ts';
import { hashPassword, verifyPassword } from '../../src/lib/auth/password.ts';
import { SESSION_IDLE_MS, SESSION_MAX_MS, THROTTLE, changePassword, login, logout, sessionUser } from '../../src/lib/auth/sessions.ts';
import { openStore, sidecarPath } from '../../src/lib/auth/store.ts';

let dir: string;
let db: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'ua-auth-'));
  db = join(dir, 'warehouse.duckdb');
});
afterAll(() => {
  openStore(db).close();
  rmSync(dir, { recursive: true, force: true });
});

describe('passwords', () => {
  it('hashes with scrypt and verifies', async () => {
    const h = await hashPassword('correct horse battery');
    expect(h).toMatch(/^scrypt\$32768\$8\$1\$/);
    expect(h).not.toContain('correct');
    expect(await verifyPassword('correct horse battery', h)).toBe(true);
    expect(await verifyPassword('correct horse batterY', h)).toBe(false);
    expect(await hashPassword('correct horse battery')).not.toBe(h);
  });
});

describe('accounts', () => {
  it('creates the first admin once, in the sidecar named after the warehouse', async () => {
    const lines: string[] = [];
    const pw = await ensureAdmin(db, (l) => lines.push(l));
    expect(pw).toMatch(/^[A-Za-z0-9]{18}$/);
    expect(lines.join('\n')).toContain(pw!);
    expect(existsSync(sidecarPath(db))).toBe(true);
    expect(sidecarPath(db)).toBe(`${db}.accounts.sqlite`);
    expect(await ensureAdmin(db, (l) => lines.push(l))).toBeNull();
    expect(lines).toHaveLength(1);
    expect((await getAccount(db, 'admin'))?.role).toBe('admin');
  });

  it('adds, lists, refuses duplicates, bad roles and weak passwords', async () => {
    await addAccount(db, 'wang', { role: 'staff', org: 'S1', password: 'long-enough-pw', by: 'test' });
    await expect(addAccount(db, 'wang', { role: 'staff', password: 'long-enough-pw', by: 'test' })).rejects.toThrow(/already exists/);
    await expect(addAccount(db, 'li', { role: 'boss', password: 'long-enough-pw', by: 'test' })).rejects.toThrow(/unknown role/);
    await expect(addAccount(db, 'li', { role: 'leader', password: 'short', by: 'test' })).rejects.toThrow(/at least 10/);
    const names = (await listAccounts(db)).map((a) => `${a.name}:${a.role}:${a.org_code ?? '*'}`);
    expect(names).toEqual(['admin:admin:*', 'wang:staff:S1']);
  });
});

/** Failed sign-ins as login() records them (three throttle keys each), without n scrypt hashes. */
function seedFailures(n: number, keys: (i: number) => string[], at: number): void {
  const store = openStore(db);
  for (let i = 0; i < n; i++) for (const k of keys(i)) store.run('insert into login_failures (key, at) values (?, ?)', k, at + i);
}

describe('sign-in and sessions', () => {
  it('signs in, resolves the session, signs out', async () => {
    const r = await login(db, 'wang', 'long-enough-pw', '10.0.0.1');
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.user).toEqual({ name: 'wang', role: 'staff', orgScope: 'S1' });
    expect(sessionUser(db, r.token)).toEqual(r.user);
    // the store keeps only a hash of the token
    const stored = openStore(db).all<{ token_hash: string }>('select token_hash from sessions');
    expect(stored.some((s) => s.token_hash === r.token)).toBe(false);
    await logout(db, r.token);
    expect(sessionUser(db, r.token)).toBeNull();
    expect(sessionUser(db, 'forged')).toBeNull();
  });

  it('expires sessions: absolute and idle', async () => {
    const t0 = Date.now();
    const r = await login(db, 'wang', 'long-enough-pw', '10.0.0.1', t0);
    if (!r.ok) throw new Error(r.message);
    expect(sessionUser(db, r.token, t0 + SESSION_IDLE_MS - 1000)).not.toBeNull();
    expect(sessionUser(db, r.token, t0 + SESSION_IDLE_MS * 2 + 5000)).toBeNull();
    const r2 = await login(db, 'wang', 'long-enough-pw', '10.0.0.1', t0);
    if (!r2.ok) throw new Error(r2.message);
    let t = t0;
    while (t < t0 + SESSION_MAX_MS - 3600_000) expect(sessionUser(db, r2.token, (t += 3600_000))).not.toBeNull();
    expect(sessionUser(db, r2.token, t0 + SESSION_MAX_MS + 1)).toBeNull();
  });

  it('throttles a client guessing one account, and says when to retry; other clients still sign in', async () => {
    await addAccount(db, 'zhao', { role: 'leader', password: 'zhao-password-1', by: 'test' });
    const t0 = Date.now();
    for (let i = 0; i < THROTTLE.perPair; i++) {
      const r = await login(db, 'zhao', 'wrong-password', '10.0.0.2', t0 + i);
      expect(r.ok === false && r.reason).toBe('invalid');
    }
    // the right password from the same client is not even checked now
    const blocked = await login(db, 'zhao', 'zhao-password-1', '10.0.0.2', t0 + 10);
    expect(blocked.ok === false && blocked.reason).toBe('throttled');
    expect(blocked.ok === false && blocked.message).toMatch(/try again in 15 min/);
    // zhao at another desk (another client) is not locked out by the guesser
    expect((await login(db, 'zhao', 'zhao-password-1', '10.0.0.9', t0 + 20)).ok).toBe(true);
    const later = await login(db, 'zhao', 'zhao-password-1', '10.0.0.2', t0 + THROTTLE.windowMs + 100);
    expect(later.ok).toBe(true);
  });

  it('locks an account guessed at from many clients, and only that account', async () => {
    await addAccount(db, 'qian', { role: 'leader', password: 'qian-password-1', by: 'test' });
    await addAccount(db, 'sun', { role: 'leader', password: 'sun-password-12', by: 'test' });
    const t0 = Date.now();
    // (each failed sign-in costs a scrypt hash; all but the last are recorded as login() records them)
    seedFailures(THROTTLE.perAccount - 1, (i) => [`p:10.1.0.${i}|qian`, 'u:qian', `c:10.1.0.${i}`], t0);
    expect((await login(db, 'qian', 'wrong-password', '10.1.0.99', t0 + 50)).ok).toBe(false);
    const r = await login(db, 'qian', 'qian-password-1', '10.2.0.1', t0 + 100);
    expect(r.ok === false && r.reason).toBe('throttled');
    expect((await login(db, 'sun', 'sun-password-12', '10.1.0.1', t0 + 100)).ok).toBe(true);
    // an administrator's reset lifts it
    const pw = await resetPassword(db, 'qian', 'admin');
    expect((await login(db, 'qian', pw, '10.2.0.1', t0 + 200)).ok).toBe(true);
  });

  it('does not lock real users out when one client sprays invented names (everyone behind one proxy)', async () => {
    await addAccount(db, 'li', { role: 'leader', password: 'li-password-123', by: 'test' });
    const t0 = Date.now();
    // the attack: 30 failed sign-ins with invented names from the shared address
    seedFailures(THROTTLE.perClient - 1, (i) => [`p:127.0.0.1|nobody${i}`, `u:nobody${i}`, 'c:127.0.0.1'], t0);
    const r = await login(db, 'nobody-last', 'whatever-password', '127.0.0.1', t0 + 50);
    expect(r.ok === false && r.reason).toBe('invalid');
    expect(openStore(db).get<{ n: number }>("select count(*) as n from login_failures where key = 'c:127.0.0.1'")!.n).toBe(THROTTLE.perClient);
    // a real user behind the same proxy still signs in (slowed, not refused)
    expect((await login(db, 'li', 'li-password-123', '127.0.0.1', t0 + 100)).ok).toBe(true);
  });

  it('ends sessions of disabled accounts and after a password reset', async () => {
    const r = await login(db, 'wang', 'long-enough-pw', '10.0.0.3');
    if (!r.ok) throw new Error(r.message);
    const pw = await resetPassword(db, 'wang', 'admin');
    expect(sessionUser(db, r.token)).toBeNull();
    expect((await login(db, 'wang', 'long-enough-pw', '10.0.0.3')).ok).toBe(false);
    const r2 = await login(db, 'wang', pw, '10.0.0.3');
    if (!r2.ok) throw new Error(r2.message);
    await disableAccount(db, 'wang', 'admin');
    expect(sessionUser(db, r2.token)).toBeNull();
    const r3 = await login(db, 'wang', pw, '10.0.0.3');
    expect(r3.ok === false && r3.reason).toBe('disabled');
  });
});

describe('own password and scope', () => {
  it('changes the own password only with the current one, keeps this session and ends the others', async () => {
    await addAccount(db, 'zhou', { role: 'leader', password: 'zhou-first-pw', by: 'test' });
    const here = await login(db, 'zhou', 'zhou-first-pw', '10.0.0.9');
    const there = await login(db, 'zhou', 'zhou-first-pw', '10.0.0.10');
    if (!here.ok || !there.ok) throw new Error('sign-in failed');
    expect(await changePassword(db, here.token, 'wrong-password', 'zhou-second-pw')).toMatchObject({ ok: false, message: expect.stringContaining('当前密码不正确') });
    expect(await changePassword(db, here.token, 'zhou-first-pw', 'short')).toMatchObject({ ok: false, message: expect.stringContaining('10') });
    expect(await changePassword(db, here.token, 'zhou-first-pw', 'zhou-second-pw')).toEqual({ ok: true });
    expect(sessionUser(db, here.token)?.name).toBe('zhou');
    expect(sessionUser(db, there.token)).toBeNull();
    expect((await login(db, 'zhou', 'zhou-first-pw', '10.0.0.9')).ok).toBe(false);
    expect((await login(db, 'zhou', 'zhou-second-pw', '10.0.0.9')).ok).toBe(true);
    expect(await changePassword(db, undefined, 'x', 'y-long-enough')).toMatchObject({ ok: false });
  });

  it('sets the scope of an account, seen by its session on the next request', async () => {
    const s = await login(db, 'zhou', 'zhou-second-pw', '10.0.0.9');
    if (!s.ok) throw new Error(s.message);
    await setScope(db, 'zhou', 'S1', 'admin');
    expect(sessionUser(db, s.token)?.orgScope).toBe('S1');
    await setScope(db, 'zhou', null, 'admin');
    expect(sessionUser(db, s.token)?.orgScope).toBeNull();
    await expect(setScope(db, 'nobody', 'S1', 'admin')).rejects.toThrow(/没有用户/);
  });
});

describe('roles', () => {
  it('changes a role: the sessions end, the change is in the audit log; the last admin stays admin', async () => {
    const pw = 'role-change-password-1';
    await addAccount(db, 'role-qian', { role: 'staff', password: pw, by: 'test' });
    const s = await login(db, 'role-qian', pw);
    if (!s.ok) throw new Error(s.message);
    expect(sessionUser(db, s.token)?.role).toBe('staff');
    await setRole(db, 'role-qian', 'leader', 'admin');
    expect((await getAccount(db, 'role-qian'))?.role).toBe('leader');
    expect(sessionUser(db, s.token)).toBeNull(); // signs in again, with the leader's duties
    const logged = openStore(db).all<{ user_name: string; source: string; message: string }>("select user_name, source, message from audit_log where source = 'admin'");
    expect(logged.at(-1)).toEqual({ user_name: 'admin', source: 'admin', message: expect.stringContaining('role-qian changed from staff to leader') });
    await expect(setRole(db, 'role-qian', 'chair', 'admin')).rejects.toThrow(/角色无效/);
    await expect(setRole(db, 'nobody', 'leader', 'admin')).rejects.toThrow(/没有用户/);

    // `admin` is the only active admin: it cannot be demoted (a disabled admin does not count) …
    await addAccount(db, 'role-old-admin', { role: 'admin', password: pw, by: 'test' });
    await disableAccount(db, 'role-old-admin', 'admin');
    const before = openStore(db).all("select id from audit_log where source = 'admin'").length;
    await expect(setRole(db, 'admin', 'staff', 'role-qian')).rejects.toThrow(/唯一的管理员/);
    expect((await getAccount(db, 'admin'))?.role).toBe('admin');
    expect(openStore(db).all("select id from audit_log where source = 'admin'").length).toBe(before); // nothing logged
    // … until another account is admin
    await setRole(db, 'role-qian', 'admin', 'admin');
    await setRole(db, 'admin', 'staff', 'role-qian');
    expect((await getAccount(db, 'admin'))?.role).toBe('staff');
  });
});

describe('the audit log of account changes', () => {
  // An auditor must be able to see who gave whom which duties and reach: every change is one row,
  // under the name of who made it, written in the change's own transaction (a refused change, none).
  it('logs adding, scoping, disabling, enabling, resetting and an own password change, under who did each', async () => {
    const since = Number(openStore(db).get<{ n: number }>('select coalesce(max(id), 0) as n from audit_log')!.n);
    await addAccount(db, 'log-feng', { role: 'staff', org: 'S1', password: 'log-feng-password', by: 'chief' });
    await setScope(db, 'log-feng', 'S2', 'chief');
    await setScope(db, 'log-feng', 'S2', 'chief'); // no change: nothing to log
    await setScope(db, 'log-feng', null, 'deputy');
    await disableAccount(db, 'log-feng', 'chief');
    await enableAccount(db, 'log-feng', 'deputy');
    const pw = await resetPassword(db, 'log-feng', 'cli:root');
    const s = await login(db, 'log-feng', pw, '10.9.0.1');
    if (!s.ok) throw new Error(s.message);
    expect(await changePassword(db, s.token, pw, 'log-feng-own-password')).toEqual({ ok: true });
    // refused: no such account, an org code that is no code, a duplicate
    await expect(disableAccount(db, 'nobody', 'chief')).rejects.toThrow(/没有用户/);
    await expect(setScope(db, 'log-feng', 'S1; drop', 'chief')).rejects.toThrow(/组织代码无效/);
    await expect(addAccount(db, 'log-feng', { role: 'staff', password: 'log-feng-password', by: 'chief' })).rejects.toThrow(/already exists/);

    const rows = openStore(db).all<{ user_name: string; source: string; outcome: string; message: string }>(
      'select user_name, source, outcome, message from audit_log where id > ? order by id', since);
    expect(rows.map((r) => [r.user_name, r.source, r.outcome])).toEqual([
      ['chief', 'admin', 'ok'], ['chief', 'admin', 'ok'], ['deputy', 'admin', 'ok'], ['chief', 'admin', 'ok'],
      ['deputy', 'admin', 'ok'], ['cli:root', 'admin', 'ok'], ['log-feng', 'admin', 'ok'],
    ]);
    expect(rows.map((r) => r.message.split(' / ')[0])).toEqual([
      '新建账户 log-feng（角色 staff，范围 S1）',
      '账户 log-feng 的范围由 S1 改为 S2',
      '账户 log-feng 的范围由 S2 改为 全部',
      '停用账户 log-feng，其会话已结束',
      '启用账户 log-feng',
      '重置账户 log-feng 的密码，其会话已结束',
      'log-feng 更改了本人密码，其他会话已结束',
    ]);
    // they showed no personal data: the log's "unmasked only" filter does not list them
    expect(openStore(db).all('select id from audit_log where id > ? and masked = 0', since)).toEqual([]);
    // no password, generated or chosen, is ever written to the log
    for (const r of rows) expect(r.message).not.toMatch(new RegExp(`${pw}|log-feng-password|log-feng-own-password`));
  });
});
