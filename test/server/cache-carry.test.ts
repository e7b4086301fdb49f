// An upload's answer page is served without opening the new file: the frame's answers (org
// listing, the user's years, scope, picker) carry over to the new snapshot when the write kept the
// org tree and the reporting years (an incremental mart: a change to either rebuilds the whole
// mart), and only from the snapshot just replaced (src/lib/server/cache.ts, carryOver).
import { expect, it } from 'vitest';
import { join } from 'node:path';
import { ingestPaths } from '../../src/lib/ingest/pipeline.ts';
import { BASE, copyWarehouse, tempDir, writeFiles } from '../helpers/warehouse.ts';

const activity = (no: string) => ({
  'activities.csv': `activity_no,org_code,kind,title,start_date,participants\n${no},G1,safety,安全月,2024-06-01,10\n`,
});

it('carries the frame over an incremental upload, drops every other answer, and carries nothing from an older snapshot', async () => {
  const base = join(tempDir(), 'base.duckdb');
  await ingestPaths(base, [writeFiles(BASE)]);
  const db = copyWarehouse(base);
  process.env.UNION_DB = db; // read by the server's config when cache.ts is first imported
  const { q, carryOver } = await import('../../src/lib/server/cache.ts');
  const { snapshot } = await import('../../src/lib/server/warehouse.ts');
  const orgs = await q.listOrgs();
  const years = await q.years('R');
  const before = await q.indicators('R', 2024);
  const snap = snapshot();

  let swap: { from: number; to: number } | undefined;
  const r = await ingestPaths(db, [writeFiles(activity('K9'))], { onCommitted: (_, s) => ((swap = s), carryOver(s.from, s.to)) });
  expect(r.mart?.mode).toBe('incremental');
  expect(swap).toEqual({ from: snap, to: snapshot() }); // the inodes of the live file before and after the swap
  expect(snapshot()).not.toBe(snap);
  // the frame's answers are the same objects (not recomputed, no new handle needed)...
  expect(await q.years('R')).toBe(years);
  expect(await q.listOrgs()).toBe(orgs);
  // ...and the figures are read from the new file: the activity counts at R in 2024
  const after = await q.indicators('R', 2024);
  expect(after).not.toBe(before);
  expect(JSON.stringify(after.indicators)).not.toBe(JSON.stringify(before.indicators));

  // a write not carried over (the store stays of the snapshot before it), then a carry named from
  // an older snapshot than the store's: nothing carries, the years are asked again
  const held = snapshot();
  await ingestPaths(db, [writeFiles(activity('K10'))]);
  carryOver(snap, snapshot());
  expect(snapshot()).not.toBe(held);
  const again = await q.years('R');
  expect(again).not.toBe(years);
  expect(again).toEqual(years); // the same years, computed on the new file
}, 120_000);
