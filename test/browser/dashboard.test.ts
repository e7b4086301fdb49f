// The dashboard in a real browser against a real build and a warehouse made by the real ingest.
import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { ARTIFACTS, chartsReady, launch, open, seriousA11yViolations, sessionHeaders, shoot, type Watched } from './browser.ts';
import { makeIdNumber } from '../../src/lib/ids/gb11643.ts';
import { parseCsv } from '../helpers/csv.ts';

const base = inject('baseURL');
const session = inject('session');
const auth = { headers: sessionHeaders(session) };
const JS_BUDGET = 250 * 1024;
let browser: Browser;
const consoleErrors: string[] = [];
const watched: Watched[] = [];

async function page(opts?: Parameters<typeof open>[1]): Promise<Page> {
  const w = await open(browser, { session, baseURL: base, ...opts });
  watched.push(w);
  return w.page;
}

/** Rows of an HTML table as text, without the sort arrows (aria-hidden decoration). */
async function tableText(p: Page, name: string): Promise<string[][]> {
  return p.$$eval(`table[data-table="${name}"] tr`, (rows) =>
    rows.map((r) => [...r.children].map((c) => (c.textContent ?? '').replace(/[▲▼↕]/g, '').trim())),
  );
}


beforeAll(async () => {
  browser = await launch();
});

afterAll(async () => {
  await browser?.close();
});

describe('dashboard', () => {
  it('renders KPIs on the server, without JavaScript', async () => {
    const html = await (await fetch(`${base}/org/F0/2024`, auth)).text();
    const api = await (await fetch(`${base}/api/indicators?org=F0&year=2024`, auth)).json();
    expect(api.org.code).toBe('F0');
    const text = html.replace(/<[^>]+>/g, '');
    for (const code of ['coverage.members', 'coverage.unionisation_rate', 'relief.amount']) {
      expect(html).toContain(`data-kpi="${code}"`);
      expect(text).toContain(api.indicators[code].display);
    }
    // the work-summary link is for every reading role (test/browser/page-roles.test.ts)
    expect(html).toContain('href="/org/F0/2024/report.pdf"');
  });

  it('answers the API with JSON, 400 for bad parameters and 404 for unknown org or year', async () => {
    const ok = await fetch(`${base}/api/indicators?org=F0&year=2024`, auth);
    expect(ok.status).toBe(200);
    const body = await ok.json();
    expect(body.indicators['coverage.unionisation_rate']).toMatchObject({ unit: '%' });
    expect(typeof body.indicators['coverage.unionisation_rate'].numerator).toBe('number');
    // The same JSON as the CLI, byte for byte once parsed.
    const cli = spawnSync(process.execPath, ['scripts/indicators.ts', '--db', inject('dbPath'), '--org', 'F0', '--year', '2024', '--json'], {
      cwd: join(import.meta.dirname, '../..'), encoding: 'utf8',
    });
    expect(cli.status, cli.stderr).toBe(0);
    expect(body).toEqual(JSON.parse(cli.stdout));
    for (const [q, status] of [['?org=F0', 400], ['?org=F0&year=20x4', 400], ['?year=2024', 400], ['?org=NOPE&year=2024', 404], ['?org=F0&year=1999', 404]] as const) {
      const res = await fetch(`${base}/api/indicators${q}`, auth);
      expect(res.status, q).toBe(status);
      expect(res.headers.get('content-type')).toContain('application/json');
      expect((await res.json()).error.zh).toBeTruthy();
    }
  });

  it('says why a page cannot be shown: unknown org (404), year without data (404, lists the years)', async () => {
    const org = await fetch(`${base}/org/NOPE/2024`, auth);
    expect(org.status).toBe(404);
    expect(await org.text()).toContain('找不到组织 NOPE');
    const year = await fetch(`${base}/org/F0/1999/relief`, auth);
    expect(year.status).toBe(404);
    expect(await year.text()).toContain('2021, 2022, 2023, 2024');
    const go = await fetch(`${base}/go?org=NOPE&year=2024`, { ...auth, redirect: 'manual' });
    expect(go.status).toBe(303);
    const latest = await fetch(`${base}/go?org=S1&year=1999&section=training`, { ...auth, redirect: 'manual' });
    expect(latest.headers.get('location')).toBe('/org/S1/2024/training');
  });

  it('lists the ingest batches and what one quarantined, by file and reason, without cell values', async () => {
    const p = await page();
    // the setup's ingest of the fixture is the warehouse's first batch; other files upload to the
    // same warehouse, and which of them ran before this one depends on vitest's file order, so the
    // batch is picked the way a clerk picks it: by its number in the list (?batch=N)
    await p.goto(`${base}/quality?batch=1`);
    expect(await p.locator('#q-files').innerText()).toMatch(/#1$/);
    const files = await tableText(p, 'files');
    expect(files.slice(1).map((r) => r[0]).sort()).toEqual(
      ['activities.csv', 'aid.csv', 'enrollments.csv', 'hardship_files.csv', 'headcounts.csv', 'members.csv', 'orgs.csv', 'units.csv'],
    );
    const q = (await tableText(p, 'quarantine')).slice(1);
    expect(q).toEqual(expect.arrayContaining([
      expect.arrayContaining(['aid.csv', '「金额(元)」以“万”为单位，应填写元', '1']),
      expect.arrayContaining(['members.csv', expect.stringMatching(/^「[^」]+」不是可识别的日期$/), '1']),
    ]));
    // reasons in words: no codes, no elided values; batch times in Beijing time with the zone
    const text = await p.locator('main').innerText();
    expect(text).not.toMatch(/money_in_wan|bad_date|conflicting_rows|…/);
    expect((await tableText(p, 'batches'))[1]![1]).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2} 北京时间 \(UTC\+8\)$/);
    const html = await p.content();
    expect(html).not.toContain('3.2万');
    expect(html).not.toContain('2024-13-45');
    // the latest batch by default, each batch number a link to its files; a number that is not
    // there says so and shows the latest
    await p.goto(`${base}/quality`);
    const latest = (await tableText(p, 'batches'))[1]![0]!;
    expect(await p.locator('#q-files').innerText()).toMatch(new RegExp(`${latest}$`));
    expect(await p.locator('[data-table="batches"] a[aria-current="true"]').innerText()).toBe(latest);
    await p.goto(`${base}/quality?batch=999999`);
    expect(await p.locator('[data-batch-missing]').innerText()).toContain('没有批次 #999999');
    expect(await p.locator('#q-files').innerText()).toMatch(new RegExp(`${latest}$`));
  });

  it('goes from / to the root org’s latest year, draws the charts, explains a KPI on focus', async () => {
    const p = await page();
    await p.goto(`${base}/`);
    expect(new URL(p.url()).pathname).toBe('/org/F0/2024');
    expect(await chartsReady(p)).toBe(2);
    expect(await p.locator('[data-kpi]').count()).toBe(14);
    const tip = p.locator('#kpi-coverage-unionisation-rate-tip');
    await expect.poll(() => tip.isVisible()).toBe(false);
    await p.locator('[data-kpi="coverage.unionisation_rate"]').focus();
    await expect.poll(() => tip.isVisible()).toBe(true);
    const text = await tip.innerText();
    expect(text).toContain('已建会单位数 ÷ 应建会单位数');
    expect(text).toMatch(/分子\s*已建会单位数 \d+家/);
    expect(text).toMatch(/分母\s*应建会单位数 \d+家/);
  });

  it('switching year and org changes the URL and redraws the charts', async () => {
    const p = await page();
    await p.goto(`${base}/org/F0/2024`);
    await chartsReady(p);
    const before = await p.locator('[data-chart-id="trend"]').getAttribute('aria-label');
    await Promise.all([p.waitForURL('**/org/F0/2023'), p.selectOption('select[name="year"]', '2023')]);
    await chartsReady(p);
    const after = await p.locator('[data-chart-id="trend"]').getAttribute('aria-label');
    expect(after).toContain('2023');
    expect(after).not.toEqual(before);
    // the org picker: type into the search, Enter opens the first match (S2 before its children)
    await p.fill('#org-search', 'S2');
    await Promise.all([p.waitForURL('**/org/S2/2023'), p.press('#org-search', 'Enter')]);
    await chartsReady(p);
    expect(await p.locator('h1').innerText()).toContain('西城街道工会联合会');
    const children = await tableText(p, 'children');
    expect(children.slice(1).map((r) => r[0])).toEqual(expect.arrayContaining(['西城第一社区工会', '西城第二社区工会']));
    // The section is kept when switching: relief of S2 → year 2022 stays on relief.
    await p.goto(`${base}/org/S2/2023/relief`);
    await Promise.all([p.waitForURL('**/org/S2/2022/relief'), p.selectOption('select[name="year"]', '2022')]);
  });

  it('drills down from a bar of the child chart', async () => {
    const p = await page();
    await p.goto(`${base}/org/F0/2024`);
    await chartsReady(p);
    const first = p.locator('table[data-table="children"] tbody tr').first().locator('a');
    const href = await first.getAttribute('href');
    expect(href).toMatch(/^\/org\/S\d\/2024$/);
    const chart = p.locator('[data-chart-id="children"]');
    await chart.scrollIntoViewIfNeeded();
    const box = (await chart.boundingBox())!;
    const n = await p.locator('table[data-table="children"] tbody tr').count();
    // Horizontal bars, sorted largest first: the first band's centre, well inside the longest bar.
    const y = box.y + 8 + (box.height - 40) / n / 2;
    await Promise.all([p.waitForURL(`**${href}`), p.mouse.click(box.x + box.width * 0.5, y)]);
    await chartsReady(p);
  });

  it('downloads the table behind a chart as CSV (BOM) and xlsx with the same numbers, and a PNG', async () => {
    const p = await page();
    await p.goto(`${base}/org/F0/2024`);
    await chartsReady(p);
    const table = await tableText(p, 'children');
    const [csvDl] = await Promise.all([p.waitForEvent('download'), p.click('[data-panel="children"] button[data-action="csv"]')]);
    expect(csvDl.suggestedFilename()).toMatch(/\.csv$/);
    const bytes = readFileSync((await csvDl.path())!);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(parseCsv(bytes.toString('utf8').slice(1))).toEqual(table);

    const [xlsxDl] = await Promise.all([p.waitForEvent('download'), p.click('[data-panel="children"] button[data-action="xlsx"]')]);
    expect(xlsxDl.suggestedFilename()).toMatch(/\.xlsx$/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile((await xlsxDl.path())!);
    const ws = wb.worksheets[0]!;
    expect(ws.rowCount).toBe(table.length);
    table.forEach((row, r) =>
      row.forEach((display, c) => {
        const v = ws.getRow(r + 1).getCell(c + 1).value;
        if (r === 0 || c === 0 || display === '—') expect(String(v)).toBe(display);
        else expect(v).toBe(Number(display.replaceAll(',', '')));
      }),
    );

    const [pngDl] = await Promise.all([p.waitForEvent('download'), p.click('[data-panel="children"] button[data-action="png"]')]);
    expect([...readFileSync((await pngDl.path())!).subarray(0, 4)]).toEqual([0x89, 0x50, 0x4e, 0x47]);
  });

  it('sorts the child table on the server when a header is clicked', async () => {
    const p = await page();
    await p.goto(`${base}/org/F0/2024`);
    await Promise.all([p.waitForURL(/sort=relief\.amount/), p.click('table[data-table="children"] a[data-sort="relief.amount"]')]);
    const all = (await tableText(p, 'children')).slice(1);
    // the 本级 and 合计 rows stay under the sorted children
    expect(all.slice(-2).map((r) => r[0])).toEqual(['本级', '合计']);
    const rows = all.slice(0, -2);
    const amounts = rows.map((r) => Number(r[4]!.replaceAll(',', '')));
    expect(amounts).toEqual([...amounts].sort((a, b) => b - a));
    expect(await p.locator('th[aria-sort="descending"]').innerText()).toContain('帮扶金额');
  });

  it('switches to English and remembers it', async () => {
    const p = await page();
    await p.goto(`${base}/org/F0/2024/coverage`);
    await Promise.all([p.waitForURL('**/org/F0/2024/coverage'), p.click('a.lang')]);
    expect(await p.getAttribute('html', 'lang')).toBe('en');
    expect(await p.locator('h1').innerText()).toContain('Coverage');
    expect(await p.locator('[data-kpi="coverage.members"] [data-kpi-value]').innerText()).toMatch(/people$/);
    await p.goto(`${base}/org/F0/2024/relief`);
    expect(await p.getAttribute('html', 'lang')).toBe('en');
    expect(await p.locator('nav.tabs').innerText()).toContain('Relief');
    await chartsReady(p);
    await shoot(p, 'relief-en');
    await p.click('a.lang');
    await p.waitForFunction(() => document.documentElement.lang === 'zh-CN');
    expect(await p.locator('h1').innerText()).toContain('帮扶救助');
  });

  const PAGES = ['/org/F0/2024', '/org/F0/2024/coverage', '/org/F0/2024/relief', '/org/F0/2024/training', '/org/F0/2024/activities',
    '/org/F0/2024/rights', '/org/F0/2024/democracy', '/org/F0/2024/honours', '/org/F0/2024/services', '/org/S1/2024', '/quality'];
  it('every page: accessible (axe: no serious/critical), screenshots, JS within budget', async () => {
    const sizes: Record<string, number> = {};
    for (const path of PAGES) {
      const w = await open(browser, { session, baseURL: base });
      watched.push(w);
      await w.page.goto(`${base}${path}`);
      await chartsReady(w.page);
      await w.page.waitForLoadState('networkidle');
      expect(await seriousA11yViolations(w.page), path).toEqual([]);
      await shoot(w.page, `page${path.replace(/\//g, '-')}`);
      sizes[path] = [...w.scripts.values()].reduce((a, b) => a + b, 0);
      expect(sizes[path], `${path} JS gzipped`).toBeLessThanOrEqual(JS_BUDGET);
    }
    writeFileSync(join(ARTIFACTS, 'js-sizes.json'), JSON.stringify(sizes, null, 2));
    const phone = await page({ width: 390, height: 844 });
    await phone.goto(`${base}/org/F0/2024`);
    await chartsReady(phone);
    await shoot(phone, 'overview-phone');
    expect(await seriousA11yViolations(phone)).toEqual([]);
  }, 180_000); // seven pages with axe each: over a minute on a loaded 2-core machine

  it('shows a new ingest without a restart', async () => {
    const p = await page();
    await p.goto(`${base}/org/F0/2024`);
    const members = p.locator('[data-kpi="coverage.members"] [data-kpi-value]');
    const before = Number((await members.innerText()).replace(/\D/g, ''));
    const dir = inject('dataDir');
    const extra = join(dir, 'extra', 'members.csv');
    const rows = ['member_no,name,id_number,gender,org_code,join_date'];
    for (let i = 0; i < 5; i++) rows.push(`X${i},新会员${i},${makeIdNumber('110101', '1990-02-03', 460 + i, '男')},男,S1C1,2024-06-0${i + 1}`);
    spawnSync('mkdir', ['-p', join(dir, 'extra')]);
    writeFileSync(extra, rows.join('\n') + '\n');
    const r = spawnSync(process.execPath, ['scripts/ingest/cli.ts', '--db', inject('dbPath'), extra], { cwd: join(import.meta.dirname, '../..'), encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    await p.reload();
    expect(Number((await members.innerText()).replace(/\D/g, ''))).toBe(before + 5);
  });

  it('logged no console errors on any page', () => {
    for (const w of watched) consoleErrors.push(...w.errors);
    appendFileSync(join(ARTIFACTS, 'console-errors.txt'), consoleErrors.join('\n'));
    expect(consoleErrors).toEqual([]);
  });
});
