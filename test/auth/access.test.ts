// The role × route matrix at the decision level, with users from real sessions in a real store and
// the subtree check on a real org_closure. (test/browser/auditor-routes.test.ts repeats it over HTTP.)
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decide, safeNext } from '../../src/lib/auth/access.ts';
import { orgInScope } from '../../src/lib/auth/scope.ts';
import { sessionUser } from '../../src/lib/auth/sessions.ts';
import { openStore } from '../../src/lib/auth/store.ts';
import { Db } from '../../src/lib/db/duckdb.ts';
import type { SessionUser } from '../../src/lib/auth/roles.ts';
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
const MATRIX: [string, ...string[]][] = [
  ['/login', 'ok', 'ok', 'ok', 'ok', 'ok', 'ok', 'ok'],
  ['/', 'login', 'ok', 'ok', 'home', 'ok', 'home', 'ok'],
  ['/org/F/2024', 'login', 'ok', 'ok', '403', 'ok', '403', 'ok'],
  ['/org/S1/2024/relief', 'login', 'ok', 'ok', 'ok', 'ok', 'ok', 'ok'],
  ['/org/C1/2024', 'login', 'ok', 'ok', 'ok', 'ok', 'ok', 'ok'],
  ['/org/S2/2024', 'login', 'ok', 'ok', '403', 'ok', '403', 'ok'],
  ['/go?org=S2&year=2024', 'login', 'ok', 'ok', '403', 'ok', '403', 'ok'],
  ['/api/indicators?org=S2&year=2024', '401', 'ok', 'ok', '403', 'ok', '403', 'ok'],
  ['/api/indicators?org=C1&year=2024', '401', 'ok', 'ok', 'ok', 'ok', 'ok', 'ok'],
  ['/quality', 'login', 'ok', 'ok', '403', 'ok', '403', 'ok'],
  ['/org/S1/2024/report.pdf', 'login', '403', 'ok', 'ok', 'ok', 'ok', 'ok'],
  ['/org/S2/2024/report.pdf', 'login', '403', 'ok', '403', 'ok', '403', 'ok'],
  ['/upload', 'login', '403', 'ok', 'ok', 'ok', 'ok', 'ok'],
  ['/upload/templates/members.xlsx', 'login', '403', 'ok', 'ok', 'ok', 'ok', 'ok'],
  ['/audit', 'login', '403', '403', '403', 'ok', 'ok', 'ok'],
  ['/audit/log', 'login', '403', '403', '403', 'ok', 'ok', 'ok'],
  ['/api/audit/query', '401', '403', '403', '403', 'ok', 'ok', 'ok'],
  ['/admin', 'login', '403', '403', '403', '403', '403', 'ok'],
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
      expect(d.en).toMatch(/needs the (staff|auditor|admin) role|outside your scope|whole federation|Sign in/);
    }
  });

  it('says which role is needed and which the user has', async () => {
    const d = await decide(new URL('http://x/audit'), users.staff!, async () => true);
    expect(d.action === 'forbid' && d.en).toBe(
      'the auditor workbench needs the auditor role or higher; your account staff is staff. Ask an administrator if you need access.',
    );
  });

  it('only follows local next= targets', () => {
    expect(safeNext('/audit?x=1')).toBe('/audit?x=1');
    for (const bad of ['//evil.example/', '/\\evil.example', 'https://evil.example', 'javascript:alert(1)', '', null]) expect(safeNext(bad)).toBe('/');
  });
});
