// What happens to the warehouse across runs: idempotency, corrected re-issues, atomicity, provenance.
import { describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { ingestPaths } from '../../src/lib/ingest/pipeline.ts';
import { BASE, ID_M, UNIT_A, query, sha256, tableCounts, tempDir, writeFiles } from '../helpers/warehouse.ts';

describe('loading the same files twice', () => {
  it('changes nothing the second time, not even the file bytes', async () => {
    const db = join(tempDir(), 'w.duckdb');
    const dir = writeFiles(BASE);
    const first = await ingestPaths(db, [dir]);
    expect(first.batch).toBe(1);
    const before = sha256(db);
    const second = await ingestPaths(db, [dir]);
    expect(second.batch).toBeNull();
    expect(second.files.every((f) => f.same_as_batch === 1 && f.loaded === 0 && f.duplicates === f.rows_read)).toBe(true);
    expect(sha256(db)).toBe(before);
  });

  it('treats a renamed copy with new rows row by row: known rows are duplicates', async () => {
    const db = join(tempDir(), 'w.duckdb');
    await ingestPaths(db, [writeFiles(BASE)]);
    const more = BASE['members.csv'] + `M3,刘洋,${'530423199501010039'},,G1,,2024-01-01,否\n`;
    const [f] = (await ingestPaths(db, [writeFiles({ '会员2024.csv': more })])).files;
    expect(f).toMatchObject({ family: 'members', rows_read: 3, duplicates: 2 });
    expect(f!.loaded + f!.quarantined).toBe(1);
  });
});

describe('a corrected re-issue of a row', () => {
  it('supersedes the stored version, which stays queryable with the batch that replaced it', async () => {
    const db = join(tempDir(), 'w.duckdb');
    await ingestPaths(db, [writeFiles(BASE)]);
    const fixed = BASE['members.csv'].replace('2017-03-01,否', '2017-03-01,是');
    const r = await ingestPaths(db, [writeFiles({ 'members.csv': fixed })]);
    expect(r.files[0]).toMatchObject({ rows_read: 2, loaded: 1, superseded: 1, duplicates: 1, quarantined: 0 });
    expect(await query(db, `select member_no, is_cadre, _batch_id from members order by 1`)).toEqual([
      { member_no: 'M1', is_cadre: true, _batch_id: 1 },
      { member_no: 'M2', is_cadre: true, _batch_id: 2 },
    ]);
    expect(await query(db, `select member_no, is_cadre, _batch_id, _superseded_by_batch from members_history`)).toEqual([
      { member_no: 'M2', is_cadre: false, _batch_id: 1, _superseded_by_batch: 2 },
    ]);
  });

  it('a different spelling of the same values is not a change', async () => {
    const db = join(tempDir(), 'w.duckdb');
    await ingestPaths(db, [writeFiles(BASE)]);
    const respelled = `会员编号,姓名,身份证号,性别,所属工会,工作单位代码,入会日期,是否工会干部\nM2,王强,${ID_M},男,G1,${UNIT_A},2017年3月1日,N\n`;
    const [f] = (await ingestPaths(db, [writeFiles({ '会员.csv': respelled })])).files;
    expect(f).toMatchObject({ rows_read: 1, loaded: 0, duplicates: 1, superseded: 0 });
  });
});

describe('atomicity', () => {
  it('a run that fails half-way leaves the warehouse byte for byte as it was', async () => {
    const db = join(tempDir(), 'w.duckdb');
    await ingestPaths(db, [writeFiles(BASE)]);
    const before = sha256(db);
    const counts = await tableCounts(db);
    const extra = writeFiles({
      'orgs.csv': BASE['orgs.csv'] + 'G2,新工会,C1,grassroots_union,2024-01-01\n',
      'members.csv': BASE['members.csv'] + `M3,刘洋,530423199501010039,,G1,,2024-01-01,否\n`,
    });
    let applied = 0;
    await expect(
      ingestPaths(db, [extra], {
        onEvent: (e) => {
          if (e.kind === 'done' && ++applied === 1) throw new Error('simulated crash after the first file');
        },
      }),
    ).rejects.toThrow('simulated crash');
    expect(sha256(db)).toBe(before);
    expect(await tableCounts(db)).toEqual(counts);
    expect(existsSync(`${db}.next`)).toBe(false);
    expect(existsSync(`${db}.lock`)).toBe(false);
  });

  it('a killed ingest leaves the warehouse as it was, and the next run works', async () => {
    const db = join(tempDir(), 'w.duckdb');
    await ingestPaths(db, [writeFiles(BASE)]);
    const before = sha256(db);
    // a members file big enough that the process is still working when it is killed
    const rows = Array.from({ length: 300_000 }, (_, i) => `X${i},某人,530423199501010039,,G1,,2024-01-01,否`).join('\n');
    const big = writeFiles({ 'members.csv': `member_no,name,id_number,gender,org_code,unit_code,join_date,is_cadre\n${rows}\n` });
    const child = spawn(process.execPath, ['scripts/ingest/cli.ts', '--db', db, big], { stdio: 'ignore' });
    await new Promise((r) => setTimeout(r, 1500));
    child.kill('SIGKILL');
    await new Promise((r) => child.on('exit', r));
    expect(sha256(db)).toBe(before);
    const next = await ingestPaths(db, [writeFiles({ 'activities.csv': BASE['activities.csv'].replace('A2,', 'A3,') })]);
    expect(next.batch).toBe(2);
    expect(next.files[0]).toMatchObject({ loaded: 1, duplicates: 1 });
  });
});

describe('provenance', () => {
  it('records the batch, each file with its SHA-256, and the file and row of every clean row', async () => {
    const db = join(tempDir(), 'w.duckdb');
    const dir = writeFiles(BASE);
    await ingestPaths(db, [dir], { user: 'clerk01' });
    const [batch] = await query(db, `select batch_id, user_name, files, rows_read, loaded from ingest_batch`);
    expect(batch).toEqual({ batch_id: 1, user_name: 'clerk01', files: 4, rows_read: 10, loaded: 10 });
    const files = await query(db, `select file_name, sha256, raw_table from ingest_file order by file_name`);
    for (const f of files) expect(f.sha256).toBe(sha256(join(dir, f.file_name as string)));
    // M2 came from members.csv, data row 2 = Excel row 3, and the raw table holds that row as read
    const [m2] = await query(db, `select m._row_no, f.file_name, f.raw_table from members m join ingest_file f on f.file_id = m._file_id where member_no = 'M2'`);
    expect(m2).toMatchObject({ _row_no: 3, file_name: 'members.csv' });
    const [raw] = await query(db, `select * from ${m2!.raw_table} where rowid = 1`);
    expect(raw).toMatchObject({ member_no: 'M2', name: '王强', join_date: '2017-03-01' });
  });

  it('keeps unknown extra columns in the raw table and reports them', async () => {
    const db = join(tempDir(), 'w.duckdb');
    const withContact = BASE['units.csv'].replace('registered_on\n', 'registered_on,联系人\n').split('\n')
      .map((l, i) => (i > 0 && l ? `${l},联系人${i}` : l)).join('\n');
    const r = await ingestPaths(db, [writeFiles({ ...BASE, 'units.csv': withContact })]);
    const units = r.files.find((f) => f.family === 'units')!;
    expect(units.unknown_columns).toEqual(['联系人']);
    const [f] = await query(db, `select raw_table, unknown_columns::varchar as unknown from ingest_file where family = 'units'`);
    expect(f!.unknown).toBe('[联系人]');
    expect((await query(db, `select "联系人" from ${f!.raw_table} order by rowid`)).map((x) => x['联系人'])).toEqual(['联系人1', '联系人2']);
  });
});

it('a reader on the warehouse sees the next ingest on its next query, without a restart', async () => {
  const db = join(tempDir(), 'w.duckdb');
  await ingestPaths(db, [writeFiles(BASE)]);
  const { WarehouseReader } = await import('../../src/lib/db/warehouse.ts');
  const reader = new WarehouseReader(db);
  const first = await reader.get();
  expect(await first.value('select count(*) from activities')).toBe(2);
  await ingestPaths(db, [writeFiles({ 'activities.csv': BASE['activities.csv'] + 'A3,G1,safety,安全月,2024-06-01,50,,\n' })]);
  expect(await (await reader.get()).value('select count(*) from activities')).toBe(3);
  reader.close();
});
