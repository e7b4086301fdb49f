// Encodings decided on the whole file, and a row that does not decode is quarantined, never stored
// as mojibake (src/lib/ingest/decode.ts): a GBK register with UTF-8 rows pasted in (early, and after
// the first MiB), the reverse, and NUL bytes past the first MiB refused with their line.
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import iconv from 'iconv-lite';
import { ingestPaths } from '../../src/lib/ingest/pipeline.ts';
import { lineKind } from '../../src/lib/ingest/decode.ts';
import { BASE, query, tempDir, writeFiles } from '../helpers/warehouse.ts';

const HEADER = '活动编号,组织单位,活动类别,名称,开始日期,参加人次\n';
const title = (i: number) => `职工书屋读书分享会第${i}期`;
const line = (i: number) => `B${i},G1,文体活动,${title(i)},2024/6/1,40\n`;

describe('lineKind', () => {
  it.each([
    ['ASCII only', Buffer.from('A1,G1,,2024-06-01'), 'ascii'],
    ['GBK Chinese', iconv.encode('A1,G1,文体活动,读书会', 'gbk'), 'gb'],
    ['UTF-8 Chinese', Buffer.from('A1,G1,文体活动,读书会'), 'utf8'],
    // GBK 路 is C2 B7, which is also valid UTF-8 (·, no ideograph): the line is GBK, not UTF-8
    ['GBK that happens to be valid UTF-8', iconv.encode('A1,路', 'gbk'), 'gb'],
    ['neither', Buffer.from([0x41, 0x2c, 0xff, 0xff]), 'bad'],
  ])('%s', (_why, bytes, kind) => expect(lineKind(bytes)).toBe(kind));
});

describe('a GBK register with UTF-8 rows pasted in', () => {
  // 20,000 GBK rows (about 1.1 MB): the header on line 1, row i on line i + 1. Line 3 (row B2) and
  // line 19,001 (row B19000, past the first MiB) are UTF-8.
  const N = 20_000;
  const early = 3;
  const late = 19_001;
  const parts = [iconv.encode(HEADER, 'gbk')];
  for (let i = 1; i <= N; i++) parts.push(i + 1 === early || i + 1 === late ? Buffer.from(line(i), 'utf8') : iconv.encode(line(i), 'gbk'));
  const bytes = Buffer.concat(parts);

  it('loads every GBK row intact and quarantines the two UTF-8 rows by their line, with the cause and the fix', async () => {
    expect(bytes.indexOf(Buffer.from(line(late - 1), 'utf8'))).toBeGreaterThan(1 << 20);
    const db = join(tempDir(), 'w.duckdb');
    await ingestPaths(db, [writeFiles(BASE)]);
    const r = await ingestPaths(db, [writeFiles({ '活动.csv': bytes })]);
    expect(r.files[0]).toMatchObject({ refused: null, encoding: 'gb18030', rows_read: N, loaded: N - 2, quarantined: 2 });
    const q = await query(db, `select file_name, row_no, column_name, reason, message_zh from quarantine where batch_id = $b order by row_no`, { b: r.batch });
    expect(q.map((p) => [p.file_name, p.row_no, p.column_name, p.reason])).toEqual([
      ['活动.csv', early, null, 'odd_encoding'],
      ['活动.csv', late, null, 'odd_encoding'],
    ]);
    expect(q[0]!.message_zh).toBe(
      '该行是 UTF-8 编码，与文件其余各行不同，按文件的编码读出会是乱码，未导入。请在 Excel 或 WPS 中打开，把整个文件“另存为”同一种编码（CSV UTF-8，或 CSV（逗号分隔）即 GBK）后重新上传。',
    );
    // no title stored other than the one meant (no mojibake), and the two UTF-8 rows are not stored
    const [bad] = await query(db, `select count(*)::integer as n from activities where activity_no like 'B%'
      and title <> '职工书屋读书分享会第' || substr(activity_no, 2) || '期'`);
    expect(bad!.n).toBe(0);
    const stored = await query(db, `select activity_no from activities where activity_no in ('B2', 'B19000')`);
    expect(stored).toEqual([]);
  });

  it('the CLI names the file and row of each', () => {
    const db = join(tempDir(), 'w.duckdb');
    const small = Buffer.concat([iconv.encode(HEADER + line(1), 'gbk'), Buffer.from(line(2), 'utf8'), iconv.encode(line(3), 'gbk')]);
    const r = spawnSync(process.execPath, ['scripts/ingest/cli.ts', '--db', db, writeFiles(BASE), writeFiles({ '活动.csv': small })], { encoding: 'utf8' });
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('活动.csv 第3行: 该行是 UTF-8 编码，与文件其余各行不同');
  });
});

it('a UTF-8 register with one GBK row: the GBK row is quarantined, the others load', async () => {
  const bytes = Buffer.concat([Buffer.from(HEADER + line(1) + line(2)), iconv.encode(line(3), 'gbk'), Buffer.from(line(4))]);
  const db = join(tempDir(), 'w.duckdb');
  await ingestPaths(db, [writeFiles(BASE)]);
  const r = await ingestPaths(db, [writeFiles({ '活动.csv': bytes })]);
  expect(r.files[0]).toMatchObject({ refused: null, encoding: 'utf-8', loaded: 3, quarantined: 1 });
  const q = await query(db, `select row_no, reason, message_zh from quarantine where batch_id = $b`, { b: r.batch });
  expect(q).toEqual([{ row_no: 4, reason: 'odd_encoding', message_zh: expect.stringContaining('该行是 GBK 编码') }]);
  expect(await query(db, `select title from activities where activity_no = 'B4'`)).toEqual([{ title: title(4) }]);
});

describe('NUL bytes past the first MiB are refused with their line', () => {
  const rows = (n: number) => Array.from({ length: n }, (_, i) => line(i + 1)).join('');
  const n = 20_000; // about 1.1 MB of UTF-8 (more as UTF-16)
  it.each([
    ['UTF-8', (t: string) => Buffer.from(t, 'utf8')],
    ['GBK', (t: string) => iconv.encode(t, 'gbk')],
    ['UTF-16 LE with BOM ("Unicode 文本")', (t: string) => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(t.replace(/,/g, '\t'), 'utf16le')])],
  ])('%s', async (_name, encode) => {
    // the NUL sits in row B19000's title: line 19,001
    const text = HEADER + rows(n).replace(title(19000), `${title(19000)}\u0000`);
    const bytes = encode(text);
    expect(bytes.length).toBeGreaterThan(1 << 20);
    const db = join(tempDir(), 'w.duckdb');
    const r = await ingestPaths(db, [writeFiles({ '活动.csv': bytes })]);
    expect(r.files[0]!.refused).toMatch(/^文件第19001行含有空字符（NUL/);
  });
});
