import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const DUCKDB_TS = fileURLToPath(new URL('../../src/lib/db/duckdb.ts', import.meta.url));

/** The options DuckDB's allocator ran with in a fresh process that opened a database through the one door. */
function allocatorOptions(env: Record<string, string>): string {
  const { DUCKDB_JE_MALLOC_CONF: _, ...rest } = process.env;
  const script = `import { Db } from ${JSON.stringify(DUCKDB_TS)}; const db = await Db.open(':memory:'); await db.run('select 1'); db.close();`;
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], { env: { ...rest, ...env }, encoding: 'utf8' });
  expect(r.status, r.stderr.slice(0, 2000)).toBe(0);
  return r.stderr;
}

describe('DuckDB allocator options', () => {
  // the options only take when set before libduckdb loads: duckdb.ts must import allocator.ts first
  // (jemalloc's default returns freed memory after 1 s, and a rebuild's next family maps it again)
  it('keeps freed memory ten seconds in any process that opens DuckDB', () => {
    const out = allocatorOptions({ UA_ALLOCATOR_STATS: '1' });
    expect(out).toMatch(/opt\.dirty_decay_ms: 10000\b/);
    expect(out).toMatch(/opt\.muzzy_decay_ms: 10000\b/);
  });

  // an operator tuning the allocator themselves is not overridden
  it("leaves an operator's own DUCKDB_JE_MALLOC_CONF alone", () => {
    const out = allocatorOptions({ DUCKDB_JE_MALLOC_CONF: 'dirty_decay_ms:2500,stats_print:true' });
    expect(out).toMatch(/opt\.dirty_decay_ms: 2500\b/);
  });
});
