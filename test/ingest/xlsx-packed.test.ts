// Rows packed for the trip from the .xlsx reader's worker to the loading thread (xlsx-packed.ts):
// every kind of cell arrives as the reader made it, at its column, and a batch never splits a row.
import { describe, expect, it } from 'vitest';
import { packRows, RowPacker, unpackRows } from '../../src/lib/ingest/xlsx-packed.ts';
import type { Cell, SheetRow } from '../../src/lib/ingest/workbook.ts';

// One row of each kind the sheet parser makes (xlsx-sheet.ts): text (also empty, and text with
// characters outside the BMP and a lone surrogate from an _xD800_ escape), numbers with and without a
// format, a formula's text and number results, a formula never computed, a stub, an error, a boolean;
// holes between columns, and a row far down the sheet.
const rows: SheetRow[] = [
  { r: 0, cells: [{ t: 's', v: '会员编号' }, { t: 's', v: '姓名' }, { t: 's', v: '' }] },
  { r: 3, cells: [{ t: 's', v: 'M001' }, , { t: 'n', v: 530423198503151000, z: 'General' } as Cell, { t: 'n', v: 45356 } as Cell] },
  { r: 4, cells: [{ t: 's', v: '𠀀𠀁 and \ud800' }, { t: 's', v: '=1', f: '' } as Cell, { t: 'n', v: 0, f: '', z: '0.00' } as Cell] },
  { r: 5, cells: [{ t: 'z' } as Cell, { t: 'z', v: 0, f: '' } as unknown as Cell, { t: 'e', v: 0x2a } as Cell, { t: 'b', v: true } as Cell] },
  { r: 1_048_575, cells: [, , , , , , , , , , , , , , , , , , , , , , , , , , { t: 's', v: 'AA' }] },
];

describe('packed rows', () => {
  it('come back as the same rows: same cells, same columns, same holes', () => {
    const back = unpackRows(packRows(rows));
    expect(back).toEqual(rows);
    // holes stay holes (a row's length and its empty columns are what the loader reads)
    expect(back.map((r) => r.cells.length)).toEqual([3, 4, 3, 4, 27]);
    expect(1 in back[1]!.cells).toBe(false);
  });

  it('carry text cells as text and the other cells as they are', () => {
    const packed = packRows(rows);
    // text cells without a formula travel in the string: 会员编号 姓名 '' M001 '𠀀𠀁 and \ud800' AA
    expect(packed.text).toBe('会员编号姓名M001𠀀𠀁 and \ud800AA');
    // the others: 2 numbers (Excel row 4), 2 formula results (row 5), stub, uncomputed formula, error, boolean (row 6)
    expect(packed.others).toHaveLength(8);
  });

  it('are sealed in batches at the end of a row, never inside one', () => {
    const packer = new RowPacker(2);
    for (const [i, { r, cells }] of rows.entries()) {
      cells.forEach((c, col) => c && packer.cell(col, c));
      expect(packer.ready.length).toBe(Math.floor(i / 2)); // the row being packed is in no batch yet
      packer.endRow(r);
    }
    packer.seal();
    // 5 rows in batches of 2: 2 + 2 + 1
    expect(packer.ready.map((b) => unpackRows(b).map((x) => x.r))).toEqual([[0, 3], [4, 5], [1_048_575]]);
    expect(packer.ready.flatMap(unpackRows)).toEqual(rows);
  });

  it('a row without a cell is no row', () => {
    const packer = new RowPacker();
    packer.endRow(7);
    packer.text(0, 'x');
    packer.endRow(8);
    packer.seal();
    expect(unpackRows(packer.ready[0]!)).toEqual([{ r: 8, cells: [{ t: 's', v: 'x' }] }]);
  });
});
