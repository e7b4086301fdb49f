// Chromium (Debian's) through playwright-core, with what every test wants: console errors collected,
// charts awaited through their readiness marker, axe-core, screenshots, gzipped JS per page.
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium, type Browser, type Page } from 'playwright-core';
import { SESSION_COOKIE } from '../../src/lib/auth/sessions.ts';

const ROOT = join(import.meta.dirname, '../..');
export const ARTIFACTS = join(ROOT, 'test/artifacts');

export async function launch(): Promise<Browser> {
  mkdirSync(ARTIFACTS, { recursive: true });
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
    // The machine has no CJK system font; give fontconfig one so screenshots are readable.
    env: { ...process.env, FONTCONFIG_FILE: join(ROOT, 'test/browser/fonts.conf') },
  });
}

export interface Watched {
  page: Page;
  errors: string[];
  /** Gzipped bytes of every script the page loaded, by URL. */
  scripts: Map<string, number>;
}

/** The session cookie header for fetch() calls. */
export function sessionHeaders(session: string): Record<string, string> {
  return { cookie: `${SESSION_COOKIE}=${session}` };
}

export async function open(
  browser: Browser,
  opts: { width?: number; height?: number; acceptDownloads?: boolean; session?: string; baseURL?: string } = {},
): Promise<Watched> {
  const context = await browser.newContext({
    viewport: { width: opts.width ?? 1366, height: opts.height ?? 768 },
    acceptDownloads: opts.acceptDownloads ?? true,
    locale: 'zh-CN',
  });
  if (opts.session && opts.baseURL) {
    await context.addCookies([{ name: SESSION_COOKIE, value: opts.session, url: opts.baseURL }]);
  }
  const page = await context.newPage();
  const errors: string[] = [];
  const scripts = new Map<string, number>();
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`${page.url()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => errors.push(`${page.url()}: ${e.message}`));
  page.on('response', async (res) => {
    if (res.request().resourceType() !== 'script') return;
    try {
      scripts.set(res.url(), gzipSync(await res.body()).length);
    } catch {
      /* navigated away */
    }
  });
  return { page, errors, scripts };
}

/** Waits until `n` charts (or all on the page, when n is omitted) have drawn. */
export async function chartsReady(page: Page, n?: number): Promise<number> {
  const total = n ?? (await page.locator('[data-chart-id]').count());
  await page.waitForFunction(
    (want) => document.querySelectorAll('[data-chart-ready="true"]').length >= want,
    total,
    { timeout: 20_000 },
  );
  return total;
}

export async function seriousA11yViolations(page: Page): Promise<string[]> {
  // Evaluated through DevTools, not as an inline <script>: the pages' CSP (rightly) refuses those.
  await page.evaluate(readFileSync(join(ROOT, 'node_modules/axe-core/axe.min.js'), 'utf8'));
  const result = await page.evaluate(async () => {
    // @ts-expect-error injected above
    const r = await window.axe.run(document, { resultTypes: ['violations'] });
    return (r.violations as { id: string; impact: string; help: string; nodes: { target: string[] }[] }[]).map((v) => ({
      id: v.id, impact: v.impact, help: v.help, targets: v.nodes.slice(0, 3).map((n) => n.target.join(' ')),
    }));
  });
  return result
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.impact} ${v.id}: ${v.help} (${v.targets.join(', ')})`);
}

export async function shoot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });
}
