// The download route's core: cached per (snapshot, org, year, language), one rendering for concurrent
// requests, a fresh one when the warehouse snapshot changes; RFC 5987 file names.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Db } from '../../src/lib/db/duckdb.ts';
import { NotFoundError } from '../../src/lib/indicators/types.ts';
import { clearSummaryCache, contentDisposition, summaryPdf } from '../../reports/serve.ts';
import { buildWarehouse } from '../indicators/fixture.ts';
import { TREE } from '../indicators/tree-fixture.ts';

let db: Db;
beforeAll(async () => {
  db = await buildWarehouse(TREE);
  await db.run(`insert into ingest_batch values (7, now(), now(), 'test', null, 'cli', 1, 1, 1, 0, 0, 0)`);
});
afterAll(() => db?.close());

describe('summaryPdf', () => {
  it('renders once per (snapshot, org, year, language) and names the file after the org', async () => {
    clearSummaryCache();
    let clock = 0;
    const now = () => new Date(Date.UTC(2025, 0, 20, 2, 0, clock++));
    const [a, b] = await Promise.all([summaryPdf(db, 1, 'R', 2024, 'zh', now), summaryPdf(db, 1, 'R', 2024, 'zh', now)]);
    expect(a).toBe(b);
    expect(clock).toBe(1);
    expect(a.fileName).toBe('示例区总工会2024年度工会工作总结.pdf');
    expect(a.batch).toBe(7);
    expect(Buffer.from(a.bytes.subarray(0, 5)).toString()).toBe('%PDF-');
    expect(a.etag).toMatch(/^"[\w-]{27}"$/);
    expect(await summaryPdf(db, 1, 'R', 2024, 'zh', now)).toBe(a);
    const en = await summaryPdf(db, 1, 'R', 2024, 'en', now);
    expect(en.fileName).toBe('示例区总工会 work summary 2024.pdf');
    // A new warehouse file (snapshot) means new data: built again.
    const next = await summaryPdf(db, 2, 'R', 2024, 'zh', now);
    expect(next).not.toBe(a);
    expect(clock).toBe(3);
  });

  it('does not remember failures', async () => {
    clearSummaryCache();
    await expect(summaryPdf(db, 1, 'NOPE', 2024, 'zh')).rejects.toBeInstanceOf(NotFoundError);
    await expect(summaryPdf(db, 1, 'R', 1999, 'zh')).rejects.toBeInstanceOf(NotFoundError);
  });
});

describe('contentDisposition', () => {
  it('gives an ASCII fallback and the UTF-8 name per RFC 5987', () => {
    expect(contentDisposition('示例区总工会2024年度工会工作总结.pdf', 'work-summary-R-2024.pdf')).toBe(
      `attachment; filename="work-summary-R-2024.pdf"; filename*=UTF-8''${encodeURIComponent('示例区总工会2024年度工会工作总结.pdf')}`,
    );
    expect(contentDisposition("a'b (c).pdf", 'x"y\\.pdf')).toBe(`attachment; filename="x_y_.pdf"; filename*=UTF-8''a%27b%20%28c%29.pdf`);
  });
});
