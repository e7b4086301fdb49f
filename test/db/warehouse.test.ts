// The writer (src/lib/db/warehouse.ts): a killed write at each phase of the spare path changes
// nothing, a reader sees the old or the new warehouse and never a mix, writes queue within a process
// and are refused across processes, and a missing warehouse is never replaced by an empty one.
import { beforeAll, describe, expect, it } from 'vitest';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { copyFileSync, existsSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { MissingWarehouseError, WarehouseBusyError, WarehouseReader } from '../../src/lib/db/warehouse.ts';
import { ingestPaths } from '../../src/lib/ingest/pipeline.ts';
import { BASE, activitiesFile, copyWarehouse, query, sha256, tableCounts, tempDir, writeFiles } from '../helpers/warehouse.ts';

const ROOT = new URL('../../', import.meta.url).pathname;

// BASE loaded once for the file; each test starts from a copy, as right after a first load (no spare)
let base = '';
beforeAll(async () => {
  base = join(tempDir(), 'base.duckdb');
  await ingestPaths(base, [writeFiles(BASE)]);
}, 60_000);

const fresh = (): string => copyWarehouse(base);

/** The CLI ingest in a child process, killed by itself at `phase` (UA_KILL_AT). */
function ingestChild(db: string, dir: string, phase?: string): ReturnType<typeof spawnSync> {
  return spawnSync(process.execPath, ['scripts/ingest/cli.ts', '--db', db, dir], {
    cwd: ROOT, encoding: 'utf8', env: { ...process.env, UA_KILL_AT: phase ?? '' },
  });
}

describe('a write killed at each phase', () => {
  it('leaves the live warehouse byte for byte as it was; the next write repairs the spare and works', async () => {
    const db = fresh();
    await ingestPaths(db, [activitiesFile(100, 1)]); // the first write after the load: makes the spare
    // spare path: locked → opened → caught-up → applied → committed → closed → linked → swapped.
    // A kill after the commit leaves a spare ahead of the live file: the next write copies
    // (→ copied). Each run below starts from what the previous kill left. One kill per state it
    // can leave behind: a spare caught up but unwritten (caught-up), an open transaction (applied),
    // a commit cut short inside its checkpoint, some row groups written and none installed
    // (checkpointing: the commit writes no WAL, so the spare is at its last checkpoint), a spare
    // ahead (committed), a fresh copy (copied), a spare ahead and closed (closed), the old live file
    // linked as .spare.new (linked). A kill at locked or opened leaves only the stale lock, which
    // every run after a kill here meets anyway.
    const phases = ['caught-up', 'applied', 'checkpointing', 'committed', 'copied', 'closed', 'linked'];
    const upload = activitiesFile(1, 3);
    for (const phase of phases) {
      const before = sha256(db);
      const r = ingestChild(db, upload, phase);
      expect({ phase, signal: r.signal }).toEqual({ phase, signal: 'SIGKILL' });
      expect({ phase, same: sha256(db) === before }).toEqual({ phase, same: true });
    }
    // killed after the rename, the commit point: the rows are in, and the spare is restored next time
    const counts = await tableCounts(db);
    expect(ingestChild(db, upload, 'swapped').signal).toBe('SIGKILL');
    expect((await tableCounts(db)).activities).toBe(counts.activities! + 3);
    expect(existsSync(`${db}.spare`)).toBe(false);
    // killed after the answer, while the old live file (the new spare) is brought level for the
    // next write: in the catch-up's transaction (levelling) or after its commit (levelled, its WAL
    // not checkpointed). The write is in either way; the spare is caught up or used by the next write.
    for (const [phase, from] of [['levelling', 300], ['levelled', 400]] as const) {
      const rows = (await tableCounts(db)).activities!;
      expect(ingestChild(db, activitiesFile(from, 1), phase).signal).toBe('SIGKILL');
      expect({ phase, rows: (await tableCounts(db)).activities }).toEqual({ phase, rows: rows + 1 });
    }
    const next = await ingestPaths(db, [activitiesFile(200, 2)]);
    expect(next.via).toBe('spare');
    expect(existsSync(`${db}.spare.new`)).toBe(false);
    // every upload counted once: 2 + 1 + 3 + 1 + 1 + 2 activities, each batch recorded once
    const [row] = await query(db, `select (select count(*) from activities) as a, (select count(*) from ingest_batch) as b,
      (select count(*) from activities_history) as h, (select value from indicator_values where org_code = 'R' and year = 2024 and code = 'activity.count') as mart`);
    expect(row).toEqual({ a: 10, b: 6, h: 0, mart: 10 });
  }, 600_000); // ten child ingests: ~100 s on a quiet 2-core machine
});

describe('after the swap', () => {
  it('the spare is brought level before the lock is released: the next write replays nothing', async () => {
    const db = fresh();
    const answered: (number | null)[] = [];
    await ingestPaths(db, [activitiesFile(1, 1)]); // the first write after the load: copies to make the spare
    const r = await ingestPaths(db, [activitiesFile(2, 2)], { onCommitted: (res) => answered.push(res.batch) });
    expect(answered).toEqual([r.batch]); // the answer came at the swap, with the result returned
    // the spare (the previous live file) already holds both writes and every table's rows
    const spare = `${db}.spare`;
    copyFileSync(spare, `${spare}.copy`); // read a copy: opening the spare would not change it, but be sure
    const writes = (p: string) => query(p, 'select write_id, kind, batch_id from warehouse_write order by write_id');
    expect(await writes(`${spare}.copy`)).toEqual(await writes(db));
    expect(await tableCounts(`${spare}.copy`)).toEqual(await tableCounts(db));
    const cells = (p: string) => query(p, 'select count(*) as n, sum(hash(org_no, year, key_no, numerator, denominator))::varchar as h from indicator_cells');
    expect(await cells(`${spare}.copy`)).toEqual(await cells(db));
    // levelled and marked so: the next writer need not attach the live file to know it
    expect(existsSync(`${spare}.level`)).toBe(true);
    expect(await ingestPaths(db, [activitiesFile(4, 1)])).toMatchObject({ via: 'spare', replayed: 0 });
    expect(await tableCounts(db)).toMatchObject({ activities: 2 + 1 + 2 + 1 });
  }, 120_000);

  it('a reader of this process that read the old file is asked to let go of it: the spare is still levelled', async () => {
    const db = fresh();
    await ingestPaths(db, [activitiesFile(1, 1)]); // makes the spare
    // the server's pages: a reader that has just queried the live file, which the next write replaces
    const reader = new WarehouseReader(db);
    try {
      expect(await (await reader.get()).value('select count(*)::int from activities')).toBe(2 + 1);
      const r = await ingestPaths(db, [activitiesFile(2, 2)]);
      // without letting go, the reader would hold the old file (the new spare) for RETIRE_MS and the
      // levelling would be skipped: no mark, and the next write would replay this one
      expect(existsSync(`${db}.spare.level`)).toBe(true);
      expect(await (await reader.get()).value('select count(*)::int from activities')).toBe(2 + 1 + 2);
      expect(r.replayed).toBe(0);
      expect(await ingestPaths(db, [activitiesFile(4, 1)])).toMatchObject({ via: 'spare', replayed: 0 });
    } finally {
      reader.close();
    }
  }, 120_000);

  it('a level mark naming another live file is not trusted: the spare is caught up from the write log', async () => {
    const db = fresh();
    const spare = `${db}.spare`;
    await ingestPaths(db, [activitiesFile(1, 1)]); // copies to make the spare, levels it, marks it
    const before = JSON.parse(readFileSync(`${spare}.level`, 'utf8')) as { live: string; spare: string };
    // the next write is killed while levelling: committed, but its spare is left behind by it (no mark)
    expect(ingestChild(db, activitiesFile(2, 2), 'levelling').signal).toBe('SIGKILL');
    expect(existsSync(`${spare}.level`)).toBe(false);
    // a mark that names the spare as it is now, but the live file as it was before that write
    const st = statSync(spare);
    writeFileSync(`${spare}.level`, JSON.stringify({ live: before.live, spare: `${st.dev}:${st.ino}:${st.size}:${st.mtimeMs}` }));
    expect(await ingestPaths(db, [activitiesFile(4, 1)])).toMatchObject({ via: 'spare', replayed: 1 });
    // 2 + 1 + 2 + 1: had the mark been trusted, the spare would have lacked the second write's 2
    const [row] = await query(db, `select (select count(*) from activities) as a,
      (select value from indicator_values where org_code = 'R' and year = 2024 and code = 'activity.count') as mart`);
    expect(row).toEqual({ a: 6, mart: 6 });
  }, 120_000);
});

describe('a reader during uploads', () => {
  it('sees the old or the new warehouse, never a mix', async () => {
    const db = fresh();
    const reader = new WarehouseReader(db);
    // one query reads the rows, the batch log and the mart: in one snapshot they agree
    const look = async () =>
      (await (await reader.get()).one<{ rows: number; batches: number; mart: number }>(
        `select (select count(*) from activities) as rows, (select count(*) from ingest_batch) as batches,
           (select sum(value)::integer from indicator_values where org_code = 'R' and code = 'activity.count') as mart`,
      ))!;
    const seen = new Set<string>();
    const child: ChildProcess = spawn(process.execPath, ['scripts/ingest/cli.ts', '--db', db, activitiesFile(1, 5)], { cwd: ROOT });
    const exited = new Promise((r) => child.on('exit', r));
    let running = true;
    void exited.then(() => (running = false));
    while (running) {
      const s = await look();
      seen.add(JSON.stringify(s));
      await new Promise((r) => setTimeout(r, 5));
    }
    seen.add(JSON.stringify(await look()));
    reader.close();
    // before: BASE's 2 activities, 1 batch; after: 7 activities, 2 batches; nothing in between
    expect([...seen].sort()).toEqual([JSON.stringify({ rows: 2, batches: 1, mart: 2 }), JSON.stringify({ rows: 7, batches: 2, mart: 7 })]);
  }, 120_000);
});

describe('a reader in the writing process (the server)', () => {
  it('keeps its old file readable for a query begun before the levelling; then lets go and the spare is levelled', async () => {
    const db = fresh();
    const reader = new WarehouseReader(db);
    const old = await reader.get(); // on the file of the first load
    // a page's query on the old handle, started at the swap (onCommitted): the levelling asks the
    // reader to let go of that file (the new spare), and must not close it under the query. DuckDB's
    // lock does not see a second open in one process: the writer waits for the reader instead.
    let during: Promise<unknown> | undefined;
    const r = await ingestPaths(db, [activitiesFile(1, 1)], { onCommitted: () => (during = old.value('select count(*)::int from activities')) });
    expect(await during).toBe(2); // the first load's 2, read on the old file after the swap
    expect(r.via).toBe('copy'); // the first write after a load makes the spare
    expect(existsSync(`${db}.spare.level`)).toBe(true); // the reader let go, so the spare was levelled
    expect(await ingestPaths(db, [activitiesFile(2, 1)])).toMatchObject({ via: 'spare', replayed: 0 });
    expect(await (await reader.get()).value('select count(*)::int from activities')).toBe(4);
    reader.close();
  }, 120_000);
});

describe('two uploads at once', () => {
  it('in one process: the second waits its turn (position 1), both are committed and both answers are true', async () => {
    const db = fresh();
    const positions: number[] = [];
    // the second starts once the first is writing (its first file event is inside the write): each
    // reads its file before it queues, so started together either could be first in the queue
    let writing!: () => void;
    const firstWrites = new Promise<void>((r) => (writing = r));
    const first = ingestPaths(db, [activitiesFile(1, 3)], { onEvent: (e) => e.kind === 'file' && writing() });
    await firstWrites;
    const [a, b] = await Promise.all([first, ingestPaths(db, [activitiesFile(10, 4)], { onQueued: (n) => positions.push(n) })]);
    expect(positions).toEqual([1, 0]); // one ahead, then its turn
    expect([a.batch, b.batch]).toEqual([2, 3]);
    expect([a.files[0]!.loaded, b.files[0]!.loaded]).toEqual([3, 4]);
    // what each answer says is in the warehouse
    const rows = await query(db, `select _batch_id as batch, count(*) as n from activities group by 1 order by 1`);
    expect(rows).toEqual([{ batch: 1, n: 2 }, { batch: 2, n: 3 }, { batch: 3, n: 4 }]);
  }, 120_000);

  it('across processes: refused with "another import is running" while the other holds the lock, and nothing changes', async () => {
    const db = fresh();
    const other = spawn('sleep', ['30']);
    writeFileSync(`${db}.lock`, String(other.pid));
    const before = sha256(db);
    try {
      await expect(ingestPaths(db, [activitiesFile(1, 1)])).rejects.toThrow(WarehouseBusyError);
      await expect(ingestPaths(db, [activitiesFile(1, 1)])).rejects.toThrow(/Another import is running/);
      expect(sha256(db)).toBe(before);
      // with a wait, it goes through once the other process has gone
      setTimeout(() => other.kill('SIGKILL'), 300);
      const r = await ingestPaths(db, [activitiesFile(1, 1)], { waitMs: 20_000 });
      expect(r.files[0]!.loaded).toBe(1);
    } finally {
      other.kill('SIGKILL');
    }
  }, 120_000);
});

describe('a missing warehouse', () => {
  it('is an error for the web upload (create: false), and no file is made', async () => {
    const db = join(tempDir(), 'w.duckdb');
    await expect(ingestPaths(db, [activitiesFile(1, 1)], { create: false })).rejects.toThrow(MissingWarehouseError);
    expect(existsSync(db)).toBe(false);
  });

  it('is an error even for the CLI once a warehouse existed (its spare is still there)', async () => {
    const db = fresh();
    await ingestPaths(db, [activitiesFile(1, 1)]);
    rmSync(db); // the disk behind it vanished, say
    await expect(ingestPaths(db, [activitiesFile(2, 1)])).rejects.toThrow(/missing/);
    expect(existsSync(db)).toBe(false);
  }, 60_000);
});
