// The server's org listing (every page's frame) is kept across snapshots while the org tree is
// unchanged (src/lib/server/cache.ts): an aid or activities upload does not recompute it (1.3-1.7 s
// of CPU at scale 250, on every upload's answer page); an orgs upload does.
import { expect, it } from 'vitest';
import { join } from 'node:path';
import { ingestPaths } from '../../src/lib/ingest/pipeline.ts';
import { BASE, copyWarehouse, tempDir, writeFiles } from '../helpers/warehouse.ts';

it('is kept while the org tree is unchanged and recomputed after an orgs upload', async () => {
  const base = join(tempDir(), 'base.duckdb');
  await ingestPaths(base, [writeFiles(BASE)]);
  const db = copyWarehouse(base);
  process.env.UNION_DB = db; // read by the server's config when cache.ts is first imported
  const { q } = await import('../../src/lib/server/cache.ts');
  const { snapshot } = await import('../../src/lib/server/warehouse.ts');
  const first = await q.listOrgs();
  expect(first.map((o) => o.code)).toEqual(['R', 'S1', 'C1', 'G1']); // BASE's tree, root first
  const snap = snapshot();
  await ingestPaths(db, [writeFiles({ 'activities.csv': 'activity_no,org_code,kind,title,start_date,participants\nK9,G1,safety,安全月,2024-06-01,10\n' })]);
  const second = await q.listOrgs();
  expect(snapshot()).not.toBe(snap); // a new file: every other answer was dropped
  expect(second).toBe(first); // the same listing, not recomputed
  await ingestPaths(db, [writeFiles({ 'orgs.csv': 'org_code,org_name,parent_code,org_type,founded_on\nG2,云岭第二公司工会,C1,grassroots_union,2011-01-01\n' })]);
  const third = await q.listOrgs();
  expect(third.map((o) => o.code)).toEqual(['R', 'S1', 'C1', 'G1', 'G2']);
}, 120_000);
