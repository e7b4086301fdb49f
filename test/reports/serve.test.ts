// The download route's core: cached per (snapshot, org, year, format, narrative revision), one
// rendering for concurrent requests, a fresh one when the warehouse snapshot or the text changes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Db } from '../../src/lib/db/duckdb.ts';
import { NotFoundError } from '../../src/lib/indicators/types.ts';
import { clearSummaryCache, contentDisposition, summaryFile } from '../../reports/serve.ts';
import { buildWarehouse } from '../indicators/fixture.ts';
import { TREE } from '../indicators/tree-fixture.ts';

let db: Db;
beforeAll(async () => {
  db = await buildWarehouse(TREE);
  await db.run(`insert into ingest_batch values (7, now(), now(), 'test', null, 'cli', 1, 1, 1, 0, 0, 0, 0)`);
});
afterAll(() => db?.close());

describe('summaryFile', () => {
  it('renders once per (snapshot, org, year, format, revision) and names the file after the org', async () => {
    clearSummaryCache();
    let clock = 0;
    const now = () => new Date(Date.UTC(2025, 0, 20, 2, 0, clock++));
    const none = { revision: 0, text: {} };
    const [a, b] = await Promise.all([summaryFile(db, 1, 'R', 2024, 'pdf', none, now), summaryFile(db, 1, 'R', 2024, 'pdf', none, now)]);
    expect(a).toBe(b);
    expect(clock).toBe(1);
    expect(a.fileName).toBe('示例区总工会2024年工作总结.pdf');
    expect(a.batch).toBe(7);
    expect(Buffer.from(a.bytes.subarray(0, 5)).toString()).toBe('%PDF-');
    expect(a.etag).toMatch(/^"[\w-]{27}"$/);
    expect(await summaryFile(db, 1, 'R', 2024, 'pdf', none, now)).toBe(a);
    const word = await summaryFile(db, 1, 'R', 2024, 'docx', none, now);
    expect(word.fileName).toBe('示例区总工会2024年工作总结.docx');
    expect(Buffer.from(word.bytes.subarray(0, 2)).toString()).toBe('PK');
    // A new warehouse file (snapshot) means new data: built again; so does an edit (new revision).
    const next = await summaryFile(db, 2, 'R', 2024, 'pdf', none, now);
    expect(next).not.toBe(a);
    const edited = await summaryFile(db, 2, 'R', 2024, 'pdf', { revision: 5, text: { date: '2025年1月2日' } }, now);
    expect(edited).not.toBe(next);
    expect(clock).toBe(4);
  });

  it('does not remember failures', async () => {
    clearSummaryCache();
    await expect(summaryFile(db, 1, 'NOPE', 2024, 'pdf')).rejects.toBeInstanceOf(NotFoundError);
    await expect(summaryFile(db, 1, 'R', 1999, 'pdf')).rejects.toBeInstanceOf(NotFoundError);
  });
});

describe('contentDisposition', () => {
  it('gives an ASCII fallback and the UTF-8 name per RFC 5987', () => {
    expect(contentDisposition('示例区总工会2024年工作总结.pdf', 'work-summary-R-2024.pdf')).toBe(
      `attachment; filename="work-summary-R-2024.pdf"; filename*=UTF-8''${encodeURIComponent('示例区总工会2024年工作总结.pdf')}`,
    );
    expect(contentDisposition("a'b (c).pdf", 'x"y\\.pdf')).toBe(`attachment; filename="x_y_.pdf"; filename*=UTF-8''a%27b%20%28c%29.pdf`);
  });
});
