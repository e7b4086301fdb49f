// Runaway auditor queries against the real served site (issue #11): while one auditor's levenshtein
// over 300k-character strings and another's repeat('x', 1e9) run, a third user's pages and API calls
// are still answered within 1 s; the runaways are stopped (timeout, or the memory limit) and logged;
// a query that passes the 1 GB memory limit is killed as soon as it does and the auditor told so.
//
// Timing bound: "another user's request answers within 1 s while a runaway runs" is the requirement
// itself, so this test measures it. It is made robust against a busy test machine: each of three
// requests is timed 5 times, spread over several seconds of the runaways' life, and the median is
// compared with 1 s (one slow sample, a GC pause or a neighbour's burst, does not fail it; a server
// whose event loop or CPU the runaways hold answers in many seconds, every time). The pages are
// warmed first: the bound is about waiting for the runaway, not about a first render.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { listAudit } from '../../src/lib/auditor/audit-log.ts';
import { signIn, type TestSession } from '../auth/sign-in.ts';

const base = inject('baseURL');
const dbPath = inject('dbPath');
const s: Record<string, TestSession> = {};

beforeAll(async () => {
  for (const [key, role] of [['lev', 'auditor'], ['rep', 'auditor'], ['mem', 'auditor'], ['reader', 'staff']] as const) {
    s[key] = await signIn(dbPath, role, null, `runaway-${key}`);
  }
});

const query = (who: TestSession, sql: string) =>
  fetch(`${base}/api/audit/query`, {
    method: 'POST',
    headers: { origin: base, cookie: who.header, 'content-type': 'application/json' },
    body: JSON.stringify({ sql }),
  }).then(async (res) => ({ status: res.status, body: (await res.json()) as { error?: { kind: string; message: string } } }));

async function timed(path: string): Promise<{ status: number; ms: number }> {
  const t = performance.now();
  const res = await fetch(base + path, { redirect: 'manual', headers: { cookie: s.reader!.header } });
  await res.arrayBuffer();
  return { status: res.status, ms: performance.now() - t };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('the server stays responsive while runaway queries run', () => {
  const PATHS = ['/org/F0/2024', '/api/indicators?org=F0&year=2024', '/quality'];
  let lev: ReturnType<typeof query>;
  let rep: ReturnType<typeof query>;

  beforeAll(async () => {
    for (const p of PATHS) expect((await timed(p)).status).toBe(200); // warm: first renders are not the point
  });
  afterAll(async () => {
    await Promise.allSettled([lev, rep]); // never leave a runaway to the next file
  });

  it('answers another user’s page and API requests within 1 s (median of 5 each)', async () => {
    // two auditors, so both run at once (one person's queries run one at a time)
    // 300k characters: 9e10 cells, minutes of work anywhere (100k finished inside the 30 s timeout on
    // a quiet machine, and then it is no runaway)
    lev = query(s.lev!, "select levenshtein(repeat('a', 300000), repeat('b', 300000) || 'c') as d");
    rep = query(s.rep!, "select length(repeat('x', 1000000000) || 'y') as n");
    await sleep(2000); // their processes have started and are computing
    const ms: Record<string, number[]> = Object.fromEntries(PATHS.map((p) => [p, []]));
    for (let round = 0; round < 5; round++) {
      for (const p of PATHS) {
        const r = await timed(p);
        expect(r.status, p).toBe(200);
        ms[p]!.push(r.ms);
      }
      await sleep(800);
    }
    const medians = Object.fromEntries(PATHS.map((p) => [p, Math.round(median(ms[p]!))]));
    console.log('runaway-http: median ms while two runaways ran', medians);
    for (const p of PATHS) expect(medians[p], `${p}: ${ms[p]!.map(Math.round).join(', ')} ms`).toBeLessThan(1000);

    // the CPU runaway was still running the whole time: it had not answered yet (it ends at the 30 s
    // timeout). repeat() may already have been stopped: on a fast machine (CI's) it passes 1 GB within
    // the measuring seconds and the memory watcher kills it, which is the other thing this file proves.
    const settled = await Promise.race([lev.then(() => true), sleep(0).then(() => false)]);
    expect(settled).toBe(false);

    // and they are stopped, not left running: levenshtein at the 30 s timeout; repeat at the timeout
    // or, on a machine fast enough to reach 1 GB first, at the memory limit
    const [l, r] = await Promise.all([lev, rep]);
    expect([l.status, l.body.error?.kind]).toEqual([408, 'timeout']);
    expect([[408, 'timeout'], [422, 'memory']]).toContainEqual([r.status, r.body.error?.kind]);
    expect((await listAudit(dbPath, { user: 'runaway-lev', limit: 1 }))[0]!.outcome).toBe('timeout');
    expect(['timeout', 'killed']).toContain((await listAudit(dbPath, { user: 'runaway-rep', limit: 1 }))[0]!.outcome);
  }, 120_000);

  it('kills a query as soon as it passes the 1 GB memory limit, tells the auditor and logs it killed', async () => {
    // 1e9 characters built as 10,000 copies of 100,000 (fast, unlike repeat('x', 1e9) one byte at a
    // time): it passes 1 GB within seconds on a quiet machine. 'memory' (not 'timeout') shows the
    // watcher stopped it before the 30 s timeout would have.
    const r = await query(s.mem!, "select length(repeat(repeat('x', 100000), 10000) || 'y') as n");
    expect([r.status, r.body.error?.kind]).toEqual([422, 'memory']);
    expect(r.body.error!.message).toMatch(/^查询超出内存上限（1 GB），已强制中止/);
    const row = (await listAudit(dbPath, { user: 'runaway-mem', limit: 1 }))[0]!;
    expect([row.outcome, row.masked]).toEqual(['killed', true]);
    expect(row.message).toMatch(/memory limit \(1 GB\) and was stopped/);
  }, 60_000);
});
