// The role × route matrix over HTTP against the real build: every route of src/pages × every role →
// the status the duty table (src/lib/auth/roles.ts) promises, including the org subtree limit.
// Sessions are real (sidecar store). A route added under src/pages without a row here fails the
// last test, so the table and the matrix cannot drift apart.
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { signIn } from '../auth/sign-in.ts';

const base = inject('baseURL');
const dbPath = inject('dbPath');
const cookies: Record<string, string> = { anon: '' };

beforeAll(async () => {
  for (const [key, role, org] of [
    ['leader', 'leader', null], ['leader@S1', 'leader', 'S1'], ['staff', 'staff', null], ['staff@S1', 'staff', 'S1'],
    ['auditor', 'auditor', null], ['auditor@S1', 'auditor', 'S1'], ['admin', 'admin', null],
  ] as const) {
    cookies[key] = (await signIn(dbPath, role, org, `m-${key.replace('@', '-')}`)).header;
  }
});

const COLS = ['anon', 'leader', 'leader@S1', 'staff', 'staff@S1', 'auditor', 'auditor@S1', 'admin'] as const;
type Row = [route: string, request: string, ...expected: string[]];
// ok = 2xx or a redirect within the site (not to /login); login = 303 to /login; else the status.
// Request 'POST …' sends a same-origin POST with a JSON body.
const MATRIX: Row[] = [
  //                                                                  anon     leader leader@S1 staff staff@S1 auditor auditor@S1 admin
  ['/login', '/login', 'ok', 'ok', 'ok', 'ok', 'ok', 'ok', 'ok', 'ok'],
  ['/lang', '/lang?to=zh&back=/org/S1', 'ok', 'ok', 'ok', 'ok', 'ok', 'ok', 'ok', 'ok'],
  ['/logout', '/logout', 'ok', 'ok', 'ok', 'ok', 'ok', 'ok', 'ok', 'ok'], // GET only shows the button
  ['/404', '/404', 'login', '404', '404', '404', '404', '404', '404', '404'],
  ['/', '/', 'login', 'ok', 'ok', 'ok', 'ok', 'ok', 'ok', 'ok'],
  ['/go', '/go?org=S2&year=2024', 'login', 'ok', '403', 'ok', '403', 'ok', '403', 'ok'],
  ['/org/[code]', '/org/S1', 'login', 'ok', 'ok', 'ok', 'ok', 'ok', 'ok', 'ok'],
  ['/org/[code]/[year]', '/org/F0/2024', 'login', 'ok', '403', 'ok', '403', 'ok', '403', 'ok'],
  ['/org/[code]/[year]', '/org/S1/2024', 'login', 'ok', 'ok', 'ok', 'ok', 'ok', 'ok', 'ok'],
  ['/org/[code]/[year]/relief', '/org/S1C1/2024/relief', 'login', 'ok', 'ok', 'ok', 'ok', 'ok', 'ok', 'ok'],
  ['/org/[code]/[year]/training', '/org/S2/2024/training', 'login', 'ok', '403', 'ok', '403', 'ok', '403', 'ok'],
  ['/org/[code]/[year]/activities', '/org/S1/2024/activities', 'login', 'ok', 'ok', 'ok', 'ok', 'ok', 'ok', 'ok'],
  ['/org/[code]/[year]/coverage', '/org/S2/2024/coverage', 'login', 'ok', '403', 'ok', '403', 'ok', '403', 'ok'],
  ['/org/[code]/[year]/rights', '/org/S1/2024/rights', 'login', 'ok', 'ok', 'ok', 'ok', 'ok', 'ok', 'ok'],
  ['/org/[code]/[year]/democracy', '/org/S2/2024/democracy', 'login', 'ok', '403', 'ok', '403', 'ok', '403', 'ok'],
  ['/org/[code]/[year]/honours', '/org/S1C1/2024/honours', 'login', 'ok', 'ok', 'ok', 'ok', 'ok', 'ok', 'ok'],
  ['/org/[code]/[year]/services', '/org/S2/2024/services', 'login', 'ok', '403', 'ok', '403', 'ok', '403', 'ok'],
  // work summaries: every reading role, within its scope
  ['/org/[code]/[year]/report.pdf', '/org/S1/2024/report.pdf', 'login', 'ok', 'ok', 'ok', 'ok', 'ok', 'ok', 'ok'],
  ['/org/[code]/[year]/report.pdf', '/org/S2/2024/report.pdf', 'login', 'ok', '403', 'ok', '403', 'ok', '403', 'ok'],
  ['/org/[code]/[year]/report.docx', '/org/S1/2024/report.docx', 'login', 'ok', 'ok', 'ok', 'ok', 'ok', 'ok', 'ok'],
  ['/org/[code]/[year]/report.docx', '/org/S2/2024/report.docx', 'login', 'ok', '403', 'ok', '403', 'ok', '403', 'ok'],
  // the narrative editor: staff edit the text of their scope; nobody else opens the editor
  ['/org/[code]/[year]/narrative', '/org/S1/2024/narrative', 'login', '403', '403', 'ok', 'ok', '403', '403', '403'],
  ['/org/[code]/[year]/narrative', '/org/S2/2024/narrative', 'login', '403', '403', 'ok', '403', '403', '403', '403'],
  ['/org/[code]/[year]/narrative', 'POST /org/S1/2024/narrative', 'login', '403', '403', 'ok', 'ok', '403', '403', '403'],
  // …and everyone who reads the summaries reads the narrative and its history, within its scope
  ['/org/[code]/[year]/narrative/read', '/org/S1/2024/narrative/read', 'login', 'ok', 'ok', 'ok', 'ok', 'ok', 'ok', 'ok'],
  ['/org/[code]/[year]/narrative/read', '/org/S2/2024/narrative/read', 'login', 'ok', '403', 'ok', '403', 'ok', '403', 'ok'],
  ['/api/indicators', '/api/indicators?org=S2&year=2024', '401', 'ok', '403', 'ok', '403', 'ok', '403', 'ok'],
  ['/api/indicators', '/api/indicators?org=S1C1&year=2024', '401', 'ok', 'ok', 'ok', 'ok', 'ok', 'ok', 'ok'],
  ['/api/xlsx', 'POST /api/xlsx', '401', 'ok', 'ok', 'ok', 'ok', 'ok', 'ok', 'ok'],
  // data quality: staff fix it, auditors read it; a limited account sees its subtree's batches
  ['/quality', '/quality', 'login', '403', '403', 'ok', 'ok', 'ok', 'ok', '403'],
  // the summaries page lists the documents of the user's scope; everyone has an account page
  ['/summaries', '/summaries?org=S1&year=2024', 'login', 'ok', 'ok', 'ok', 'ok', 'ok', 'ok', 'ok'],
  ['/summaries', '/summaries?org=S2&year=2024', 'login', 'ok', '403', 'ok', '403', 'ok', '403', 'ok'],
  ['/healthz', '/healthz', 'ok', 'ok', 'ok', 'ok', 'ok', 'ok', 'ok', 'ok'],
  ['/account', '/account', 'login', 'ok', 'ok', 'ok', 'ok', 'ok', 'ok', 'ok'],
  // the refusal page itself (what the middleware shows on a 403); opened directly it says nothing is refused
  ['/403', '/403', 'login', 'ok', 'ok', 'ok', 'ok', 'ok', 'ok', 'ok'],
  // uploads and templates: staff only; an auditor never writes
  ['/upload', '/upload', 'login', '403', '403', 'ok', 'ok', '403', '403', '403'],
  ['/upload', 'POST /upload', 'login', '403', '403', 'ok', 'ok', '403', '403', '403'],
  ['/upload/templates/[family].xlsx', '/upload/templates/members.xlsx', 'login', '403', '403', 'ok', 'ok', '403', '403', '403'],
  // reject reports: the uploader and federation-wide auditors (batch 1 was loaded by the CLI)
  ['/upload/reject/[batch].xlsx', '/upload/reject/1.xlsx', 'login', '403', '403', '403', '403', 'ok', '403', '403'],
  ['/audit', '/audit', 'login', '403', '403', '403', '403', 'ok', 'ok', '403'],
  ['/audit/log', '/audit/log', 'login', '403', '403', '403', '403', 'ok', 'ok', '403'],
  ['/audit/lineage', '/audit/lineage', 'login', '403', '403', '403', '403', 'ok', 'ok', '403'],
  ['/api/audit/schema', '/api/audit/schema', '401', '403', '403', '403', '403', 'ok', 'ok', '403'],
  ['/api/audit/history', '/api/audit/history', '401', '403', '403', '403', '403', 'ok', 'ok', '403'],
  ['/api/audit/lineage', '/api/audit/lineage?key=coverage.members&org=S1&year=2024', '401', '403', '403', '403', '403', 'ok', 'ok', '403'],
  ['/api/audit/query', 'POST /api/audit/query', '401', '403', '403', '403', '403', 'ok', 'ok', '403'],
  ['/api/audit/export', 'POST /api/audit/export', '401', '403', '403', '403', '403', 'ok', 'ok', '403'],
  ['/admin', '/admin', 'login', '403', '403', '403', '403', '403', '403', 'ok'],
];

const BODIES: Record<string, { type: string; body: string }> = {
  '/api/xlsx': { type: 'application/json', body: JSON.stringify({ filename: 't', sheet: 's', table: { columns: ['a'], rows: [['1']] } }) },
  '/api/audit/query': { type: 'application/json', body: JSON.stringify({ sql: 'select 1 as one' }) },
  '/api/audit/export': { type: 'application/json', body: JSON.stringify({ sql: 'select 1 as one', format: 'csv' }) },
  // a form without files: the page answers 400 "choose a file" once the role may upload
  '/upload': { type: 'application/x-www-form-urlencoded', body: 'x=1' },
  // a form naming no part: the editor saves nothing and answers with its page once the role may edit
  '/org/S1/2024/narrative': { type: 'application/x-www-form-urlencoded', body: 'x=1' },
};

async function outcome(request: string, who: string): Promise<{ got: string; status: number; body: string; location: string | null }> {
  const [method, path] = request.startsWith('POST ') ? ['POST', request.slice(5)] : ['GET', request];
  const headers: Record<string, string> = cookies[who] ? { cookie: cookies[who]! } : {};
  const init: RequestInit = { method, redirect: 'manual', headers };
  if (method === 'POST') {
    const b = BODIES[path]!;
    Object.assign(headers, { origin: base, 'content-type': b.type });
    init.body = b.body;
  }
  const res = await fetch(base + path, init);
  const location = res.headers.get('location');
  const body = await res.text();
  const s = res.status;
  if (s === 303 && location?.startsWith('/login')) return { got: 'login', status: s, body, location };
  // An upload form without files is a 400 from the page itself: the role got through.
  if ((s >= 200 && s < 400) || (s === 400 && path === '/upload')) return { got: 'ok', status: s, body, location };
  return { got: String(s), status: s, body, location };
}

describe('role × route matrix over HTTP', () => {
  it.each(MATRIX.flatMap(([, request, ...exp]) => COLS.map((who, i) => [request, who, exp[i]!] as const)))('%s as %s → %s', async (request, who, expected) => {
    const r = await outcome(request, who);
    expect(r.got, `${r.status} ${r.body.slice(0, 300)}`).toBe(expected);
    if (expected === 'login') expect(r.location).toBe(`/login?next=${encodeURIComponent(request.replace(/^POST /, ''))}`);
    if (expected === '403' && r.body.startsWith('<')) expect(r.body).toMatch(/needs the [\w ]+ role|outside your scope|whole federation|another account/);
  });

  it('sends a limited account from / to its own subtree', async () => {
    const res = await fetch(`${base}/`, { redirect: 'manual', headers: { cookie: cookies['staff@S1']! } });
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe('/org/S1');
  });

  it('refuses a cross-site sign-in (origin check)', async () => {
    const res = await fetch(`${base}/login`, {
      method: 'POST',
      redirect: 'manual',
      headers: { origin: 'http://evil.example', 'content-type': 'application/x-www-form-urlencoded' },
      body: 'username=m-admin&password=test-password-123',
    });
    expect(res.status).toBe(403);
    expect(res.headers.get('set-cookie')).toBeNull();
  });

  it('has a row for every route under src/pages', () => {
    const pages = join(import.meta.dirname, '../../src/pages');
    const routes: string[] = [];
    const walk = (dir: string) => {
      for (const f of readdirSync(dir)) {
        const p = join(dir, f);
        if (statSync(p).isDirectory()) walk(p);
        else routes.push(`/${relative(pages, p)}`.replace(/\.(astro|ts)$/, '').replace(/\/index$/, '') || '/');
      }
    };
    walk(pages);
    const covered = new Set(MATRIX.map((r) => r[0]));
    expect(routes.filter((r) => !covered.has(r)), 'add these routes to MATRIX with the status each role gets').toEqual([]);
  });
});
