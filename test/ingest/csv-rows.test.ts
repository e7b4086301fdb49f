// A streamed workbook's rows reach DuckDB as CSV read by read_csv (src/lib/ingest/csv-rows.ts): every
// text must come back exactly as the cell held it, '' and NULL apart, whatever it contains.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Db } from '../../src/lib/db/duckdb.ts';
import { CsvRows, csvField } from '../../src/lib/ingest/csv-rows.ts';
import { highestShared, PackedCursor, packRows, RowPacker, unpackRows } from '../../src/lib/ingest/xlsx-packed.ts';
import type { Cell, SheetRow } from '../../src/lib/ingest/workbook.ts';

// Texts a CSV writer or reader could get wrong: the empty text (not NULL), white space alone or at
// either end (no trimming), the delimiter, quotes (doubled inside), line breaks of each kind, a tab,
// the strings other readers take for NULL, Chinese, a NUL character, characters outside the BMP.
const TEXTS = ['', ' ', '  a  ', '\t', 'a,b', 'say "hi"', '"', '""', ',', 'line1\nline2', 'cr\rx', 'crlf\r\nx', '\n', '\\N', 'NULL', '中文，全角', 'x\u0000y', '𠀀𠀁'];

let db: Db;
beforeAll(async () => {
  db = await Db.open(':memory:');
});
afterAll(() => db.close());

const table = async (name: string, width: number) =>
  db.run(`create or replace table ${name} (_row_no integer, ${Array.from({ length: width }, (_, i) => `c${i} varchar`).join(', ')})`);

describe('CsvRows', () => {
  it('loads every text as written, NULL as NULL, across chunks', async () => {
    await table('t1', 2);
    const rows = new CsvRows(db, 't1', ['INTEGER', 'VARCHAR', 'VARCHAR'], 4); // 4 rows a chunk: several loads
    // row i: the text in c0, and a NULL in c1 every other row
    TEXTS.forEach((t, i) => rows.add(`${i + 1},${csvField(t)},${i % 2 ? '' : csvField(t)}`));
    await rows.done(TEXTS.length);
    await rows.close();
    const back = await db.all<{ _row_no: number; c0: string | null; c1: string | null }>('select * from t1 order by _row_no');
    expect(back.map((r) => r.c0)).toEqual(TEXTS);
    expect(back.map((r) => r.c1)).toEqual(TEXTS.map((t, i) => (i % 2 ? null : t)));
  });

  it('loads a line longer than DuckDB reads by default (2 MB)', async () => {
    await table('t2', 1);
    const long = '工会'.repeat(600_000); // 1.2M characters, 3.6 MB of UTF-8
    const rows = new CsvRows(db, 't2', ['INTEGER', 'VARCHAR']);
    rows.add(`7,${csvField(long)}`);
    rows.add('8,""');
    await rows.done(2);
    await rows.close();
    expect(await db.all('select _row_no, length(c0)::integer as n from t2 order by 1')).toEqual([
      { _row_no: 7, n: 1_200_000 },
      { _row_no: 8, n: 0 },
    ]);
  });

  it('writes a packed row of text cells as add() writes the same cells', async () => {
    // holes between and after the cells (NULLs), an empty text, quotes, a lone surrogate (UTF-8 has
    // no such thing: U+FFFD either way, as the appender did)
    const sheet: SheetRow[] = [
      { r: 4, cells: [{ t: 's', v: 'M001' }, , { t: 's', v: 'say "hi"' }, { t: 's', v: '' }] },
      { r: 5, cells: [, { t: 's', v: 'a,b\nc' }, , , { t: 's', v: 'x\ud800' }] },
      { r: 9, cells: TEXTS.slice(0, 5).map((v) => ({ t: 's', v }) as Cell) },
    ];
    const width = 6;
    await table('plain', width);
    await table('lines', width);
    const plain = new CsvRows(db, 'plain', ['INTEGER', ...Array(width).fill('VARCHAR')], 2);
    const lines = new CsvRows(db, 'lines', ['INTEGER', ...Array(width).fill('VARCHAR')], 2);
    const batch = packRows(sheet);
    const cur = new PackedCursor(batch);
    while (cur.next()) {
      expect(cur.plain).toBe(true);
      plain.addPlain(cur.r + 1, cur, width);
      const cells = cur.cells();
      lines.add([cur.r + 1, ...Array.from({ length: width }, (_, c) => (cells[c] ? csvField(String(cells[c]!.v)) : ''))].join(','));
    }
    await plain.done(3);
    await lines.done(3);
    await Promise.all([plain.close(), lines.close()]);
    const a = await db.all('select * from plain order by _row_no');
    expect(a).toEqual(await db.all('select * from lines order by _row_no'));
    expect(a[0]).toEqual({ _row_no: 5, c0: 'M001', c1: null, c2: 'say "hi"', c3: '', c4: null, c5: null });
    expect(a[1]).toMatchObject({ c1: 'a,b\nc', c4: 'x\ufffd' });
  });

  it('says which row a cursor holds and unpacks rows with other cells as unpackRows does', () => {
    const sheet: SheetRow[] = [
      { r: 2, cells: [{ t: 's', v: 'a' }, { t: 'n', v: 3 } as Cell, { t: 's', v: 'b' }] },
      { r: 3, cells: [, { t: 's', v: 'c' }] },
    ];
    const cur = new PackedCursor(packRows(sheet));
    expect(cur.next()).toBe(true);
    expect([cur.r, cur.n, cur.plain]).toEqual([2, 3, false]);
    expect(cur.cells()).toEqual(sheet[0]!.cells);
    expect(cur.next()).toBe(true);
    expect([cur.r, cur.plain, cur.cols[0], cur.texts[0]]).toEqual([3, true, 1, 'c']);
    expect(cur.cells()).toEqual(sheet[1]!.cells);
    expect(cur.next()).toBe(false);
  });

  it('reads shared strings by their numbers (a worker that left them to the loading thread)', () => {
    const packer = new RowPacker();
    packer.shared(0, 1);
    packer.text(1, 'own');
    packer.shared(3, 0, true); // a shared string under a formula: not plain, keeps its f
    packer.endRow(6);
    packer.shared(2, 1);
    packer.endRow(7);
    packer.seal();
    const batch = { ...packer.ready[0]!, strings: ['甲', '乙'] };
    expect(highestShared(batch)).toBe(1);
    expect(unpackRows(batch)).toEqual([
      { r: 6, cells: [{ t: 's', v: '乙' }, { t: 's', v: 'own' }, , { t: 's', v: '甲', f: '' }] },
      { r: 7, cells: [, , { t: 's', v: '乙' }] },
    ]);
    const cur = new PackedCursor(batch);
    cur.next();
    expect(cur.plain).toBe(false);
    cur.next();
    expect([cur.plain, cur.cols.slice(0, cur.n), cur.texts.slice(0, cur.n)]).toEqual([true, [2], ['乙']]);
    // a number past the table: the batch cannot be read (xlsx-thread.ts refuses the file before this)
    expect(() => unpackRows({ ...batch, strings: ['甲'] })).toThrow('shared string 1 does not exist');
  });
});
