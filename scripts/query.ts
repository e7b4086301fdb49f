// npm run query -- [--db FILE] [--format table|csv|json|xlsx|arrow|parquet] [--unmask] [--user NAME] "SQL"
// The auditor sandbox from the command line: same guard, masking, scope and audit log as the console.
import { userInfo } from 'node:os';
import { existsSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { DEFAULTS } from '../src/lib/config.ts';
import { getAccount } from '../src/lib/auth/accounts.ts';
import { FORMATS, render, toTable, type Format } from '../src/lib/auditor/export.ts';
import { listAudit } from '../src/lib/auditor/audit-log.ts';
import { maskText } from '../src/lib/auditor/masking.ts';
import { runAudited, AccessError } from '../src/lib/auditor/run.ts';
import { Refusal, SandboxError, SANDBOX_DEFAULTS } from '../src/lib/auditor/sandbox.ts';
import type { SessionUser } from '../src/lib/auth/roles.ts';

const HELP = `用法 / usage: npm run query -- [options] "SQL"
在审计沙箱中执行一条只读查询 (与审计控制台相同的规则)。Runs one read-only query in the auditor sandbox.

  --db FILE         数据仓库 / warehouse (default ${DEFAULTS.db})
  --format F        ${FORMATS.join('|')} (default table)
  --out FILE        写入文件而不是标准输出 / write to FILE instead of stdout
  --unmask          显示未脱敏的个人信息 (记入审计日志) / show personal data unmasked (marked in the audit log)
  --user NAME       以该账户的角色和组织范围执行 / run with this account's role and org subtree
                    (default: the OS user, as a federation-wide auditor)
  --timeout S       超时秒数 / timeout in seconds (default ${SANDBOX_DEFAULTS.timeoutMs / 1000})
  --max-rows N      结果行数上限 / row cap (default ${SANDBOX_DEFAULTS.maxRows})
  --log [N]         显示审计日志最近 N 条 (默认 20) 而不执行查询 / show the latest N audit-log rows instead
  SQL may be "-" to read it from stdin.

Examples:
  npm run query -- "select org_code, count(*) from members group by all"
  npm run query -- --format parquet --out members.parquet "from members"
`;

function fail(msg: string, code = 2): never {
  process.stderr.write(`${msg}\n`);
  process.exit(code);
}

const args = process.argv.slice(2);
if (args.includes('--help') || args.includes('-h')) {
  process.stdout.write(HELP);
  process.exit(0);
}
const opt: Record<string, string | boolean> = {};
const positional: string[] = [];
const logAt = args.indexOf('--log');
if (logAt >= 0) {
  const n = /^\d+$/.test(args[logAt + 1] ?? '') ? Number(args.splice(logAt + 1, 1)[0]) : 20;
  args.splice(logAt, 1);
  opt.log = String(n);
}
for (let i = 0; i < args.length; i++) {
  const a = args[i]!;
  const m = /^--(db|format|out|user|timeout|max-rows|unmask)(?:=(.*))?$/.exec(a);
  if (!m) {
    if (a.startsWith('--')) fail(`未知参数 ${a} / unknown option ${a}\n\n${HELP}`);
    positional.push(a);
    continue;
  }
  if (m[1] === 'unmask') opt.unmask = true;
  else {
    const v = m[2] ?? args[++i];
    if (v === undefined || (m[2] === undefined && v.startsWith('--'))) fail(`--${m[1]} 需要一个值 / --${m[1]} needs a value`);
    opt[m[1]!] = v;
  }
}
if (opt.log) {
  const dbForLog = resolve(String(opt.db ?? DEFAULTS.db));
  if (!existsSync(dbForLog)) fail(`找不到数据仓库 ${dbForLog} / no warehouse at ${dbForLog}`);
  const rows = (await listAudit(dbForLog, { limit: Number(opt.log) })).reverse();
  const shown = {
    columns: ['id', 'at', 'user', 'source', 'masked', 'rows', 'ms', 'outcome', 'sql'].map((name) => ({ name, type: 'VARCHAR' })),
    rows: rows.map((r) => [r.id, r.at.slice(0, 19).replace('T', ' '), r.user_name, r.source, r.masked ? 'yes' : 'NO', r.rows, r.duration_ms, r.outcome, maskText(r.sql.replace(/\s+/g, ' '))]),
    truncated: false, maxRows: rows.length, elapsedMs: 0, masked: true,
  };
  process.stdout.write(toTable(shown, 60));
  process.stderr.write(`${rows.length} 条审计记录 / audit-log rows (UTC)\n`);
  process.exit(0);
}
if (positional.length !== 1) fail(`请给出一条 SQL (用引号括起来) / give exactly one SQL text, in quotes\n\n${HELP}`);
let sqlText = positional[0]!;
if (sqlText === '-') sqlText = await new Response(process.stdin as unknown as ReadableStream).text();

const format = (opt.format ?? 'table') as Format;
if (!FORMATS.includes(format)) fail(`未知格式 ${format} / unknown format; use one of ${FORMATS.join(', ')}`);
const binary = format === 'arrow' || format === 'parquet' || format === 'xlsx';
if (binary && !opt.out && process.stdout.isTTY) fail(`${format} 是二进制格式：请用 --out FILE 或重定向 / ${format} is binary: use --out FILE or redirect stdout`);
const dbPath = resolve(String(opt.db ?? DEFAULTS.db));
const num = (k: string) => (opt[k] === undefined ? undefined : Number(opt[k]));
const timeout = num('timeout');
const maxRows = num('max-rows');
if (timeout !== undefined && !(timeout > 0)) fail('--timeout 必须是正数 / --timeout must be a positive number of seconds');
if (maxRows !== undefined && !(Number.isInteger(maxRows) && maxRows > 0)) fail('--max-rows 必须是正整数 / --max-rows must be a positive integer');

if (!existsSync(dbPath)) fail(`找不到数据仓库 ${dbPath} / no warehouse at ${dbPath}: run npm run ingest first, or pass --db FILE`);

let user: SessionUser;
if (opt.user) {
  const acct = await getAccount(dbPath, String(opt.user));
  if (!acct) fail(`没有账户 ${opt.user} / no account ${opt.user} for ${dbPath} (see npm run users -- list)`);
  if (acct.disabled) fail(`账户 ${acct.name} 已停用 / account ${acct.name} is disabled`);
  user = { name: acct.name, role: acct.role, orgScope: acct.org_code };
} else {
  user = { name: `os:${userInfo().username}`, role: 'auditor', orgScope: null };
}

try {
  const r = await runAudited(dbPath, {
    user,
    sql: sqlText,
    source: 'cli',
    unmask: !!opt.unmask,
    timeoutMs: timeout ? timeout * 1000 : undefined,
    maxRows,
  });
  const out = await render(r, format);
  if (opt.out) writeFileSync(String(opt.out), out);
  else process.stdout.write(out);
  const notes = [
    `${r.rows.length} 行 / rows`,
    r.masked ? '已脱敏 / masked' : '未脱敏 (已记录) / UNMASKED (logged)',
    `${r.elapsedMs} ms`,
    user.orgScope ? `范围 / scope ${user.orgScope}` : '',
    opt.out ? `→ ${opt.out}` : '',
  ].filter(Boolean);
  process.stderr.write(`${notes.join(' · ')}\n`);
  if (r.truncated) process.stderr.write(`注意：结果超过 ${r.maxRows} 行，已截断 (--max-rows 可调) / note: more than ${r.maxRows} rows, truncated (raise --max-rows)\n`);
} catch (e) {
  const kind = e instanceof Refusal ? '拒绝 / refused' : e instanceof AccessError ? '无权限 / not allowed' : e instanceof SandboxError && e.kind === 'timeout' ? '超时 / timeout' : '错误 / error';
  fail(`${kind}: ${(e as Error).message}`, 1);
}
