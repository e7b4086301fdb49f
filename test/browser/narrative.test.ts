// The work-summary editor in Chromium: a staff member edits the opening, a 典型事例 and the 成文日期,
// saves, sees the edit in the PDF and in the Word file, sees the history (the previous text kept),
// and a typo in a placeholder is refused with the text kept. A leader cannot save (route rule).
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
});
