// The auditor's workbench in Debian's chromium: sign in through the form, run a console query
// (masked), export it, unmask (and find it marked in the audit log), and a 150k-row result that the
// grid renders without putting every row in the DOM.
import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launch, open, shoot } from './browser.ts';
import { addAccount } from '../../src/lib/auth/accounts.ts';
import { listAudit } from '../../src/lib/auditor/audit-log.ts';

const base = inject('baseURL');
const dbPath = inject('dbPath');
const PASSWORD = 'auditor-password-1';
let browser: Browser;
let page: Page;
const errors: string[] = [];

beforeAll(async () => {
  await addAccount(dbPath, 'shen', { role: 'auditor', password: PASSWORD, by: 'test' });
  browser = await launch();
  const w = await open(browser, { baseURL: base });
  page = w.page;
  errors.push(...w.errors);
});
afterAll(async () => browser?.close());

async function runSql(sql: string): Promise<void> {
  await page.goto(`${base}/audit?sql=${encodeURIComponent(sql)}`);
  await page.waitForSelector('[data-console-ready="true"]');
  await page.locator('.cm-content').click();
  await page.keyboard.press('Control+Enter');
  await page.waitForSelector('[data-result-rows], [data-error]');
}

describe('auditor workbench', () => {
  it('signs in through the form, after a wrong password', async () => {
    await page.goto(`${base}/audit`);
    expect(new URL(page.url()).pathname).toBe('/login');
    await page.fill('input[name=username]', 'shen');
    await page.fill('input[name=password]', 'wrong-password');
    await page.click('button[type=submit]');
    await expect(page.locator('[data-login-error]').textContent()).resolves.toMatch(/Wrong user name or password/);
    await page.fill('input[name=password]', PASSWORD);
    await page.click('button[type=submit]');
    await page.waitForURL(`${base}/audit`);
    await page.waitForSelector('[data-console-ready="true"]');
    expect(await page.locator('[data-user]').textContent()).toBe('shen');
    const cookie = (await page.context().cookies()).find((c) => c.name === 'ua_session')!;
    expect([cookie.httpOnly, cookie.sameSite]).toEqual([true, 'Strict']);
  });

  it('runs a query with Ctrl+Enter and shows masked personal data', async () => {
    await runSql('select member_no, name, id_number, phone from members order by member_no limit 20');
    const meta = page.locator('[data-result-rows]');
    expect(await meta.getAttribute('data-masked')).toBe('true');
    expect(Number(await meta.getAttribute('data-result-rows'))).toBe(20);
    const cells = await page.$$eval('[data-result-grid] [role=cell]', (els) => els.map((e) => e.textContent ?? ''));
    const ids = cells.filter((c) => /^\d{6}\*{12}$/.test(c));
    expect(ids.length).toBe(20);
    expect(cells.some((c) => /^\d{17}[\dX]$/.test(c))).toBe(false);
    await shoot(page, 'auditor-console');
  });

  it('exports the result as CSV with a BOM, masked', async () => {
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-export=csv]')]);
    const text = readFileSync((await download.path())!, 'utf8');
    expect(text.startsWith('\uFEFFmember_no,name,id_number,phone\r\n')).toBe(true);
    expect(text.trim().split('\r\n')).toHaveLength(21);
    expect(text).not.toMatch(/\d{17}[\dX]/);
    expect(download.suggestedFilename()).toMatch(/^query-\d{14}\.csv$/);
  });

  it('unmasks on request, and the audit log marks it', async () => {
    await page.goto(`${base}/audit?sql=${encodeURIComponent("select id_number from members order by member_no limit 3")}`);
    await page.waitForSelector('[data-console-ready="true"]');
    await page.check('[data-unmask]');
    await page.click('[data-run]');
    await page.waitForSelector('[data-result-rows]');
    expect(await page.locator('[data-result-rows]').getAttribute('data-masked')).toBe('false');
    const cells = await page.$$eval('[data-result-grid] [role=cell]', (els) => els.map((e) => e.textContent ?? ''));
    expect(cells.every((c) => /^\d{17}[\dX]$/.test(c))).toBe(true);
    const last = (await listAudit(dbPath, { user: 'shen', limit: 1 }))[0]!;
    expect([last.masked, last.source, last.rows]).toEqual([false, 'console', 3]);
    await page.goto(`${base}/audit/log?unmasked=1`);
    expect(await page.locator('[data-audit-log] tbody tr[data-masked=false]').count()).toBeGreaterThan(0);
  });

  it('shows a refusal clearly', async () => {
    await runSql("copy members to '/tmp/leak.csv'");
    expect(await page.locator('[data-error]').textContent()).toMatch(/no file access/);
  });

  it('opens the rows behind a KPI: numerator and denominator with their source rows', async () => {
    await page.goto(`${base}/audit/lineage?key=coverage.membership_rate&org=F0&year=2024`);
    const num = page.locator('[data-part=numerator] [data-rows]');
    const den = page.locator('[data-part=denominator] [data-rows]');
    expect(Number(await num.getAttribute('data-rows'))).toBeGreaterThan(0);
    expect(Number(await den.getAttribute('data-rows'))).toBeGreaterThan(0);
    await page.waitForSelector('[data-part=numerator] [data-result-grid] [role=cell]');
    const head = await page.$$eval('[data-part=numerator] [role=columnheader]', (els) => els.map((e) => e.firstChild?.textContent ?? ''));
    for (const c of ['_batch_id', '_file_id', '_row_no', '_file_name']) expect(head).toContain(c);
    const col = head.indexOf('id_number');
    const ids = await page.$$eval('[data-part=numerator] [data-result-grid] [role=row]', (rows, i) =>
      rows.slice(1).map((r) => r.querySelectorAll('[role=cell]')[i]?.textContent ?? ''), col - 1);
    expect(ids.length).toBeGreaterThan(0);
    expect(ids.every((c) => /^\d{6}\*{12}$/.test(c))).toBe(true);
  });

  it('lines the rows up under their headers, long titles included, and shows what each session adds', async () => {
    await page.goto(`${base}/audit/lineage?key=training.person_times&org=F0&year=2024`);
    await page.waitForSelector('[data-result-grid] [role=cell]');
    const head = await page.$$eval('[data-result-grid] [role=columnheader]', (els) => els.map((e) => e.firstChild?.textContent ?? ''));
    expect(head).toContain('_person_times');
    const misaligned = await page.$$eval('[data-result-grid] [role=row]', (rows) => {
      const lefts = (r: Element) => [...r.children].map((c) => Math.round(c.getBoundingClientRect().left));
      const header = lefts(rows[0]!);
      return rows.slice(1).filter((r) => lefts(r).some((x, i) => x !== header[i])).length;
    });
    expect(misaligned).toBe(0);
  });

  it('keeps a 150k-row result responsive: capped at 100k, few rows in the DOM', async () => {
    await runSql('select range as n, range * 2 as twice from range(150000)');
    expect(await page.locator('[data-result-rows]').getAttribute('data-result-rows')).toBe('100000');
    await expect(page.locator('[data-truncated]').textContent()).resolves.toMatch(/100 ?000/);
    expect(await page.locator('[data-result-grid] [role=row]').count()).toBeLessThan(120);
    const t0 = Date.now();
    await page.locator('[data-result-grid]').evaluate((el) => (el.scrollTop = el.scrollHeight));
    await page.waitForFunction(() => [...document.querySelectorAll('[data-result-grid] [role=row]')].some((r) => r.getAttribute('aria-rowindex') === '100001'));
    expect(Date.now() - t0).toBeLessThan(2000);
    expect(errors).toEqual([]);
  });
});
