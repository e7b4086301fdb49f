// Marts stored by earlier versions are brought to today's layout in place: by the first upload (no
// full rebuild: that runs under the ingest's 1 GB limit, which a large federation's does not fit)
// or by the server's start (upgradeMart). Either way the figures equal a full rebuild's. Two
// layouts: every rate part stored as a count (indicator_keys without part_of), and `value` stored in
// indicator_cells (today the table computes it from the row when read).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyFileSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { Db, sql } from '../../src/lib/db/duckdb.ts';
import { rebuildMart } from '../../src/lib/indicators/mart.ts';
import { upgradeMart } from '../../src/lib/indicators/mart-upgrade.ts';
import { ingestPaths } from '../../src/lib/ingest/pipeline.ts';
import { FAMILIES, cleanColumns } from '../../src/lib/ingest/families.ts';
import { generateSample } from '../../src/lib/sample/index.ts';
import { tempDir } from '../helpers/warehouse.ts';

const dir = tempDir('ua-mart-upgrade-');
const db = join(dir, 'warehouse.duckdb');

/** Turns today's mart into the layout before CELLS_COLUMNS: `value` stored, with the values it had. Returns the cells. */
async function storeValue(w: Db): Promise<number> {
  await w.run(`create table old_cells (org_no integer, year integer, key_no smallint, value decimal(18, 6),
    numerator decimal(18, 2), denominator decimal(18, 2))`);
  await w.run('insert into old_cells select org_no, year, key_no, value, numerator, denominator from indicator_cells');
  await w.run('drop view indicator_values');
  await w.run('drop table indicator_cells');
  await w.run('alter table old_cells rename to indicator_cells');
  await w.run(`create view indicator_values as ${sql('marts/indicator_values.sql')}`);
  return Number(await w.value('select count(*) from indicator_cells'));
}

/** Whether the stored cells compute `value` when read (today's layout). */
async function computesValue(path: string): Promise<boolean> {
  const r = await Db.open(path, { readOnly: true });
  try {
    return /GENERATED ALWAYS AS/.test(String(await r.value("select sql from duckdb_tables() where table_name = 'indicator_cells'")));
  } finally {
    r.close();
  }
}

/** Turns today's mart into the layout before RATE_PARTS (and CELLS_COLUMNS): the parts stored, the keys without part_of, the plain view. */
async function makeOld(path: string): Promise<number> {
  const w = await Db.open(path);
  try {
    await storeValue(w);
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

describe('marts stored by earlier versions', () => {
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
    const out = await aidUpload('UPG-');
    const r = await ingestPaths(db, [out]);
    expect(r.files.map((f) => [f.loaded, f.quarantined])).toEqual([[3, 0]]);
    // an update, not a full rebuild under the ingest's memory limit, after the upgrade
    expect(r.mart?.mode).toBe('incremental');
    expect(r.mart?.upgraded?.parts).toBeGreaterThan(0);
    expect(await storedParts(db)).toBe(0);
    expect(await computesValue(db)).toBe(true);
    expect(await againstRebuild(db)).toEqual([0, 0]);
    // the spare was levelled from the upgraded live file, its cells copied as the live file defines
    // them (copied with `value` stored, the next update would leave it null in the cells it writes,
    // or upgrade the copy again): the next upload needs no upgrade and still matches a rebuild
    const again = await ingestPaths(db, [await aidUpload('UPG2-')]);
    expect(again.files.map((f) => [f.loaded, f.quarantined])).toEqual([[3, 0]]);
    expect(again.mart?.mode).toBe('incremental');
    expect(again.mart?.upgraded).toBeUndefined();
    expect(await computesValue(db)).toBe(true);
    expect(await againstRebuild(db)).toEqual([0, 0]);
  }, 180_000);

  it('is upgraded by upgradeMart (the server at its start), once', async () => {
    const parts = await makeOld(db);
    expect(parts).toBeGreaterThan(0);
    // every stored part, and nothing else, goes
    expect((await upgradeMart(db))?.parts).toBe(parts);
    expect(await storedParts(db)).toBe(0);
    expect(await computesValue(db)).toBe(true);
    expect(await againstRebuild(db)).toEqual([0, 0]);
    // today's layout: nothing to do
    expect(await upgradeMart(db)).toBeNull();
  }, 120_000);

  it('computes value when read once upgradeMart has run on a mart that stored it, with the same values', async () => {
    const w = await Db.open(db);
    let cells: number;
    try {
      await w.run('create table before_values as select * from indicator_values');
      cells = await storeValue(w);
    } finally {
      w.close();
      for (const f of ['.spare', '.spare.level', '.spare.wal']) rmSync(db + f, { force: true });
    }
    expect(await computesValue(db)).toBe(false);
    // no rate parts to drop; every cell copied, its value now computed from the row
    expect(await upgradeMart(db)).toEqual({ parts: 0, cells });
    expect(await computesValue(db)).toBe(true);
    const r = await Db.open(db, { readOnly: true });
    try {
      // the values people read are the ones stored before, rates (rounded half-up) and all
      const differ = await r.value(`select (select count(*) from (select * from before_values except all select * from indicator_values))
        + (select count(*) from (select * from indicator_values except all select * from before_values))`);
      expect(Number(differ)).toBe(0);
      expect(Number(await r.value("select count(*) from indicator_values where code in (select code from indicator_keys where kind = 'rate') and value > 0 and value < 1"))).toBeGreaterThan(0);
    } finally {
      r.close();
    }
    expect(await againstRebuild(db)).toEqual([0, 0]);
    expect(await upgradeMart(db)).toBeNull();
  }, 120_000);
});

/** A folder with an aid register of 3 rows copied from the warehouse's, under new voucher numbers. */
async function aidUpload(prefix: string): Promise<string> {
  const out = join(dir, prefix);
  mkdirSync(out);
  const r = await Db.open(db, { readOnly: true });
  try {
    const cols = cleanColumns(FAMILIES.aid).map((c) => c.name).filter((c) => c !== 'person_key' && c !== 'voucher_no');
    await r.run(`copy (select '${prefix}' || row_number() over () as voucher_no, ${cols.join(', ')}
      from (select * from aid order by voucher_no limit 3)) to '${join(out, `${FAMILIES.aid.fileAliases[0]}.csv`)}' (header)`);
  } finally {
    r.close();
  }
  return out;
}
