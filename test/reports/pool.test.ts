// The worker pool: results in job order, skipped and failed jobs reported without stopping the rest.
import { afterAll, describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { renderInPool, type RenderResult } from '../../reports/batch/pool.ts';
import * as fx from './fixtures.ts';

const dir = mkdtempSync(join(tmpdir(), 'reports-pool-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('renderInPool', { timeout: 180_000 }, () => {
  it('renders on worker threads, skips what the loader skips, and survives a failing job', async () => {
    // A broken input (an org without a name) fails its job only.
    const inputs = [fx.federation(), null, { ...fx.noData(), org: null as never }, fx.reliefOnly()];
    const seen: number[] = [];
    const results = await renderInPool(
      inputs.length,
      async (i) => (inputs[i] ? { input: inputs[i]!, narrative: {}, outputs: [{ format: 'pdf' as const, out: join(dir, `r${i}.pdf`) }, { format: 'docx' as const, out: join(dir, `r${i}.docx`) }] } : null),
      { threads: 2, onDone: (done) => seen.push(done) },
    );
    expect(seen).toEqual([1, 2, 3, 4]);
    expect(results.map((r) => r.ok)).toEqual([true, null, false, true]);
    const [a, , bad, d] = results as [Extract<RenderResult, { ok: true }>, RenderResult, Extract<RenderResult, { ok: false }>, Extract<RenderResult, { ok: true }>];
    expect(bad.error).toMatch(/null|undefined/);
    for (const r of [a, d]) {
      expect(r.files.map((f) => f.format)).toEqual(['pdf', 'docx']);
      for (const f of r.files) {
        expect(existsSync(f.out)).toBe(true);
        expect(createHash('sha256').update(readFileSync(f.out)).digest('hex')).toBe(f.sha256);
      }
      expect(r.files[0]!.pages).toBeGreaterThanOrEqual(1);
    }
    expect(existsSync(join(dir, 'r1.pdf'))).toBe(false);
  });
});
