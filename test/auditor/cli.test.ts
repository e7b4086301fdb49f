// npm run query / npm run users as a person runs them: real processes, exit codes, masked output,
// binary formats read back, and the audit log they leave.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { tableFromIPC } from 'apache-arrow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Db } from '../../src/lib/db/duckdb.ts';
import { listAudit } from '../../src/lib/auditor/audit-log.ts';
import { openStore } from '../../src/lib/auth/store.ts';
import { ID_1, PHONE_1, makeWarehouse, type Fixture } from './fixture.ts';

const ROOT = join(import.meta.dirname, '../..');
const NODE = join(ROOT, 'node_modules/.bin/node');
let fx: Fixture;

function run(script: string, args: string[], input?: string) {
  const r = spawnSync(NODE, [join(ROOT, 'scripts', script), ...args], { cwd: ROOT, input, timeout: 60_000 });
  return { code: r.status, out: r.stdout, stdout: r.stdout.toString('utf8'), stderr: r.stderr.toString('utf8') };
}
const query = (...args: string[]) => run('query.ts', ['--db', fx.db, ...args]);
const users = (args: string[], input?: string) => run('users.ts', ['--db', fx.db, ...args], input);

beforeAll(async () => (fx = await makeWarehouse()));
afterAll(() => {
  openStore(fx.db).close();
  fx.cleanup();
});

describe('npm run query', () => {
  it('prints help', () => {
    const r = query('--help');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/--unmask/);
  });

  it('masks by default in every format', async () => {
    for (const format of ['table', 'csv', 'json']) {
      const r = query('--format', format, 'select name, id_number, phone from members');
      expect(r.code).toBe(0);
      expect(r.stdout).toContain('530423************');
      expect(r.stdout).not.toContain(ID_1);
      expect(r.stdout).not.toContain(PHONE_1);
      expect(r.stderr).toMatch(/2 行 \/ rows · 已脱敏 \/ masked/);
    }
    const arrow = tableFromIPC(query('--format', 'arrow', 'select m.id_number, m.phone, a.amount from aid a join members m using (member_no)').out);
    expect(arrow.numRows).toBe(2);
    expect(JSON.stringify(arrow.toArray())).not.toContain(ID_1);
    const out = join(fx.dir, 'aid.parquet');
    expect(query('--format', 'parquet', '--out', out, 'select * from aid').code).toBe(0);
    const db = await Db.open(':memory:');
    const rows = await db.all(`select id_number, amount, paid_on from read_parquet('${out}') order by voucher_no`);
    db.close();
    expect(rows[0]).toEqual({ id_number: '530423************', amount: 1200.5, paid_on: '2024-05-01' });
  });

  it('unmasks on request and the log marks it', async () => {
    const r = query('--unmask', '--format', 'csv', "select id_number from members where member_no = 'M1'");
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(`\uFEFFid_number\r\n${ID_1}\r\n`);
    expect(r.stderr).toMatch(/UNMASKED \(logged\)/);
    const last = (await listAudit(fx.db, { limit: 1 }))[0]!;
    expect([last.source, last.masked, last.user_name.startsWith('os:')]).toEqual(['cli', false, true]);
  });

  it('refuses with a message and a non-zero exit', () => {
    const r = query("copy members to '/tmp/x.csv'");
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/refused: .*file access/);
    expect(query('--format', 'yaml', 'select 1').code).toBe(2);
    expect(query().code).toBe(2);
    // a missing value is not taken from the next option, and no store appears for a missing warehouse
    const r2 = run('query.ts', ['--db', '--unmask', 'select 1']);
    expect([r2.code, r2.stderr]).toEqual([2, expect.stringMatching(/--db needs a value/)]);
    const r3 = run('query.ts', ['--db', join(fx.dir, 'none.duckdb'), 'select 1']);
    expect([r3.code, r3.stderr]).toEqual([2, expect.stringMatching(/no warehouse at/)]);
    expect(existsSync(join(fx.dir, 'none.duckdb.accounts.sqlite'))).toBe(false);
  });

  it('runs as an account: role and subtree apply', async () => {
    expect(users(['add', 'qian', '--role', 'auditor', '--org', 'S1', '--password-stdin'], 'qian-password-1\n').code).toBe(0);
    expect(users(['add', 'sun', '--role', 'staff', '--password-stdin'], 'sun-password-12\n').code).toBe(0);
    const r = query('--user', 'qian', '--format', 'csv', 'select member_no from members');
    expect(r.stdout).toBe('\uFEFFmember_no\r\nM1\r\n');
    const denied = query('--user', 'sun', 'select 1');
    expect(denied.code).toBe(1);
    expect(denied.stderr).toMatch(/need the auditor role/);
    expect(query('--user', 'nobody', 'select 1').stderr).toMatch(/no account nobody/);
  });
});

describe('npm run query -- --log', () => {
  it('shows the latest audit-log rows, SQL literals masked', () => {
    query('--unmask', `select * from members where id_number = '${ID_1}'`);
    const r = query('--log', '3');
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines).toHaveLength(2 + 3);
    expect(lines.at(-1)).toMatch(/\| cli\s+\| NO\s+\|.*530\*{8}/);
    expect(r.stdout).not.toContain(ID_1);
  });
});

describe('npm run users', () => {
  it('adds with a generated password, lists, resets, disables', () => {
    const add = users(['add', 'zhou', '--role', 'leader']);
    expect(add.code).toBe(0);
    expect(add.stdout).toMatch(/password \(shown only this once\): [A-Za-z0-9]{18}/);
    expect(users(['add', 'zhou', '--role', 'leader']).stderr).toMatch(/already exists/);
    expect(users(['add', 'wu', '--role', 'staff', '--org', 'NOPE']).stderr).toMatch(/no org NOPE/);
    expect(users(['list']).stdout).toMatch(/zhou\s+leader\s+\*\s+启用 active/);
    expect(users(['reset-password', 'zhou']).stdout).toMatch(/new password/);
    expect(users(['disable', 'zhou']).code).toBe(0);
    expect(users(['list']).stdout).toMatch(/zhou\s+leader\s+\*\s+停用 disabled/);
    expect(users(['disable', 'ghost']).code).toBe(1);
    expect(users(['frobnicate']).code).toBe(1);
    expect(readFileSync(`${fx.db}.accounts.sqlite`).length).toBeGreaterThan(0);
  });
});
