// A mart stored before the rate parts were read from their rates (every part stored as a count,
// indicator_keys without part_of) is brought to today's layout in place: by the first upload (no
// full rebuild: that runs under the ingest's 1 GB limit, which a large federation's does not fit)
// or by the server's start (upgradeMart). Either way the figures equal a full rebuild's.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyFileSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { Db } from '../../src/lib/db/duckdb.ts';
import { rebuildMart } from '../../src/lib/indicators/mart.ts';
import { upgradeMart } from '../../src/lib/indicators/mart-update.ts';
import { ingestPaths } from '../../src/lib/ingest/pipeline.ts';
import { FAMILIES, cleanColumns } from '../../src/lib/ingest/families.ts';
import { generateSample } from '../../src/lib/sample/index.ts';
import { tempDir } from '../helpers/warehouse.ts';

const dir = tempDir('ua-mart-upgrade-');
const db = join(dir, 'warehouse.duckdb');

/** Turns today's mart into the layout before RATE_PARTS: the parts stored, the keys without part_of, the plain view. */
async function makeOld(path: string): Promise<number> {
  const w = await Db.open(path);
  try {
    await w.run(`insert into indicator_cells (org_no, year, key_no, value, numerator, denominator)
      select o.org_no, v.year, k.key_no, v.value, v.numerator, v.denominator
      from indicator_values as v
      join indicator_keys as k on k.code = v.code
      join indicator_orgs as o on o.org_code = v.org_code
      where k.part_of is not null`);
    const parts = Number(await w.value('select count(*) from indicator_cells join indicator_keys using (key_no) where part_of is not null'));
    await w.run('drop view indicator_values');
    await w.run('create table old_keys as select * exclude (part_of, part) from indicator_keys');
    await w.run('drop table indicator_keys');
    await w.run('alter table old_keys rename to indicator_keys');
    await w.run(`create view indicator_values as
      select o.org_code, c.year, k.code, c.value, c.numerator, c.denominator
      from indicator_cells as c join indicator_orgs as o on o.org_no = c.org_no join indicator_keys as k on k.key_no = c.key_no`);
    return parts;
  } finally {
    w.close();
    // the spare holds today's layout: the next write must start from this file (it copies it)
    for (const f of ['.spare', '.spare.level', '.spare.wal']) rmSync(path + f, { force: true });
  }
}

/** indicator_values of `path` against a full rebuild of a copy of it: rows only in one, rows only in the other. */
async function againstRebuild(path: string): Promise<[number, number]> {
  const full = join(dir, 'full.duckdb');
  rmSync(full, { force: true });
  copyFileSync(path, full);
  const w = await Db.open(full);
  try {
    await rebuildMart(w);
    await w.run(`attach '${path}' as up (read_only)`);
    const a = Number(await w.value('select count(*) from (select * from indicator_values except all select * from up.indicator_values)'));
    const b = Number(await w.value('select count(*) from (select * from up.indicator_values except all select * from indicator_values)'));
    return [a, b];
  } finally {
    w.close();
  }
}

const storedParts = async (path: string) => {
  const r = await Db.open(path, { readOnly: true });
  try {
    return Number(await r.value('select count(*) from indicator_cells join indicator_keys using (key_no) where part_of is not null'));
  } finally {
    r.close();
  }
};

describe('a mart from before the rate parts were read from their rates', () => {
  beforeAll(async () => {
    const sample = join(dir, 'sample');
    await generateSample({ out: sample, scale: 0.05, seed: 5 });
    rmSync(join(sample, 'bad-rows.json'));
    await ingestPaths(db, [sample]);
  }, 120_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('is upgraded in place by the next upload, not rebuilt, and shows what a rebuild shows', async () => {
    // the old layout really stores parts (else the test would test nothing)
    expect(await makeOld(db)).toBeGreaterThan(0);
    const out = join(dir, 'upload');
    mkdirSync(out);
    const r0 = await Db.open(db, { readOnly: true });
    try {
      const cols = cleanColumns(FAMILIES.aid).map((c) => c.name).filter((c) => c !== 'person_key' && c !== 'voucher_no');
      await r0.run(`copy (select 'UPG-' || row_number() over () as voucher_no, ${cols.join(', ')}
        from (select * from aid order by voucher_no limit 3)) to '${join(out, `${FAMILIES.aid.fileAliases[0]}.csv`)}' (header)`);
    } finally {
      r0.close();
    }
    const r = await ingestPaths(db, [out]);
    expect(r.files.map((f) => [f.loaded, f.quarantined])).toEqual([[3, 0]]);
    // an update, not a full rebuild under the ingest's memory limit
    expect(r.mart?.mode).toBe('incremental');
    expect(await storedParts(db)).toBe(0);
    expect(await againstRebuild(db)).toEqual([0, 0]);
    // the spare was levelled from the upgraded live file: the next upload still matches a rebuild
    const again = await ingestPaths(db, [out]);
    expect(again.files.map((f) => f.duplicates)).toEqual([3]);
    expect(await againstRebuild(db)).toEqual([0, 0]);
  }, 180_000);

  it('is upgraded by upgradeMart (the server at its start), once', async () => {
    const parts = await makeOld(db);
    expect(parts).toBeGreaterThan(0);
    // every stored part, and nothing else, goes
    expect(await upgradeMart(db)).toBe(parts);
    expect(await storedParts(db)).toBe(0);
    expect(await againstRebuild(db)).toEqual([0, 0]);
    // today's layout: nothing to do
    expect(await upgradeMart(db)).toBeNull();
  }, 120_000);
});
