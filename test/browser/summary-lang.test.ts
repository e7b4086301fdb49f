// The 工作总结 is a Chinese official document with no English edition: the English pages say so on
// every link to it, and a request for an English edition is refused with the reason (as the CLI's
// --lang en is), never answered with the Chinese file under an English label.
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { signIn } from '../auth/sign-in.ts';

const base = inject('baseURL');
const dbPath = inject('dbPath');
let cookie = '';

beforeAll(async () => {
  cookie = (await signIn(dbPath, 'leader', null, 'lang-leader')).header;
});

const get = (path: string, lang: 'zh' | 'en') => fetch(base + path, { headers: { cookie: `${cookie}; lang=${lang}` } });
/** The text of every link to a summary document on the page. */
const links = (html: string) =>
  [...html.matchAll(/<a [^>]*href="[^"]*\/report\.(?:pdf|docx)[^"]*"[^>]*>([^<]*)<\/a>/g)].map((m) => m[1]!.trim());

describe('work summary links in English', () => {
  it('say the document is in Chinese, on the org page and the summaries page', async () => {
    for (const path of ['/org/S1/2024', '/summaries?org=S1&year=2024']) {
      const en = links(await (await get(path, 'en')).text());
      expect(en.length, path).toBeGreaterThanOrEqual(2); // PDF and Word
      for (const label of en) expect(label, path).toMatch(/^Work summary \(in Chinese, (PDF|Word)\)$/);
    }
    // the Chinese page keeps its own words
    for (const label of links(await (await get('/org/S1/2024', 'zh')).text())) expect(label).not.toMatch(/Chinese/);
  });

  it('offers no English edition and refuses one when asked, with the reason', async () => {
    const html = await (await get('/summaries?org=S1&year=2024', 'en')).text();
    expect(html).not.toMatch(/lang=en|PDF \(English\)/);
    const res = await get('/org/S1/2024/report.pdf?lang=en', 'en');
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('the work summary is a Chinese official document, in Chinese only');
    expect((await get('/org/S1/2024/report.pdf', 'en')).status).toBe(200);
  });
});
