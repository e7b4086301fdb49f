// Accounts: add, list, disable, reset passwords, change roles and scopes, and the first admin. Kept in the
// sidecar store of the warehouse (see store.ts), so `--db` picks the accounts together with the data.
// Every access goes through withStore(): a lock held by another process is waited for without
// blocking, then 503. Every change names who made it (`by`: the admin's account, or `cli:<os user>`)
// and is appended to the audit log in the same transaction: an auditor sees who gave whom which
// duties and reach, and a change that could not be logged is not made.
import { withStore, type Store } from './store.ts';
import { insertAudit } from '../auditor/audit-log.ts';
import { hashPassword, passwordProblem, randomPassword } from './password.ts';
import { isRole, ROLES, type Role } from './roles.ts';

export interface Account {
  name: string;
  role: Role;
  org_code: string | null;
  disabled: boolean;
  created_at: string;
  updated_at: string;
}

export class AccountError extends Error {}

const NAME_RE = /^[\p{L}\p{N}_.-]{2,40}$/u;

function now(): string {
  return new Date().toISOString();
}

function row(r: Record<string, unknown>): Account {
  return {
    name: String(r.name),
    role: r.role as Role,
    org_code: (r.org_code as string | null) ?? null,
    disabled: Number(r.disabled) === 1,
    created_at: String(r.created_at),
    updated_at: String(r.updated_at),
  };
}

export async function listAccounts(dbPath: string): Promise<Account[]> {
  return (await withStore(dbPath, (s) => s.all('select * from users order by name'))).map(row);
}

export async function getAccount(dbPath: string, name: string): Promise<(Account & { pw_hash: string }) | undefined> {
  const r = await withStore(dbPath, (s) => s.get('select * from users where name = ?', name));
  return r ? { ...row(r), pw_hash: String(r.pw_hash) } : undefined;
}

export interface AddOptions {
  role: string;
  org?: string | null;
  /** Omit to generate one (returned once, never stored in clear). */
  password?: string;
  /** Who adds it (for the audit log). */
  by: string;
}

/**
 * The audit-log row of an account change, written inside the change's transaction. It showed no
 * personal data, so it is `masked` (the log's "unmasked only" filter lists what did).
 */
export function logChange(store: Store, by: string, zh: string, en: string): void {
  insertAudit(store, { user: by, source: 'admin', sql: '', masked: true, rows: null, durationMs: null, outcome: 'ok', message: `${zh} / ${en}` });
}

const scopeZh = (org: string | null | undefined) => org ?? '全部';
const scopeEn = (org: string | null | undefined) => org ?? 'the whole federation';

/** Adds an account; returns the password (generated when none was given). */
export async function addAccount(dbPath: string, name: string, opts: AddOptions): Promise<string> {
  if (!NAME_RE.test(name)) throw new AccountError(`用户名无效: ${name} / invalid user name (2–40 letters, digits, _ . -)`);
  if (!isRole(opts.role)) throw new AccountError(`角色无效: ${opts.role} / unknown role; use one of ${ROLES.join(', ')}`);
  if (opts.org !== undefined && opts.org !== null && !/^[\p{L}\p{N}_.-]{1,64}$/u.test(opts.org)) {
    throw new AccountError(`组织代码无效: ${opts.org} / invalid org code`);
  }
  const password = opts.password ?? randomPassword();
  const problem = passwordProblem(password);
  if (problem) throw new AccountError(problem);
  const hash = await hashPassword(password);
  try {
    await withStore(dbPath, (store) =>
      store.tx(() => {
        store.run(
          'insert into users (name, role, org_code, pw_hash, disabled, created_at, updated_at) values (?, ?, ?, ?, 0, ?, ?)',
          name, opts.role, opts.org ?? null, hash, now(), now(),
        );
        logChange(store, opts.by, `新建账户 ${name}（角色 ${opts.role}，范围 ${scopeZh(opts.org)}）`,
          `added account ${name} (role ${opts.role}, scope ${scopeEn(opts.org)})`);
      }),
    );
  } catch (e) {
    if (/UNIQUE/.test((e as Error).message)) throw new AccountError(`用户 ${name} 已存在 / user ${name} already exists`);
    throw e;
  }
  return password;
}

function mustExist(store: Store, name: string): void {
  if (!store.get('select 1 from users where name = ?', name)) {
    throw new AccountError(`没有用户 ${name} / no user named ${name} (see: npm run users -- list)`);
  }
}

/** Disables an account and ends its sessions at once. */
export async function disableAccount(dbPath: string, name: string, by: string): Promise<void> {
  await withStore(dbPath, (store) =>
    store.tx(() => {
      mustExist(store, name);
      store.run('update users set disabled = 1, updated_at = ? where name = ?', now(), name);
      store.run('delete from sessions where user_name = ?', name);
      logChange(store, by, `停用账户 ${name}，其会话已结束`, `disabled account ${name}; its sessions ended`);
    }),
  );
}

export async function enableAccount(dbPath: string, name: string, by: string): Promise<void> {
  await withStore(dbPath, (store) =>
    store.tx(() => {
      mustExist(store, name);
      store.run('update users set disabled = 0, updated_at = ? where name = ?', now(), name);
      logChange(store, by, `启用账户 ${name}`, `enabled account ${name}`);
    }),
  );
}

/** Sets a new password (generated when none is given), ends the account's sessions, clears its lockout. */
export async function resetPassword(dbPath: string, name: string, by: string, password?: string): Promise<string> {
  await withStore(dbPath, (store) => mustExist(store, name));
  const pw = password ?? randomPassword();
  const problem = passwordProblem(pw);
  if (problem) throw new AccountError(problem);
  const hash = await hashPassword(pw);
  await withStore(dbPath, (store) => store.tx(() => {
    mustExist(store, name);
    store.run('update users set pw_hash = ?, updated_at = ? where name = ?', hash, now(), name);
    store.run('delete from sessions where user_name = ?', name);
    // the account's own throttles (per account, and per client and account: 'p:<client>|<name>')
    store.run("delete from login_failures where key = 'u:' || ? or (key like 'p:%' and substr(key, -(length(?) + 1)) = '|' || ?)", name, name, name);
    logChange(store, by, `重置账户 ${name} 的密码，其会话已结束`, `reset the password of ${name}; its sessions ended`);
  }));
  return pw;
}

/** Changes the org subtree an account is limited to (null = the whole federation); takes effect on its next request. */
export async function setScope(dbPath: string, name: string, org: string | null, by: string): Promise<void> {
  if (org !== null && !/^[\p{L}\p{N}_.-]{1,64}$/u.test(org)) throw new AccountError(`组织代码无效: ${org} / invalid org code`);
  await withStore(dbPath, (store) =>
    store.tx(() => {
      mustExist(store, name);
      const was = store.get<{ org_code: string | null }>('select org_code from users where name = ?', name)!.org_code ?? null;
      if (was === org) return;
      store.run('update users set org_code = ?, updated_at = ? where name = ?', org, now(), name);
      logChange(store, by, `账户 ${name} 的范围由 ${scopeZh(was)} 改为 ${scopeZh(org)}`, `scope of ${name} changed from ${scopeEn(was)} to ${scopeEn(org)}`);
    }),
  );
}

/**
 * Gives an account another role (an admin's action, `by`): ends its sessions, so it signs in again
 * with the new duties, and appends the change to the audit log, in one transaction. The last
 * active admin cannot be demoted (no one could manage accounts any more).
 */
export async function setRole(dbPath: string, name: string, role: string, by: string): Promise<void> {
  if (!isRole(role)) throw new AccountError(`角色无效: ${role} / unknown role; use one of ${ROLES.join(', ')}`);
  await withStore(dbPath, (store) =>
    store.tx(() => {
      mustExist(store, name);
      const was = String(store.get<{ role: string }>('select role from users where name = ?', name)!.role);
      if (was === role) return;
      if (was === 'admin') {
        const others = Number(store.get<{ n: number }>("select count(*) as n from users where role = 'admin' and disabled = 0 and name <> ?", name)!.n);
        if (!others) throw new AccountError(`${name} 是唯一的管理员，不能改为其他角色：请先让另一个账户成为管理员。 / ${name} is the only active admin: make another account admin first.`);
      }
      store.run('update users set role = ?, updated_at = ? where name = ?', role, now(), name);
      store.run('delete from sessions where user_name = ?', name);
      logChange(store, by, `账户 ${name} 的角色由 ${was} 改为 ${role}，其会话已结束`, `role of ${name} changed from ${was} to ${role}; its sessions ended`);
    }),
  );
}

/**
 * On the first start with no accounts, creates `admin` with a random password and returns it (the
 * caller prints it once). Returns null when accounts exist. Safe when two processes start at once.
 */
export async function ensureAdmin(dbPath: string, log: (line: string) => void = console.log): Promise<string | null> {
  if (await withStore(dbPath, (store) => store.get('select 1 from users limit 1'))) return null;
  const password = randomPassword();
  const hash = await hashPassword(password);
  const created = await withStore(dbPath, (store) => store.tx(() => {
    if (store.get('select 1 from users limit 1')) return false;
    store.run(
      "insert into users (name, role, org_code, pw_hash, disabled, created_at, updated_at) values ('admin', 'admin', null, ?, 0, ?, ?)",
      hash, now(), now(),
    );
    logChange(store, 'system', '首次启动：新建管理员账户 admin', 'first start: created the admin account');
    return true;
  }));
  if (!created) return null;
  log(
    `已创建管理员账户 admin，初始密码（只显示这一次）: ${password}\n` +
      `Created the first account "admin"; its password (shown only this once): ${password}\n` +
      `登录后请在“我的账户”(/account) 中更换密码。 / After signing in, change it under 我的账户 (/account).`,
  );
  return password;
}
