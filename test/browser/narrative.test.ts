// The work-summary editor in Chromium: a staff member edits the opening, a 典型事例 and the 成文日期,
// saves, sees the edit in the PDF and in the Word file, sees the history (the previous text kept),
// and a typo in a placeholder is refused with the text kept. A leader cannot save (route rule) but
// reads the text and its history at narrative/read.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launch, open, shoot } from './browser.ts';
import { signIn } from '../auth/sign-in.ts';

const base = inject('baseURL');
const dbPath = inject('dbPath');
let browser: Browser;
const dir = mkdtempSync(join(tmpdir(), 'narrative-'));

beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
  rmSync(dir, { recursive: true, force: true });
});

const flat = (s: string) => s.replace(/\s+/g, '');

describe('the summary editor', { timeout: 120_000 }, () => {
  it('edits, saves, shows the edit in both documents and keeps the history', async () => {
    const staff = await signIn(dbPath, 'staff', null, 'editor-staff');
    const { page, errors } = await open(browser, {});
    await page.context().addCookies([staff.cookieFor(base)]);
    await page.goto(`${base}/org/S1/2024/narrative`);
    // Prefilled with the generated opening (a draft, ending 如下：).
    const opening = page.locator('textarea[name="opening"]');
    expect(await opening.inputValue()).toMatch(/如下：$/);
    expect(await page.locator('[data-history-empty]').count()).toBe(1);

    await opening.fill('{年度}，{组织名称}在街道党工委的领导下，紧扣职工所需开展工作。现将主要工作总结如下：');
    await page.locator('textarea[name="example:relief"]').fill('某社区工会为患病职工募捐，全年帮扶资金{帮扶金额}。');
    await page.locator('input[name="date"]').fill('2025年1月8日');
    await page.locator('[data-save]').click();
    await page.waitForSelector('[data-saved]');
    expect(await page.locator('[data-saved]').getAttribute('data-saved')).toBe('3');
    expect(await page.locator('table[data-history] tr[data-edit]').count()).toBe(3);
    // times in Beijing time with the zone written out, as everywhere a person reads a time
    expect(await page.locator('table[data-history] tr[data-edit] td').first().textContent()).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d 北京时间 \(UTC\+8\)$/);
    await shoot(page, 'narrative-editor');

    // Second edit of the opening: the first version stays in the history.
    await page.locator('textarea[name="opening"]').fill('{年度}，{组织名称}认真履行职责。现总结如下：');
    await page.locator('[data-save]').click();
    await page.waitForSelector('[data-saved="1"]');
    const rows = await page.locator('table[data-history] tr[data-edit] pre').allTextContents();
    expect(rows).toContain('{年度}，{组织名称}在街道党工委的领导下，紧扣职工所需开展工作。现将主要工作总结如下：');
    expect(rows).toContain('{年度}，{组织名称}认真履行职责。现总结如下：');

    // Both downloads carry the edited text, figures filled in.
    const get = async (ext: string) => {
      const res = await page.request.get(`${base}/org/S1/2024/report.${ext}`);
      expect(res.status()).toBe(200);
      const file = join(dir, `s1.${ext}`);
      writeFileSync(file, await res.body());
      return file;
    };
    const pdf = flat(execFileSync('pdftotext', ['-enc', 'UTF-8', await get('pdf'), '-'], { encoding: 'utf8' }));
    const xml = execFileSync('unzip', ['-p', await get('docx'), 'word/document.xml'], { encoding: 'utf8' });
    const docx = flat(xml.replace(/<\/w:p>/g, '\n').replace(/<[^>]+>/g, ''));
    for (const text of [pdf, docx]) {
      expect(text).toMatch(/2024年，.+认真履行职责。现总结如下：/);
      expect(text).toMatch(/如：某社区工会为患病职工募捐，全年帮扶资金\d+(\.\d+)?万?元。/);
      expect(text).toContain('2025年1月8日');
      expect(text).not.toContain('{');
    }
    expect(errors).toEqual([]);
  });

  it('refuses an unknown placeholder and keeps what was typed', async () => {
    const staff = await signIn(dbPath, 'staff', null, 'editor-staff');
    const { page } = await open(browser, {});
    await page.context().addCookies([staff.cookieFor(base)]);
    await page.goto(`${base}/org/S1/2024/narrative`);
    await page.locator('textarea[name="problems"]').fill('帮扶资金{帮扶金頟}不足。');
    await page.locator('[data-save]').click();
    await page.waitForSelector('[data-errors]');
    expect(await page.locator('[data-errors]').textContent()).toContain('{帮扶金頟}');
    expect(await page.locator('textarea[name="problems"]').inputValue()).toBe('帮扶资金{帮扶金頟}不足。');
  });

  it('is for staff: a leader may download the summary but not open the editor or save', async () => {
    const leader = await signIn(dbPath, 'leader', null, 'editor-leader');
    const headers = { cookie: leader.header };
    expect((await fetch(`${base}/org/S1/2024/narrative`, { headers })).status).toBe(403);
    const post = await fetch(`${base}/org/S1/2024/narrative`, { method: 'POST', headers: { ...headers, origin: base, 'content-type': 'application/x-www-form-urlencoded' }, body: 'opening=x' });
    expect(post.status).toBe(403);
    expect((await fetch(`${base}/org/S1/2024/report.pdf`, { headers })).status).toBe(200);
  });

  it('shows a leader the text and its history read only, figures filled in', async () => {
    const leader = await signIn(dbPath, 'leader', null, 'editor-leader');
    const { page, errors } = await open(browser, {});
    await page.context().addCookies([leader.cookieFor(base)]);
    // the work bar's 总结正文 leads a leader to the read-only view, not to the editor
    await page.goto(`${base}/org/S1/2024`);
    const link = page.locator('nav.work a', { hasText: '总结正文' });
    expect(await link.getAttribute('href')).toBe('/org/S1/2024/narrative/read');
    await link.click();
    await page.waitForSelector('[data-narrative-read]');
    // the staff's edits of the first test: the opening, the 典型事例 with its figure, the date
    const opening = await page.locator('[data-part="opening"]').textContent();
    expect(opening).toMatch(/2024年，.+认真履行职责。现总结如下：/);
    expect(opening).toContain('已修改');
    expect(await page.locator('[data-part="example:relief"]').textContent()).toMatch(/全年帮扶资金\d+(\.\d+)?万?元。/);
    expect(await page.locator('[data-part="date"]').textContent()).toContain('2025年1月8日');
    // nothing to edit or save, no link to the editor; the history is there, the first opening kept
    expect(await page.locator('form[data-narrative-form], textarea, [data-save], [data-edit-link]').count()).toBe(0);
    expect(await page.locator('table[data-history] tr[data-edit] pre').allTextContents()).toContain(
      '{年度}，{组织名称}在街道党工委的领导下，紧扣职工所需开展工作。现将主要工作总结如下：',
    );
    expect(await page.locator('[data-narrative-read]').textContent()).not.toContain('{'); // the history shows the bodies as typed
    expect(errors).toEqual([]);
  });
});
