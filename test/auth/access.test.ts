// The role × route matrix at the decision level, with users from real sessions in a real store and
// the subtree check on a real org_closure. (test/browser/role-matrix.test.ts repeats it over HTTP for every route.)
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decide, safeNext } from '../../src/lib/auth/access.ts';
import { orgInScope } from '../../src/lib/auth/scope.ts';
import { sessionUser } from '../../src/lib/auth/sessions.ts';
import { openStore } from '../../src/lib/auth/store.ts';
import { Db } from '../../src/lib/db/duckdb.ts';
import { may, type SessionUser } from '../../src/lib/auth/roles.ts';
import { makeWarehouse, type Fixture } from '../auditor/fixture.ts';
import { signIn } from './sign-in.ts';

let fx: Fixture;
let wh: Db;
const users: Record<string, SessionUser | null> = { anon: null };

beforeAll(async () => {
  fx = await makeWarehouse();
  wh = await Db.open(fx.db, { readOnly: true });
  for (const [key, role, org] of [
    ['leader', 'leader', null], ['staff', 'staff', null], ['staff@S1', 'staff', 'S1'],
    ['auditor', 'auditor', null], ['auditor@S1', 'auditor', 'S1'], ['admin', 'admin', null],
  ] as const) {
    const s = await signIn(fx.db, role, org, key.replace('@', '-'));
    users[key] = sessionUser(fx.db, s.token);
  }
});
afterAll(() => {
  wh.close();
  openStore(fx.db).close();
  fx.cleanup();
});

// ok = allowed, login = redirect to /login, home = redirect to the own subtree, 401/403 = refused
const COLS = ['anon', 'leader', 'staff', 'staff@S1', 'auditor', 'auditor@S1', 'admin'] as const;
// Roles are duties (src/lib/auth/roles.ts): leaders read, staff read + write their scope, auditors
// read everything in scope and write nothing, admins manage accounts and read the dashboards.
const MATRIX: [string, ...string[]][] = [
  //                                    anon     leader  staff  staff@S1 auditor auditor@S1 admin
  ['/login', 'ok', 'ok', 'ok', 'ok', 'ok', 'ok', 'ok'],
  ['/logout', 'ok', 'ok', 'ok', 'ok', 'ok', 'ok', 'ok'],
  ['/lang?to=en&back=/', 'ok', 'ok', 'ok', 'ok', 'ok', 'ok', 'ok'],
  ['/', 'login', 'ok', 'ok', 'home', 'ok', 'home', 'ok'],
  ['/org/F/2024', 'login', 'ok', 'ok', '403', 'ok', '403', 'ok'],
  ['/org/S1/2024/relief', 'login', 'ok', 'ok', 'ok', 'ok', 'ok', 'ok'],
  ['/org/C1/2024', 'login', 'ok', 'ok', 'ok', 'ok', 'ok', 'ok'],
  ['/org/S2/2024', 'login', 'ok', 'ok', '403', 'ok', '403', 'ok'],
  ['/go?org=S2&year=2024', 'login', 'ok', 'ok', '403', 'ok', '403', 'ok'],
  ['/api/indicators?org=S2&year=2024', '401', 'ok', 'ok', '403', 'ok', '403', 'ok'],
  ['/api/indicators?org=C1&year=2024', '401', 'ok', 'ok', 'ok', 'ok', 'ok', 'ok'],
  // the work summaries are read by every role that reads the dashboards, within its scope
  ['/org/S1/2024/report.pdf', 'login', 'ok', 'ok', 'ok', 'ok', 'ok', 'ok'],
  ['/org/S2/2024/report.pdf', 'login', 'ok', 'ok', '403', 'ok', '403', 'ok'],
  ['/org/S1/2024/report.docx', 'login', 'ok', 'ok', 'ok', 'ok', 'ok', 'ok'],
  // editing the narrative is a staff duty, within its scope
  ['/org/S1/2024/narrative', 'login', '403', 'ok', 'ok', '403', '403', '403'],
  ['/org/S2/2024/narrative', 'login', '403', 'ok', '403', '403', '403', '403'],
  // reading it (and its history) is for every role that reads the summaries
  ['/org/S1/2024/narrative/read', 'login', 'ok', 'ok', 'ok', 'ok', 'ok', 'ok'],
  ['/org/S2/2024/narrative/read', 'login', 'ok', 'ok', '403', 'ok', '403', 'ok'],
  // data quality: staff fix it, auditors read it; a limited account sees its subtree's batches
  ['/quality', 'login', '403', 'ok', 'ok', 'ok', 'ok', '403'],
  // uploads and templates: staff only (an auditor never writes)
  ['/upload', 'login', '403', 'ok', 'ok', '403', '403', '403'],
  ['/upload/templates/members.xlsx', 'login', '403', 'ok', 'ok', '403', '403', '403'],
  ['/api/upload', '401', '403', 'ok', 'ok', '403', '403', '403'],
  // reject reports: the staff who uploaded, and auditors (the route checks the owner)
  ['/upload/reject/1.xlsx', 'login', '403', 'ok', 'ok', 'ok', 'ok', '403'],
  ['/audit', 'login', '403', '403', '403', 'ok', 'ok', '403'],
  ['/audit/log', 'login', '403', '403', '403', 'ok', 'ok', '403'],
  ['/audit/lineage?key=x&org=S1&year=2024', 'login', '403', '403', '403', 'ok', 'ok', '403'],
  ['/api/audit/query', '401', '403', '403', '403', 'ok', 'ok', '403'],
  ['/admin', 'login', '403', '403', '403', '403', '403', 'ok'],
  ['/api/admin/users', '401', '403', '403', '403', '403', '403', 'ok'],
  ['/settings', 'login', '403', '403', '403', '403', '403', 'ok'],
  ['/account', 'login', 'ok', 'ok', 'ok', 'ok', 'ok', 'ok'],
  // a prefix is a path segment: /auditors is not /audit
  ['/auditors', 'login', 'ok', 'ok', 'ok', 'ok', 'ok', 'ok'],
];

const cases = MATRIX.flatMap(([path, ...expected]) => COLS.map((who, i) => [path, who, expected[i]!] as const));

describe('role × route matrix', () => {
  it.each(cases)('%s as %s → %s', async (path, who, expected) => {
    const user = users[who] ?? null;
    const d = await decide(new URL(path, 'http://x'), user, (org) => orgInScope(wh, user ?? { orgScope: null }, org));
    const got = d.action === 'next' ? 'ok' : d.action === 'login' ? 'login' : d.action === 'redirect' ? 'home' : String(d.status);
    expect(got).toBe(expected);
    if (d.action === 'login') expect(d.to).toBe(`/login?next=${encodeURIComponent(path)}`);
    if (d.action === 'redirect') expect(d.to).toBe('/org/S1');
    if (d.action === 'forbid') {
      expect(d.zh.length).toBeGreaterThan(5);
      expect(d.en).toMatch(/needs the (\w+ or )*\w+ role|outside your scope|whole federation|Sign in/);
    }
  });

  it('says which role is needed and which the user has', async () => {
    const d = await decide(new URL('http://x/audit'), users.staff!, async () => true);
    expect(d.action === 'forbid' && d.en).toBe(
      'The auditor workbench needs the auditor role; your account staff is staff. Ask an administrator if you need access.',
    );
    const q = await decide(new URL('http://x/quality'), users.leader!, async () => true);
    expect(q.action === 'forbid' && q.zh).toBe('数据质量需要“工作人员”或“审计”角色，您的账户 leader 是“领导”。如需权限请联系管理员。');
  });

  it('has no ladder: an auditor may not upload, an admin may not audit', () => {
    expect(may(users.auditor, 'upload')).toBe(false);
    expect(may(users.auditor, 'edit')).toBe(false);
    expect(may(users.admin, 'audit')).toBe(false);
    expect(may(users.admin, 'upload')).toBe(false);
    expect(may(users.staff, 'audit')).toBe(false);
    expect(may(users.leader, 'summaries')).toBe(true);
    expect(may(null, 'dashboards')).toBe(false);
  });

  it('only follows local next= targets', () => {
    expect(safeNext('/audit?x=1')).toBe('/audit?x=1');
    expect(safeNext('/org/S1/2024#kpi')).toBe('/org/S1/2024#kpi');
    // non-ASCII paths come back percent-encoded (a Location header is ASCII)
    expect(safeNext('/org/凤鸣')).toBe('/org/%E5%87%A4%E9%B8%A3');
    // browsers drop tab/CR/LF inside URLs and read \\ as /: each of these would leave the site
    const bad = ['//evil.example/', '/\\evil.example', '/\t/127.0.0.1:5299/phish', '/\n/evil.example', '/\r//evil.example', '\t//evil.example',
      '/%09/127.0.0.1:5299/phish'.replace('%09', '\t'), 'https://evil.example', 'javascript:alert(1)', ' /x', '', null];
    for (const b of bad) expect(safeNext(b), JSON.stringify(b)).toBe('/');
    // an encoded tab stays encoded: the browser reads %09 as part of the path, not as whitespace
    expect(safeNext('/%09/evil.example')).toBe('/%09/evil.example');
  });
});
