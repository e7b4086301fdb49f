// Runaway auditor queries run in their own process (src/lib/auditor/query-worker.ts): scalar work
// that ignores DuckDB's interrupt is killed at the wall-clock limit, memory beyond the limit is
// killed, huge results are capped by size and say so, and this process's event loop stays free
// meanwhile (the server answers other users). Bounds here are behaviour bounds, not benchmarks.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../../src/lib/auth/store.ts';
import { listAudit } from '../../src/lib/auditor/audit-log.ts';
import { runAudited } from '../../src/lib/auditor/run.ts';
import { SandboxError } from '../../src/lib/auditor/sandbox.ts';
import { KILL_GRACE_MS, sandboxQuery } from '../../src/lib/auditor/sandbox-process.ts';
import { makeWarehouse, type Fixture } from './fixture.ts';

let fx: Fixture;
beforeAll(async () => {
  fx = await makeWarehouse();
});
afterAll(() => {
  openStore(fx.db).close();
  fx.cleanup();
});

/** The longest the event loop was blocked while `work` ran (a 20 ms ticker measures its lateness). */
async function longestStall<T>(work: Promise<T>): Promise<{ stallMs: number; outcome: T | unknown }> {
  let last = performance.now();
  let worst = 0;
  const ticker = setInterval(() => {
    const now = performance.now();
    worst = Math.max(worst, now - last - 20);
    last = now;
  }, 20);
  const outcome = await work.catch((e: unknown) => e);
  clearInterval(ticker);
  return { stallMs: worst, outcome };
}

describe('runaway queries', () => {
  it('kills levenshtein over 100k-character strings at the timeout; the event loop stays free', async () => {
    const t0 = performance.now();
    const sql = "select levenshtein(repeat('a', 100000), repeat('b', 100000) || 'c') as d";
    const { stallMs, outcome } = await longestStall(sandboxQuery(fx.db, sql, { timeoutMs: 1000 }));
    expect(outcome).toBeInstanceOf(SandboxError);
    expect((outcome as SandboxError).kind).toBe('timeout');
    // killed after the timeout and the grace period, not the 100 s the query would take
    expect(performance.now() - t0).toBeLessThan(1000 + KILL_GRACE_MS + 5000);
    expect(stallMs).toBeLessThan(1000);
  });

  it('kills repeat(x, 1e9) as soon as its memory passes the limit, says so and logs it killed', async () => {
    const user = { name: 'mem', role: 'auditor' as const, orgScope: null };
    // A limit of 400 MB: Node and DuckDB start at about 150 MB. The string is built outside DuckDB's
    // buffer manager, so its memory_limit never stops it: the watcher must kill it at 400 MB, long
    // before the 60 s timeout. (1e9 characters as 10,000 copies of 100,000: repeat('x', 1e9) grows
    // one byte at a time, some tens of MB a second here; the HTTP test runs that one.)
    const t0 = performance.now();
    const { stallMs, outcome } = await longestStall(
      runAudited(fx.db, { user, sql: "select length(repeat(repeat('x', 100000), 10000) || 'y') as n", source: 'console', memoryLimit: '400MB', timeoutMs: 60_000 }),
    );
    expect(outcome).toBeInstanceOf(SandboxError);
    expect([(outcome as SandboxError).kind, (outcome as SandboxError).killed]).toEqual(['memory', true]);
    expect((outcome as Error).message).toMatch(/^查询超出内存上限（400 MB），已强制中止/);
    expect(performance.now() - t0).toBeLessThan(40_000);
    expect(stallMs).toBeLessThan(1000);
    const last = (await listAudit(fx.db, { user: 'mem', limit: 1 }))[0]!;
    expect([last.outcome, last.rows]).toEqual(['killed', null]);
    expect(last.message).toMatch(/memory limit \(400 MB\) and was stopped/);
  }, 60_000);

  it('does not kill a small query under the same limit (the limit is above the process’s own start)', async () => {
    const r = await sandboxQuery(fx.db, 'select count(*) as n from range(1000000)', { memoryLimit: '400MB' });
    expect(r.rows).toEqual([[1000000]]);
  });

  it('runs one person’s queries one at a time: two runaways of one auditor leave a slot for another', async () => {
    const a = { name: 'runaway-a', role: 'auditor' as const, orgScope: null };
    const b = { name: 'patient-b', role: 'auditor' as const, orgScope: null };
    const order: string[] = [];
    const slow = "select levenshtein(repeat('a', 100000), repeat('b', 100000)) as d";
    const runaways = [1, 2].map((i) =>
      runAudited(fx.db, { user: a, sql: slow, source: 'console', timeoutMs: 5000 }).catch((e: unknown) => (order.push(`a${i}`), e)),
    );
    await new Promise((r) => setTimeout(r, 300)); // both of a's queries are in (one runs, one waits)
    const mine = await runAudited(fx.db, { user: b, sql: 'select 1 as one', source: 'console' });
    order.push('b');
    expect(mine.rows).toEqual([[1]]);
    const outcomes = await Promise.all(runaways);
    // a's second query waits for a's first (5 s + the kill grace), b's does not wait for either: b
    // is answered before a2 ends. (With one shared queue both of a's ran at once and b came last.)
    expect(order.indexOf('b')).toBeLessThan(order.indexOf('a2'));
    expect(order.indexOf('a1')).toBeLessThan(order.indexOf('a2'));
    expect(outcomes.map((e) => (e as SandboxError).kind)).toEqual(['timeout', 'timeout']);
  }, 60_000);

  it('caps a huge result by size, marks it truncated and logs it so', async () => {
    const user = { name: 'aud', role: 'auditor' as const, orgScope: null };
    // 20k rows of 10,000 characters would be 200 MB: cut at 4 MB (the default is 16 MB)
    const r = await runAudited(fx.db, { user, sql: "select repeat('x', 10000) as s from range(20000)", source: 'console', maxBytes: 4 * 1024 * 1024, timeoutMs: 120_000 });
    expect(r.truncated).toBe(true);
    expect(r.truncatedBy).toBe('bytes');
    // 4 MB of 10,008-character rows (value + 8): 419 rows fit, the 420th passes the cap
    expect(r.rows.length).toBe(419);
    const last = (await listAudit(fx.db, { user: 'aud', limit: 1 }))[0]!;
    expect([last.outcome, last.rows]).toEqual(['truncated', r.rows.length]);
    expect(last.message).toMatch(/over 4 MB: the first 419 rows/);
  }, 180_000);

  it('says truncated when rows stop at the cap between chunks', async () => {
    // 51,300 rows with a cap of 51,200: the cap falls inside DuckDB's 25th chunk of 2,048 rows
    const r = await sandboxQuery(fx.db, 'select range as n from range(51300)', { maxRows: 51200 });
    expect([r.rows.length, r.truncated, r.truncatedBy]).toEqual([51200, true, 'rows']);
    const all = await sandboxQuery(fx.db, 'select range as n from range(51200)', { maxRows: 51200 });
    expect([all.rows.length, all.truncated]).toEqual([51200, false]);
  });
});
