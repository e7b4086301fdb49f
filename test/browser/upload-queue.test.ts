// Two uploads at once, in Chromium against the real build: while another import holds the
// warehouse, each upload page says what it waits for before its import commits — the first an
// import of another program (a lock held by this test, as a command-line import would), the second
// "1 import ahead of yours" — and both load, in order, when the lock is released.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launch, open, shoot } from './browser.ts';
import { signIn } from '../auth/sign-in.ts';
import { makeIdNumber } from '../../src/lib/ids/gb11643.ts';

const base = inject('baseURL');
const dbPath = inject('dbPath');
let browser: Browser;
const dir = mkdtempSync(join(tmpdir(), 'upload-queue-'));

beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** A members file with one new member (each upload its own, so neither is a duplicate). */
function membersFile(name: string, no: string, seq: number): string {
  const path = join(dir, name);
  writeFileSync(path, `会员编号,姓名,身份证号,所属工会,入会日期\n${no},排队${seq},${makeIdNumber('110101', '19910707', seq, '男')},S1C1,2024-03-01\n`);
  return path;
}

async function submit(page: Page, file: string): Promise<void> {
  await page.goto(`${base}/upload`);
  await page.setInputFiles('input[name=files]', file);
  await page.click('[data-upload-form] button[type=submit]', { noWaitAfter: true });
}

describe('upload queue', () => {
  it('shows the position while another import runs, then both results', async () => {
    const staff = await signIn(dbPath, 'staff', null, 'queue-staff');
    const a = (await open(browser, { session: staff.token, baseURL: base })).page;
    const b = (await open(browser, { session: staff.token, baseURL: base, width: 390, height: 844 })).page;
    // An import of another process: the lock holds the pid of a live process that is not the server.
    const other = spawn('sleep', ['120']);
    writeFileSync(`${dbPath}.lock`, String(other.pid));
    try {
      await submit(a, membersFile('queue-a.csv', 'Q310', 310));
      const waitingA = a.locator('[data-queue-other]');
      await waitingA.waitFor({ state: 'visible', timeout: 30_000 });
      expect(await waitingA.innerText()).toContain(`进程 ${other.pid}`);

      await submit(b, membersFile('queue-b.csv', 'Q320', 320));
      const waitingB = b.locator('[data-queue] p').last();
      await b.locator('[data-queue-ahead="1"]').waitFor({ state: 'attached', timeout: 30_000 });
      expect(await waitingB.innerText()).toMatch(/前面还有 1 个导入在排队… \/ 1 import ahead of yours/);
      expect(await waitingB.isVisible()).toBe(true);
      // nothing is committed yet: neither page has a result
      expect(await a.locator('[data-upload-result]').count()).toBe(0);
      expect(await b.locator('[data-upload-result]').count()).toBe(0);
      await shoot(b, 'upload-queue-waiting-390');
    } finally {
      rmSync(`${dbPath}.lock`, { force: true });
      other.kill();
    }
    // A goes first, then B (its turn is announced, then its result)
    await a.locator('[data-upload-result]').waitFor({ timeout: 120_000 });
    await b.locator('[data-upload-result]').waitFor({ timeout: 120_000 });
    const batchA = Number(await a.locator('[data-upload-result]').getAttribute('data-batch'));
    const batchB = Number(await b.locator('[data-upload-result]').getAttribute('data-batch'));
    expect(batchB).toBe(batchA + 1);
    for (const [p, file] of [[a, 'queue-a.csv'], [b, 'queue-b.csv']] as const) {
      const cells = (await p.locator(`tr[data-file="${file}"] td`).allTextContents()).map((t) => t.trim());
      expect(cells.slice(2, 4)).toEqual(['1', '1']); // read 1, loaded 1
      // only the last line of the queue box shows: done
      expect(await p.locator('[data-queue] p:visible').count()).toBe(1);
      await expect(p.locator('[data-queue-done]').isVisible()).resolves.toBe(true);
    }
    expect(await b.locator('[data-queue-ahead="0"]').count()).toBe(1); // its turn was announced
    await shoot(b, 'upload-queue-done-390');
  }, 240_000);
});
