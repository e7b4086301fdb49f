// The narrative store: every save a new row (history with author and time), the latest per part is
// current, unchanged parts are not saved again, and the table refuses UPDATE and DELETE.
import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore } from '../../src/lib/auth/store.ts';
import { currentNarrative, narrativeHistory, saveNarrative } from '../../src/lib/narrative/store.ts';

const dir = mkdtempSync(join(tmpdir(), 'narrative-store-'));
const store = openStore(join(dir, 'w.duckdb'));
afterAll(() => {
  store.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('narrative store', () => {
  it('keeps every version with author and time; the latest is current', () => {
    const t1 = new Date('2026-01-10T01:00:00Z');
    const t2 = new Date('2026-01-11T01:00:00Z');
    expect(saveNarrative(store, 'S1', 2025, 'alice', { opening: '第一稿', 'example:relief': '事例' }, t1)).toBe(2);
    // opening changes, the example is submitted unchanged: one new row
    expect(saveNarrative(store, 'S1', 2025, 'bob', { opening: '第二稿', 'example:relief': '事例' }, t2)).toBe(1);
    expect(currentNarrative(store, 'S1', 2025).fields).toEqual({ opening: '第二稿', 'example:relief': '事例' });
    const h = narrativeHistory(store, 'S1', 2025);
    expect(h.map((e) => [e.field, e.body, e.author, e.at])).toEqual([
      ['opening', '第二稿', 'bob', '2026-01-11T01:00:00.000Z'],
      ['example:relief', '事例', 'alice', '2026-01-10T01:00:00.000Z'],
      ['opening', '第一稿', 'alice', '2026-01-10T01:00:00.000Z'],
    ]);
    // other orgs and years are separate
    expect(currentNarrative(store, 'S1', 2024)).toEqual({ revision: 0, fields: {} });
  });

  it('refuses unknown parts, and the history cannot be changed or deleted', () => {
    expect(() => saveNarrative(store, 'S1', 2025, 'x', { 'drop table': 'y' })).toThrow(/unknown part/);
    expect(() => store.run("update narrative_edits set body = 'x'")).toThrow(/keeps every version/);
    expect(() => store.run('delete from narrative_edits')).toThrow(/keeps every version/);
    expect(narrativeHistory(store, 'S1', 2025)).toHaveLength(3);
  });
});
