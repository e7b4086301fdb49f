// What each role sees on the same org page: the work-summary link (every reading role), the links
// from a KPI to the rows behind it (auditors only), and an org switcher limited to the account's subtree.
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { signIn } from '../auth/sign-in.ts';

const base = inject('baseURL');
const dbPath = inject('dbPath');
const cookies: Record<string, string> = {};

beforeAll(async () => {
  for (const [key, role, org] of [
    ['leader', 'leader', null], ['staff', 'staff', null], ['auditor', 'auditor', null], ['admin', 'admin', null], ['staff@S1', 'staff', 'S1'],
  ] as const) {
    cookies[key] = (await signIn(dbPath, role, org, `p-${key.replace('@', '-')}`)).header;
  }
});

const page = async (path: string, who: string) => (await fetch(base + path, { headers: { cookie: cookies[who]! } })).text();

describe('an org overview', () => {
  it.each([
    ['leader', true, false],
    ['staff', true, false],
    ['auditor', true, true],
    ['admin', true, false],
  ])('as %s: PDF link %s, lineage links %s', async (who, pdf, lineage) => {
    const html = await page('/org/S1/2024', who);
    expect(/<a [^>]*data-pdf-link/.test(html)).toBe(pdf);
    expect(/<a [^>]*data-lineage/.test(html)).toBe(lineage);
    if (lineage) expect(html).toMatch(/href="\/audit\/lineage\?key=coverage\.unionisation_rate&amp;org=S1&amp;year=2024"/);
  });

  it('offers a subtree-limited account only its own subtree in the switcher and the trail', async () => {
    const limited = await page('/org/S1/2024', 'staff@S1');
    const everyone = await page('/org/S1/2024', 'staff');
    const options = (html: string) => [...html.matchAll(/<option[^>]*value="([^"]+)"/g)].map((m) => m[1]);
    expect(options(everyone)).toContain('S2');
    expect(options(limited)).not.toContain('S2');
    expect(options(limited)).not.toContain('F0');
    expect(options(limited)).toContain('S1');
    expect(limited).not.toMatch(/href="\/org\/F0\//); // no breadcrumb into the federation above
  });
});
