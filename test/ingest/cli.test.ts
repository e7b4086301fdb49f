// The ingest command as a clerk runs it: exit codes, the summary, --json, --help.
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { BASE, tempDir, writeFiles } from '../helpers/warehouse.ts';

const run = (...args: string[]) => spawnSync(process.execPath, ['scripts/ingest/cli.ts', ...args], { encoding: 'utf8' });

describe('npm run ingest', () => {
  it('prints a summary with counts and the quarantined problems, and exits 0', () => {
    const db = join(tempDir(), 'w.duckdb');
    const dir = writeFiles({ ...BASE, 'activities.csv': BASE['activities.csv'] + 'A3,G1,safety,安全月,2024-06-01,约50,,\n' });
    const r = run('--db', db, dir);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/导入批次 \/ batch 1/);
    expect(r.stdout).toMatch(/activities\.csv\s+活动\s+3\s+2\s+1\s+0\s+0\s+0/);
    expect(r.stdout).toMatch(/activities\.csv 第4行: 「参加人次」的值“约50”不是非负整数/);
  });

  it('--json prints one object with the batch and every file', () => {
    const db = join(tempDir(), 'w.duckdb');
    const dir = writeFiles({ ...BASE, 'notes.csv': Buffer.from([0x00, 0x01]) });
    const r = run('--db', db, '--json', dir);
    expect(r.status).toBe(1); // one file was refused
    const out = JSON.parse(r.stdout);
    expect(out.batch).toBe(1);
    expect(out.files).toHaveLength(5);
    expect(Object.keys(out.files[0]).sort()).toEqual(['duplicates', 'family', 'file', 'loaded', 'notes', 'quarantined', 'refused', 'rows_read', 'skipped', 'superseded']);
    expect(out.files.find((f: { file: string }) => f.file.endsWith('notes.csv')).refused).toMatch(/二进制/);
    expect(out.files.find((f: { file: string }) => f.file.endsWith('orgs.csv'))).toMatchObject({ family: 'orgs', rows_read: 4, loaded: 4, refused: null });
  });

  it('masks personal data in what it prints', () => {
    const db = join(tempDir(), 'w.duckdb');
    const badId = '53042319900101002X'.slice(0, 17) + '9';
    const dir = writeFiles({ ...BASE, 'members.csv': BASE['members.csv'] + `M9,李华,${badId},,G1,,2020-01-01,否\n` });
    const r = run('--db', db, dir);
    expect(r.stdout).toMatch(/members\.csv 第4行: 「身份证号」不是有效的18位身份证号/);
    expect(r.stdout).not.toContain(badId);
  });

  it('lists refused files with their reason under the table, and exits 1', () => {
    const db = join(tempDir(), 'w.duckdb');
    const r = run('--db', db, writeFiles({ 'notes.csv': Buffer.from([0x00, 0x01]) }));
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/拒收的文件 \/ refused files:\n  notes\.csv: 文件第1行含有空字符（NUL，二进制内容）/);
  });

  it('says so when nothing is new', () => {
    const db = join(tempDir(), 'w.duckdb');
    const dir = writeFiles(BASE);
    run('--db', db, dir);
    const r = run('--db', db, dir);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/没有新数据，数据仓库未改动/);
    expect(r.stdout).toMatch(/与批次 1 内容相同/);
  });

  it.each([
    [[], /请给出要导入的文件或文件夹/],
    [['--family', 'cats', 'x.csv'], /未知类别/],
    [['/no/such/file.csv'], /找不到/],
    [['--bogus'], /Unknown option/],
  ])('exits 2 on a usage error %j', (args, message) => {
    const r = run(...args);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(message);
  });

  it('--help explains itself', () => {
    const r = run('--help');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/--db FILE/);
    expect(r.stdout).toMatch(/退出码/);
  });
});
