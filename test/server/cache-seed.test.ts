// An upload's landing figures are read by its writer on the committed file, just before the swap
// (src/lib/db/warehouse.ts atCommit), and stored as the answer of the new snapshot (cache.ts
// landingAt): the dashboard's first read after the upload opens nothing. They must be exactly what
// a reader of the new file reads, and nothing is read where the writer's connection would read
// differently (a temp object shadowing a stored table; a year computed per connection).
import { expect, it } from 'vitest';
import { join } from 'node:path';
import { Db } from '../../src/lib/db/duckdb.ts';
import { ingestPaths } from '../../src/lib/ingest/pipeline.ts';
import { getIndicators } from '../../src/lib/indicators/read.ts';
import { BASE, copyWarehouse, tempDir, writeFiles } from '../helpers/warehouse.ts';

const activity = (no: string, on: string) => ({
  'activities.csv': `activity_no,org_code,kind,title,start_date,participants\n${no},G1,safety,安全月,${on},10\n`,
});

it('stores the figures read at the commit as the new snapshot\'s answer, equal to a fresh read of the new file', async () => {
  const base = join(tempDir(), 'base.duckdb');
  await ingestPaths(base, [writeFiles(BASE)]);
  // BASE stores 2024 alone (2023 is reportable, computed when asked): an activity in 2023 makes the
  // mart store 2023 and 2024, so 2024's figures (which show 2023 beside them) are all stored
  await ingestPaths(base, [writeFiles(activity('K0', '2023-06-01'))]);
  const db = copyWarehouse(base);
  process.env.UNION_DB = db; // read by the server's config when cache.ts is first imported
  const { q, carryOver, landingAt, cacheStats } = await import('../../src/lib/server/cache.ts');
  await q.listOrgs();
  const before = await q.indicators('R', 2024);

  let seed: ((to: number) => void) | null = null;
  const r = await ingestPaths(db, [writeFiles(activity('K9', '2024-06-01'))], {
    atCommit: async (w) => void (seed = await landingAt(w, { org: 'R', year: 2024 })),
    onCommitted: (_, s) => {
      carryOver(s.from, s.to);
      seed?.(s.to);
    },
  });
  expect(r.mart?.mode).toBe('incremental');
  expect(seed).not.toBeNull();
  // served from the seed: no query runs (no miss)
  const misses = cacheStats().misses;
  const after = await q.indicators('R', 2024);
  expect(cacheStats().misses).toBe(misses);
  // exactly a fresh reader's answer on the new file, and the new activity is in it (one more at R in 2024)
  const reader = await Db.open(db, { readOnly: true });
  try {
    expect(after).toEqual(await getIndicators(reader, 'R', 2024));
  } finally {
    reader.close();
  }
  expect(after.indicators['activity.count']!.value).toBe(before.indicators['activity.count']!.value! + 1);
  expect(after.batch).toBe(r.batch);
}, 120_000);

it('reads nothing where the writer\'s connection would read unlike a reader of the file', async () => {
  const base = join(tempDir(), 'base.duckdb');
  await ingestPaths(base, [writeFiles(BASE)]);
  const { landingAt } = await import('../../src/lib/server/cache.ts');
  const db = await Db.open(copyWarehouse(base));
  try {
    // 2024 is stored, 2023 (shown beside it) is not: a reader computes it on its own connection
    expect(await landingAt(db, { org: 'R', year: 2024 })).toBeNull();
    await db.run('insert into indicator_years select year - 1, starts_on - interval 1 year, as_of - interval 1 year from indicator_years');
    expect(await landingAt(db, { org: 'R', year: 2024 })).not.toBeNull();
    // a temp table named like a stored one comes first for the writer's queries
    await db.run('create temp table orgs as select * from main.orgs limit 0');
    expect(await landingAt(db, { org: 'R', year: 2024 })).toBeNull();
  } finally {
    db.close();
  }
}, 60_000);
