// A clerk uploads a register with bad rows through the page: the summary counts reconcile, the
// quarantined rows show with reasons (personal values masked), and the reject report .xlsx holds the
// rejected rows with their row numbers and problems. Templates download with the Chinese headers.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launch, open, shoot } from './browser.ts';
import { makeIdNumber } from '../../src/lib/ids/gb11643.ts';
import { signIn } from '../auth/sign-in.ts';

const base = inject('baseURL');
const dbPath = inject('dbPath');
let browser: Browser;
let page: Page;
const dir = mkdtempSync(join(tmpdir(), 'ua-upload-test-'));
const GOOD_ID = makeIdNumber('110101', '19850607', 41, '女');
const BAD_ID = GOOD_ID.slice(0, 17) + (GOOD_ID.endsWith('0') ? '1' : '0');

async function sheetRows(path: string, sheet: number): Promise<string[][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path);
  const ws = wb.worksheets[sheet]!;
  const out: string[][] = [];
  ws.eachRow((row) => out.push((row.values as unknown[]).slice(1).map((v) => (v === null || v === undefined ? '' : String(v)))));
  return out;
}

beforeAll(async () => {
  const s = await signIn(dbPath, 'staff', null, 'clerk-wang');
  browser = await launch();
  page = (await open(browser, { baseURL: base, session: s.token })).page;
  // 会员.csv with Chinese headers: 2 good rows, a wrong ID check digit, a missing required name,
  // and a leave date before the join date.
  writeFileSync(
    join(dir, '会员.csv'),
    [
      '会员编号,姓名,身份证号,手机号,所属工会,入会日期,离会日期',
      `U001,赵一,${GOOD_ID},13912345678,S1C1,2023-01-05,`,
      `U002,钱二,${makeIdNumber('110101', '19900101', 12, '男')},,S1C1,2023-02-05,`,
      `U003,孙三,${BAD_ID},13812345678,S1C1,2023-03-05,`,
      `U004,,${makeIdNumber('110101', '19910101', 22, '男')},,S1C1,2023-03-05,`,
      `U005,李五,${makeIdNumber('110101', '19920101', 32, '男')},,S1C1,2023-03-05,2022-01-01`,
    ].join('\n') + '\n',
  );
});
afterAll(async () => browser?.close());

describe('staff upload', () => {
  it('loads the good rows and quarantines the bad ones, with reasons, masked', async () => {
    await page.goto(`${base}/upload`);
    await page.setInputFiles('input[name=files]', join(dir, '会员.csv'));
    await Promise.all([page.waitForURL(`${base}/upload`), page.click('[data-upload-form] button[type=submit]')]);
    await page.waitForSelector('[data-upload-result]');
    const row = page.locator('[data-upload-result] tr[data-file="会员.csv"]');
    const cells = (await row.locator('td').allTextContents()).map((t) => t.trim());
    expect(cells.slice(1, 5)).toEqual(['会员 (members)', '5', '2', '3']);
    const problems = await page.locator('[data-problems] tbody tr').allTextContents();
    expect(problems.length).toBeGreaterThanOrEqual(3);
    expect(problems.join('\n')).toMatch(/身份证号/);
    expect(problems.join('\n')).not.toContain(BAD_ID);
    await shoot(page, 'auditor-upload');
  });

  it('offers the reject report: rejected rows with their row numbers and problems', async () => {
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-reject-report]')]);
    const path = (await download.path())!;
    const fix = await sheetRows(path, 0);
    expect(fix[0]![0]).toMatch(/会员\.csv/);
    expect(fix[1]!.slice(0, 4)).toEqual(['行号 / row', '会员编号', '姓名', '身份证号']);
    const byNo = new Map(fix.slice(2).filter((r) => /^\d+$/.test(r[0]!)).map((r) => [r[1], r]));
    expect([...byNo.keys()].sort()).toEqual(['U003', 'U004', 'U005']);
    expect(byNo.get('U003')![0]).toBe('4');
    expect(byNo.get('U003')![3]).toMatch(/^110101\*{8}/);
    expect(byNo.get('U003')!.at(-1)).toMatch(/身份证号/);
    const detail = await sheetRows(path, 1);
    expect(detail.length - 1).toBeGreaterThanOrEqual(3);
    expect(readFileSync(path).includes(Buffer.from(BAD_ID))).toBe(false);
  });

  it('serves templates with the Chinese headers', async () => {
    const res = await page.request.get(`${base}/upload/templates/aid.xlsx`);
    expect(res.status()).toBe(200);
    const path = join(dir, 'aid.xlsx');
    writeFileSync(path, await res.body());
    const rows = await sheetRows(path, 0);
    expect(rows[0]).toEqual(['凭证号', '发放日期', '发放单位', '会员编号', '身份证号', '档案编号', '帮扶类别', '金额(元)', '资金来源', '审批人', '帮扶活动', '实物折价(元)']);
    expect((await page.request.get(`${base}/upload/templates/nope.xlsx`)).status()).toBe(404);
  });

  it('quarantines a limited clerk’s rows outside the subtree, per row, and loads the rest', async () => {
    const s1 = await signIn(dbPath, 'staff', 'S1', 'clerk-s1');
    const p2 = (await open(browser, { baseURL: base, session: s1.token })).page;
    writeFileSync(
      join(dir, 'members.csv'),
      `会员编号,姓名,身份证号,所属工会,入会日期\nZ1,周一,${makeIdNumber('110101', '19800101', 5, '男')},S2C1,2024-01-01\nZ2,周二,${makeIdNumber('110101', '19800102', 7, '男')},S1C1,2024-01-01\n`,
    );
    await p2.goto(`${base}/upload`);
    await p2.setInputFiles('input[name=files]', join(dir, 'members.csv'));
    await Promise.all([p2.waitForURL(`${base}/upload`), p2.click('[data-upload-form] button[type=submit]')]);
    const row = p2.locator('[data-upload-result] tr[data-file="members.csv"]');
    // row 2 (S2C1) is another street's: quarantined; row 3 (S1C1) loads
    expect((await row.locator('td').allTextContents()).map((t) => t.trim()).slice(2, 5)).toEqual(['2', '1', '1']);
    expect(await p2.locator('[data-problems]').textContent()).toMatch(/“S2C1”不在您的管辖范围（S1 及其下级组织）内/);
  });

  it('keeps another clerk out of this reject report', async () => {
    const other = await signIn(dbPath, 'staff', null, 'clerk-li');
    const batch = await page.locator('[data-upload-result]').getAttribute('data-batch');
    const res = await fetch(`${base}/upload/reject/${batch}.xlsx`, { headers: { cookie: other.header } });
    expect(res.status).toBe(403);
  });
});
