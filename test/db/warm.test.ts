// A warm writer (src/lib/db/warm.ts): a long-lived process (the server) keeps the levelled spare open
// between its writes; a writer of another process (the CLI) asks it to let go and then uses the
// spare (no copy); a warm holder killed with SIGKILL leaves the live file and a level spare behind.
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { letGoWarm, warmHeld } from '../../src/lib/db/warm.ts';
import { ingestPaths } from '../../src/lib/ingest/pipeline.ts';
import { BASE, activitiesFile, copyWarehouse, query, tableCounts, tempDir, writeFiles } from '../helpers/warehouse.ts';

const ROOT = new URL('../../', import.meta.url).pathname;

let base = '';
beforeAll(async () => {
  base = join(tempDir(), 'base.duckdb');
  await ingestPaths(base, [writeFiles(BASE)]);
}, 60_000);

const opened: string[] = [];
afterEach(async () => {
  for (const db of opened.splice(0)) await letGoWarm(db);
});

function fresh(): string {
  const db = copyWarehouse(base);
  opened.push(db);
  return db;
}

/** A child process: `node -e` running `code` with the project's modules, resolved with its exit code and output. */
function child(code: string, args: string[], onLine?: (line: string, kill: () => void) => void) {
  const c = spawn(process.execPath, ['--input-type=module', '-e', code, ...args], { cwd: ROOT });
  let out = '';
  c.stdout.on('data', (d: Buffer) => {
    out += d;
    for (const line of String(d).split('\n')) if (line) onLine?.(line, () => c.kill('SIGKILL'));
  });
  c.stderr.on('data', (d: Buffer) => (out += d));
  return new Promise<{ code: number | null; signal: string | null; out: string }>((r) => c.on('exit', (code, signal) => r({ code, signal, out })));
}

const mart = async (db: string) =>
  (await query(db, `select (select count(*) from activities) as a,
    (select value from indicator_values where org_code = 'R' and year = 2024 and code = 'activity.count') as mart`))[0];

describe('a long-lived writer (keepWarm)', () => {
  it('keeps the levelled spare open and writes its next import into it: no open, nothing replayed', async () => {
    const db = fresh();
    expect(await ingestPaths(db, [activitiesFile(1, 1)], { keepWarm: true })).toMatchObject({ via: 'copy' });
    // held by this process, and said so to the others (the marker names our pid)
    expect(warmHeld()).toEqual([db]);
    expect(readFileSync(`${db}.spare.warm`, 'utf8')).toBe(String(process.pid));
    const spareIno = statSync(`${db}.spare`).ino;
    expect(await ingestPaths(db, [activitiesFile(2, 2)], { keepWarm: true })).toMatchObject({ via: 'spare', replayed: 0 });
    // the warm file was the one written: it is the live file now
    expect(statSync(db).ino).toBe(spareIno);
    // the new spare, held warm, is level: a copy of it has every row the live file has
    copyFileSync(`${db}.spare`, `${db}.copy`);
    expect(await tableCounts(`${db}.copy`)).toEqual(await tableCounts(db));
    expect(await mart(db)).toEqual({ a: 2 + 1 + 2, mart: 5 });
    await letGoWarm(db);
    expect(warmHeld()).toEqual([]);
    expect(existsSync(`${db}.spare.warm`)).toBe(false);
  }, 120_000);

  it('lets go when the CLI writes: the CLI uses the spare (no copy), and the holder\'s next write finds it level', async () => {
    const db = fresh();
    await ingestPaths(db, [activitiesFile(1, 1)], { keepWarm: true });
    const spareIno = statSync(`${db}.spare`).ino;
    // the CLI in another process, while this one holds the spare open (DuckDB would refuse its open)
    const cli = await child(
      "const { ingestPaths } = await import('./src/lib/ingest/pipeline.ts'); const r = await ingestPaths(process.argv[1], [process.argv[2]]); console.log(r.via, r.replayed);",
      [db, activitiesFile(10, 3)],
    );
    expect(cli).toMatchObject({ code: 0 });
    // it wrote the spare this process held (a copy would be a new file) and found it level
    expect(cli.out.trim()).toBe('spare 0');
    expect(statSync(db).ino).toBe(spareIno);
    expect(warmHeld()).toEqual([]);
    expect(existsSync(`${db}.spare.warm`)).toBe(false);
    expect(existsSync(`${db}.spare.release`)).toBe(false);
    // this process writes again: the spare the CLI levelled, opened anew
    expect(await ingestPaths(db, [activitiesFile(20, 1)], { keepWarm: true })).toMatchObject({ via: 'spare', replayed: 0 });
    expect(await mart(db)).toEqual({ a: 2 + 1 + 3 + 1, mart: 7 });
  }, 120_000);

  it('killed while it holds the spare warm: the live file is as committed, and the next writer uses the spare as level', async () => {
    const db = fresh();
    await ingestPaths(db, [activitiesFile(1, 1)]); // makes the spare
    // a server-like process: one import with keepWarm, then it idles holding the spare, and is killed
    let pid = 0;
    const holder = await child(
      "const { ingestPaths } = await import('./src/lib/ingest/pipeline.ts'); await ingestPaths(process.argv[1], [process.argv[2]], { keepWarm: true }); console.log('warm', process.pid); setInterval(() => {}, 1000);",
      [db, activitiesFile(10, 2)],
      (line, kill) => {
        if (!line.startsWith('warm')) return;
        pid = Number(line.split(' ')[1]);
        expect(readFileSync(`${db}.spare.warm`, 'utf8')).toBe(String(pid));
        kill();
      },
    );
    expect(holder.signal).toBe('SIGKILL');
    expect(await mart(db)).toEqual({ a: 2 + 1 + 2, mart: 5 });
    // its marker names a dead process: not waited for; the spare was levelled and checkpointed before it was kept
    expect(await ingestPaths(db, [activitiesFile(20, 1)])).toMatchObject({ via: 'spare', replayed: 0 });
    expect(await mart(db)).toEqual({ a: 2 + 1 + 2 + 1, mart: 6 });
    expect(existsSync(`${db}.spare.warm`)).toBe(false);
  }, 120_000);
});

describe('taking the spare warm before a write (the upload page opened)', () => {
  it('holds the levelled spare, and the write that follows uses it; not while another process holds the lock', async () => {
    const { warmWriter } = await import('../../src/lib/ingest/pipeline.ts');
    const db = fresh();
    await ingestPaths(db, [activitiesFile(1, 1)]); // makes the spare, levels it and marks it (not kept: no keepWarm)
    expect(warmHeld()).toEqual([]);
    // another process's write holds the lock: nothing is taken
    const other = spawn('sleep', ['30']);
    try {
      writeFileSync(`${db}.lock`, String(other.pid));
      expect(await warmWriter(db)).toBe(false);
      expect(warmHeld()).toEqual([]);
    } finally {
      other.kill('SIGKILL');
      await new Promise((r) => other.once('exit', r)); // reaped: its pid no longer counts as alive
    }
    expect(await warmWriter(db)).toBe(true);
    expect(warmHeld()).toEqual([db]);
    expect(existsSync(`${db}.lock`)).toBe(false); // taken warm without keeping the lock
    const spareIno = statSync(`${db}.spare`).ino;
    expect(await ingestPaths(db, [activitiesFile(2, 2)], { keepWarm: true })).toMatchObject({ via: 'spare', replayed: 0 });
    expect(statSync(db).ino).toBe(spareIno); // the held file was written and swapped in
    expect(await mart(db)).toEqual({ a: 2 + 1 + 2, mart: 5 });
  }, 120_000);
});
