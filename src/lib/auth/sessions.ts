// Sign-in, sessions and login throttling.
// The session cookie holds 32 random bytes; the store keeps only their SHA-256, so a copy of the
// store does not let anyone sign in. Sessions end after 12 h, or 2 h without a request.
import { createHash, randomBytes } from 'node:crypto';
import { openStore, withStore } from './store.ts';
import { getAccount, logChange } from './accounts.ts';
import { hashPassword, passwordProblem, randomPassword, verifyPassword } from './password.ts';
import type { SessionUser } from './roles.ts';

export const SESSION_COOKIE = 'ua_session';
export const SESSION_MAX_MS = 12 * 3600_000;
export const SESSION_IDLE_MS = 2 * 3600_000;

/**
 * Throttling, per account and per client, never for everyone at once (behind a reverse proxy every
 * user is one client address):
 * - a client and an account together: after `perPair` failures, that client may not try that
 *   account for the window (guessing one person's password);
 * - an account from anywhere: after `perAccount` failures, refused for the window (many clients
 *   guessing one password; a real user elsewhere is locked out only by that many tries at them);
 * - a client over all accounts: after `perClient` failures each further try waits `clientDelayMs`
 *   (spraying invented names), but is still checked: the other users behind that address sign in.
 */
export const THROTTLE = { perPair: 5, perAccount: 20, perClient: 30, clientDelayMs: 1000, windowMs: 15 * 60_000 };

const hashToken = (token: string): string => createHash('sha256').update(token).digest('hex');

export type LoginResult =
  | { ok: true; token: string; user: SessionUser }
  | { ok: false; reason: 'invalid' | 'disabled' | 'throttled'; message: string; retryAfterS?: number };

// A real hash of a random password: unknown user names take as long as known ones.
let dummyHash: Promise<string> | undefined;

export async function login(dbPath: string, name: string, password: string, client = '', at = Date.now()): Promise<LoginResult> {
  const since = at - THROTTLE.windowMs;
  const pair = `p:${client}|${name}`;
  const account = `u:${name}`;
  // The throttle counts, read in one go (each withStore call may wait for a lock held elsewhere).
  const counts = await withStore(dbPath, (store) => {
    store.run('delete from login_failures where at < ?', since);
    const count = (key: string) => Number(store.get<{ n: number }>('select count(*) as n from login_failures where key = ? and at >= ?', key, since)?.n ?? 0);
    const oldest = (key: string) => Number(store.get<{ t: number }>('select min(at) as t from login_failures where key = ? and at >= ?', key, since)?.t ?? at);
    return { pair: count(pair), account: count(account), client: count(`c:${client}`), oldestPair: oldest(pair), oldestAccount: oldest(account) };
  });
  for (const [n, first, limit] of [[counts.pair, counts.oldestPair, THROTTLE.perPair], [counts.account, counts.oldestAccount, THROTTLE.perAccount]] as const) {
    if (n >= limit) {
      const retryAfterS = Math.max(1, Math.ceil((first + THROTTLE.windowMs - at) / 1000));
      return {
        ok: false,
        reason: 'throttled',
        retryAfterS,
        message: `该账户登录失败次数过多，请 ${Math.ceil(retryAfterS / 60)} 分钟后再试，或请管理员重置密码。 / Too many failed sign-ins for this account; try again in ${Math.ceil(retryAfterS / 60)} min, or ask an administrator to reset the password.`,
      };
    }
  }
  // Slows a client that sprays names, without a lockout (async: the server keeps serving).
  if (counts.client >= THROTTLE.perClient) await new Promise((r) => setTimeout(r, THROTTLE.clientDelayMs));
  const acct = await getAccount(dbPath, name);
  dummyHash ??= hashPassword(randomPassword());
  const good = await verifyPassword(password, acct?.pw_hash ?? (await dummyHash));
  if (!acct || !good) {
    await withStore(dbPath, (store) => store.run('insert into login_failures (key, at) values (?, ?), (?, ?), (?, ?)', pair, at, account, at, `c:${client}`, at));
    return { ok: false, reason: 'invalid', message: '用户名或密码错误。 / Wrong user name or password.' };
  }
  if (acct.disabled) {
    return { ok: false, reason: 'disabled', message: '该账户已停用，请联系管理员。 / This account is disabled; ask an administrator.' };
  }
  const token = randomBytes(32).toString('base64url');
  await withStore(dbPath, (store) =>
    store.tx(() => {
      store.run('delete from login_failures where key in (?, ?)', pair, account);
      store.run(
        'insert into sessions (token_hash, user_name, created_at, last_seen, expires_at) values (?, ?, ?, ?, ?)',
        hashToken(token), name, at, at, at + SESSION_MAX_MS,
      );
    }),
  );
  return { ok: true, token, user: { name, role: acct.role, orgScope: acct.org_code } };
}

/**
 * The user of a session cookie, or null when it is unknown, expired, idle too long or disabled.
 * One synchronous attempt (it may throw SQLite's busy error): the server calls it through
 * `retry()` (middleware), or falls back to that path when it throws (page-cache.ts fastPage).
 */
export function sessionUser(dbPath: string, token: string | undefined, at = Date.now()): SessionUser | null {
  if (!token || token.length > 100) return null;
  const store = openStore(dbPath);
  const h = hashToken(token);
  const r = store.get<{ name: string; role: string; org_code: string | null; disabled: number; last_seen: number; expires_at: number }>(
    `select u.name, u.role, u.org_code, u.disabled, s.last_seen, s.expires_at
       from sessions s join users u on u.name = s.user_name where s.token_hash = ?`,
    h,
  );
  if (!r) return null;
  if (r.disabled || at > r.expires_at || at - r.last_seen > SESSION_IDLE_MS) {
    store.run('delete from sessions where token_hash = ?', h);
    return null;
  }
  // Writing on every request would serialise the server on the store; once a minute is enough.
  if (at - r.last_seen > 60_000) store.run('update sessions set last_seen = ? where token_hash = ?', at, h);
  return { name: r.name, role: r.role as SessionUser['role'], orgScope: r.org_code };
}

export async function logout(dbPath: string, token: string | undefined): Promise<void> {
  if (token) await withStore(dbPath, (store) => store.run('delete from sessions where token_hash = ?', hashToken(token)));
}

export type ChangeResult = { ok: true } | { ok: false; message: string };

/**
 * The signed-in user changes their own password: the current one must be right (wrong guesses count
 * towards the sign-in throttle), the new one strong enough; every other session of the account ends.
 */
export async function changePassword(dbPath: string, token: string | undefined, current: string, next: string, at = Date.now()): Promise<ChangeResult> {
  const user = await withStore(dbPath, () => sessionUser(dbPath, token, at));
  if (!user || !token) return { ok: false, message: '请先登录。 / Sign in first.' };
  const key = `u:${user.name}`;
  const fails = await withStore(dbPath, (store) =>
    Number(store.get<{ n: number }>('select count(*) as n from login_failures where key = ? and at >= ?', key, at - THROTTLE.windowMs)?.n ?? 0),
  );
  if (fails >= THROTTLE.perPair) return { ok: false, message: '失败次数过多，请稍后再试。 / Too many failed attempts; try again later.' };
  const account = await getAccount(dbPath, user.name);
  if (!account || !(await verifyPassword(current, account.pw_hash))) {
    await withStore(dbPath, (store) => store.run('insert into login_failures (key, at) values (?, ?)', key, at));
    return { ok: false, message: '当前密码不正确。 / The current password is wrong.' };
  }
  const problem = passwordProblem(next);
  if (problem) return { ok: false, message: problem };
  if (next === current) return { ok: false, message: '新密码不能与当前密码相同。 / The new password must differ from the current one.' };
  const hash = await hashPassword(next);
  await withStore(dbPath, (store) =>
    store.tx(() => {
      store.run('update users set pw_hash = ?, updated_at = ? where name = ?', hash, new Date(at).toISOString(), user.name);
      store.run('delete from sessions where user_name = ? and token_hash <> ?', user.name, hashToken(token));
      logChange(store, user.name, `${user.name} 更改了本人密码，其他会话已结束`, `${user.name} changed their own password; their other sessions ended`);
    }),
  );
  return { ok: true };
}
