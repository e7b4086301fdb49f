// The role × route matrix over HTTP against the real build: allowed, 403 (with the reason), or a
// redirect to the sign-in page, including the org subtree limit. Sessions are real (sidecar store).
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { signIn } from '../auth/sign-in.ts';

const base = inject('baseURL');
const dbPath = inject('dbPath');
const cookies: Record<string, string> = { anon: '' };

beforeAll(async () => {
  for (const [key, role, org] of [
    ['leader', 'leader', null], ['staff', 'staff', null], ['staff@S1', 'staff', 'S1'],
    ['auditor', 'auditor', null], ['auditor@S1', 'auditor', 'S1'], ['admin', 'admin', null],
  ] as const) {
    cookies[key] = (await signIn(dbPath, role, org, `m-${key.replace('@', '-')}`)).header;
  }
});

const COLS = ['anon', 'leader', 'staff', 'staff@S1', 'auditor', 'auditor@S1', 'admin'] as const;
// ok = 2xx (or a redirect within the page's own flow), login = 303 to /login, 401/403 = refused
const MATRIX: [string, ...string[]][] = [
  ['/login', 'ok', 'ok', 'ok', 'ok', 'ok', 'ok', 'ok'],
  ['/org/F0/2024', 'login', 'ok', 'ok', '403', 'ok', '403', 'ok'],
  ['/org/S1/2024', 'login', 'ok', 'ok', 'ok', 'ok', 'ok', 'ok'],
  ['/org/S1C1/2024/relief', 'login', 'ok', 'ok', 'ok', 'ok', 'ok', 'ok'],
  ['/org/S2/2024', 'login', 'ok', 'ok', '403', 'ok', '403', 'ok'],
  ['/api/indicators?org=S2&year=2024', '401', 'ok', 'ok', '403', 'ok', '403', 'ok'],
  ['/org/S1/2024/report.pdf', 'login', '403', 'ok', 'ok', 'ok', 'ok', 'ok'],
  ['/org/S2/2024/report.pdf', 'login', '403', 'ok', '403', 'ok', '403', 'ok'],
  ['/upload', 'login', '403', 'ok', 'ok', 'ok', 'ok', 'ok'],
  ['/audit', 'login', '403', '403', '403', 'ok', 'ok', 'ok'],
  ['/audit/log', 'login', '403', '403', '403', 'ok', 'ok', 'ok'],
  ['/api/audit/schema', '401', '403', '403', '403', 'ok', 'ok', 'ok'],
  ['/admin', 'login', '403', '403', '403', '403', '403', 'ok'],
];

async function outcome(path: string, who: string): Promise<{ got: string; body: string; location: string | null }> {
  const res = await fetch(base + path, { redirect: 'manual', headers: cookies[who] ? { cookie: cookies[who]! } : {} });
  const location = res.headers.get('location');
  const body = await res.text();
  if (res.status === 303 && location?.startsWith('/login')) return { got: 'login', body, location };
  if (res.status >= 200 && res.status < 400) return { got: 'ok', body, location };
  return { got: String(res.status), body, location };
}

describe('role × route matrix over HTTP', () => {
  it.each(MATRIX.flatMap(([path, ...exp]) => COLS.map((who, i) => [path, who, exp[i]!] as const)))('%s as %s → %s', async (path, who, expected) => {
    const r = await outcome(path, who);
    expect(r.got).toBe(expected);
    if (expected === 'login') expect(r.location).toBe(`/login?next=${encodeURIComponent(path)}`);
    if (expected === '403' && !path.startsWith('/api/')) expect(r.body).toMatch(/needs the \w+ role|outside your scope/);
  });

  it('sends a limited account from / to its own subtree', async () => {
    const res = await fetch(`${base}/`, { redirect: 'manual', headers: { cookie: cookies['staff@S1']! } });
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe('/org/S1');
  });

  it('refuses a cross-site sign-in (Astro origin check stays on)', async () => {
    const res = await fetch(`${base}/login`, {
      method: 'POST',
      redirect: 'manual',
      headers: { origin: 'http://evil.example', 'content-type': 'application/x-www-form-urlencoded' },
      body: 'username=m-admin&password=test-password-123',
    });
    expect(res.status).toBe(403);
    expect(res.headers.get('set-cookie')).toBeNull();
  });
});
