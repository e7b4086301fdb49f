// npm run users -- [--db FILE] add NAME --role ROLE [--org CODE] [--password-stdin] | list | disable NAME |
//                  enable NAME | reset-password NAME [--password-stdin]
import { existsSync } from 'node:fs';
import { userInfo } from 'node:os';
import { resolve } from 'node:path';
import { DEFAULTS } from '../src/lib/config.ts';
import { Db } from '../src/lib/db/duckdb.ts';
import { AccountError, addAccount, disableAccount, enableAccount, listAccounts, resetPassword } from '../src/lib/auth/accounts.ts';
import { ROLES, ROLE_ZH } from '../src/lib/auth/roles.ts';
import { sidecarPath } from '../src/lib/auth/store.ts';

const HELP = `用法 / usage: npm run users -- [--db FILE] COMMAND
账户保存在数据仓库旁的 <warehouse>.accounts.sqlite。Accounts are kept next to the warehouse --db names.

  add NAME --role ROLE [--org CODE] [--password-stdin]
                        新建账户；不给密码时生成随机密码并显示一次 / add an account (a random
                        password is generated and shown once unless --password-stdin)
                        ROLE: ${ROLES.map((r) => `${r} (${ROLE_ZH[r]})`).join(', ')}
                        --org CODE 限定只能看该组织及下级 / limit the account to that org's subtree
  list                  列出账户 / list accounts
  disable NAME          停用并注销其会话 / disable and end its sessions
  enable NAME           重新启用 / enable again
  reset-password NAME [--password-stdin]
                        重置密码 (默认随机生成) / set a new password (random unless --password-stdin)
  --db FILE             数据仓库 / warehouse (default ${DEFAULTS.db})
`;

function fail(msg: string): never {
  process.stderr.write(`${msg}\n`);
  process.exit(1);
}

const args = process.argv.slice(2);
if (args.length === 0 || args.includes('--help') || args.includes('-h')) {
  process.stdout.write(HELP);
  process.exit(args.length === 0 ? 1 : 0);
}
const opt: Record<string, string | boolean> = {};
const pos: string[] = [];
for (let i = 0; i < args.length; i++) {
  const a = args[i]!;
  const m = /^--(db|role|org|password-stdin)(?:=(.*))?$/.exec(a);
  if (!m) {
    if (a.startsWith('--')) fail(`未知参数 ${a} / unknown option ${a}\n\n${HELP}`);
    pos.push(a);
  } else if (m[1] === 'password-stdin') opt.passwordStdin = true;
  else {
    const v = m[2] ?? args[++i];
    if (v === undefined || (m[2] === undefined && v.startsWith('--'))) fail(`--${m[1]} 需要一个值 / --${m[1]} needs a value`);
    opt[m[1]!] = v;
  }
}
const dbPath = resolve(String(opt.db ?? DEFAULTS.db));
const [cmd, name] = pos;
// who made the change, for the audit log: the operating-system account that ran the command
const actor = `cli:${userInfo().username}`;

async function stdinPassword(): Promise<string | undefined> {
  if (!opt.passwordStdin) return undefined;
  const text = await new Response(process.stdin as unknown as ReadableStream).text();
  return text.replace(/\r?\n$/, '');
}

/** An org code must name an org of the warehouse, when there is one to check against. */
async function checkOrg(code: string): Promise<void> {
  if (!existsSync(dbPath)) {
    process.stderr.write(`注意：数据仓库 ${dbPath} 不存在，未核对组织代码 ${code} / warning: no warehouse yet, org code not checked\n`);
    return;
  }
  const db = await Db.open(dbPath, { readOnly: true });
  try {
    const found = await db.value<number>('select count(*) from orgs where org_code = $c', { c: code });
    if (!found) fail(`数据仓库中没有组织 ${code} / no org ${code} in ${dbPath}`);
  } finally {
    db.close();
  }
}

try {
  switch (cmd) {
    case 'add': {
      if (!name) fail('add 需要用户名 / add needs a NAME');
      if (!opt.role) fail(`add 需要 --role (${ROLES.join('|')}) / add needs --role`);
      if (opt.org) await checkOrg(String(opt.org));
      const given = await stdinPassword();
      const pw = await addAccount(dbPath, name, { role: String(opt.role), org: opt.org ? String(opt.org) : null, password: given, by: actor });
      console.log(`已添加 / added ${name} (${opt.role}${opt.org ? `, 范围 / scope ${opt.org}` : ''}) → ${sidecarPath(dbPath)}`);
      if (!given) console.log(`初始密码 (只显示这一次) / password (shown only this once): ${pw}`);
      break;
    }
    case 'list': {
      const rows = await listAccounts(dbPath);
      for (const a of rows) {
        console.log(`${a.name.padEnd(16)} ${a.role.padEnd(8)} ${(a.org_code ?? '*').padEnd(12)} ${a.disabled ? '停用 disabled' : '启用 active'}  ${a.updated_at}`);
      }
      console.log(`${rows.length} 个账户 / accounts in ${sidecarPath(dbPath)}`);
      break;
    }
    case 'disable':
      if (!name) fail('disable 需要用户名 / disable needs a NAME');
      await disableAccount(dbPath, name, actor);
      console.log(`已停用 ${name} 并注销其会话 / disabled ${name} and ended its sessions`);
      break;
    case 'enable':
      if (!name) fail('enable 需要用户名 / enable needs a NAME');
      await enableAccount(dbPath, name, actor);
      console.log(`已启用 / enabled ${name}`);
      break;
    case 'reset-password': {
      if (!name) fail('reset-password 需要用户名 / reset-password needs a NAME');
      const given = await stdinPassword();
      const pw = await resetPassword(dbPath, name, actor, given);
      console.log(`已重置 ${name} 的密码并注销其会话 / reset the password of ${name} and ended its sessions`);
      if (!given) console.log(`新密码 (只显示这一次) / new password (shown only this once): ${pw}`);
      break;
    }
    default:
      fail(`未知命令 ${cmd ?? ''} / unknown command\n\n${HELP}`);
  }
} catch (e) {
  fail(e instanceof AccountError ? e.message : `错误 / error: ${(e as Error).message}`);
}
