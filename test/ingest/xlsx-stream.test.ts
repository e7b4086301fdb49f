// The streaming .xlsx reader (src/lib/ingest/{zip,xml-stream,xlsx-sheet,xlsx-stream}.ts) against
// files written by openpyxl (Debian's python3-openpyxl, which writes every string inline) and by the
// corpus's writers: the same cells SheetJS reads from them, whole characters across chunk boundaries,
// merges that come after the rows, and sheet names when workbook.xml is the last part of the zip.
import { beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ingestPaths } from '../../src/lib/ingest/pipeline.ts';
import { inspectFile, RefusedFile } from '../../src/lib/ingest/detect.ts';
import { loadRaw } from '../../src/lib/ingest/load-raw.ts';
import { Db } from '../../src/lib/db/duckdb.ts';
import { readWholeWorkbook, readWorkbook, type Cell, type Workbook } from '../../src/lib/ingest/workbook.ts';
import { readZipDirectory, entryString } from '../../src/lib/ingest/zip.ts';
import { XmlStream } from '../../src/lib/ingest/xml-stream.ts';
import { SheetParser } from '../../src/lib/ingest/xlsx-sheet.ts';
import { warmXlsxReader } from '../../src/lib/ingest/xlsx-thread.ts';
import { BASE, query, tempDir, writeFiles } from '../helpers/warehouse.ts';

const CORPUS = fileURLToPath(new URL('../fixtures/registers/', import.meta.url));

// Titles of 60-66 ideographs drawn by a small generator seeded by the row (reproducible, incompressible:
// the inflated chunks end inside characters), some with & < > that the XML escapes.
const TITLE = `
def title(i):
    x = i
    cs = []
    for _ in range(60 + i % 7):
        x = (x * 1103515245 + 12345) % 2**32
        cs.append(chr(0x4e00 + ((x >> 8) % 20902)))
    extra = ' & <联欢> "A"' if i % 97 == 0 else ''
    return '第%d期%s%s' % (i, ''.join(cs), extra)
`;
const title = (i: number) => {
  let x = i;
  const cs = Array.from({ length: 60 + (i % 7) }, () => {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    return String.fromCharCode(0x4e00 + ((x >>> 8) % 20902));
  });
  return `第${i}期${cs.join('')}${i % 97 === 0 ? ' & <联欢> "A"' : ''}`;
};

const ROWS = 3000;
const PY = `
import sys, os, zipfile, openpyxl
out = sys.argv[1]
${TITLE}
# 1. activities: 3,000 rows of inline strings; 组织单位 merged down in blocks of 100 rows (the merges
#    are written after all the rows, chunks after the first ones)
wb = openpyxl.Workbook()
ws = wb.active
ws.title = '活动'
ws.append(['活动编号', '组织单位', '活动类别', '名称', '开始日期'])
for i in range(1, ${ROWS} + 1):
    ws.append(['S%d' % i, 'G1' if (i - 1) % 100 == 0 else None, '文体活动', title(i), '2024-06-01'])
for start in range(2, ${ROWS} + 2, 100):
    ws.merge_cells('B%d:B%d' % (start, start + 99))
wb.save(os.path.join(out, '活动.xlsx'))

# 2. a hidden first sheet, the 1904 date system, a date cell, and workbook.xml (with its rels) moved
#    to the end of the zip, as some writers order it
wb = openpyxl.Workbook()
wb.epoch = openpyxl.utils.datetime.CALENDAR_MAC_1904
old = wb.active
old.title = '去年'
old.append(['x'])
old.sheet_state = 'hidden'
ws = wb.create_sheet('今年名单')
ws.append(['a', 'b'])
import datetime
ws.append(['日期', datetime.date(2024, 6, 1)])
ws['B2'].number_format = 'yyyy-mm-dd'
tmp = os.path.join(out, 'tmp.xlsx')
wb.save(tmp)
with zipfile.ZipFile(tmp) as zin, zipfile.ZipFile(os.path.join(out, 'order.xlsx'), 'w', zipfile.ZIP_DEFLATED) as zout:
    items = sorted(zin.infolist(), key=lambda i: (i.filename == 'xl/workbook.xml', i.filename == 'xl/_rels/workbook.xml.rels'))
    for i in items:
        zout.writestr(i, zin.read(i.filename))
os.remove(tmp)

# 3. what a stream meets late: a merged title above the header, a blank row and a sub-heading merged
#    across in the body, an error cell, a cell right of the header on row 2400, a merge of 组织单位 that
#    reaches below the last row, and styled empty cells further down (stubs)
from openpyxl.styles import Font
wb = openpyxl.Workbook()
ws = wb.active
ws.title = '活动'
ws.append(['2024年活动登记'])
ws.merge_cells('A1:E1')
ws.append(['活动编号', '组织单位', '活动类别', '名称', '开始日期'])
for i in range(1, 2502):
    if i == 1000:
        ws.append([])
    elif i == 1500:
        ws.append(['第二部分'])
        ws.merge_cells('A%d:E%d' % (ws.max_row, ws.max_row))
    else:
        ws.append(['E%d' % i, 'G1', '文体活动', title(i), '#N/A' if i == 1200 else '2024-06-01'])
ws['G2400'] = '备注：补录'
ws.merge_cells('B2495:B2506')
for c in 'ABCDE':
    ws['%s2600' % c].font = Font(bold=True)
wb.save(os.path.join(out, 'late.xlsx'))

# 4. a formula without a cached value on row 2400 (openpyxl never computes formulas)
wb = openpyxl.Workbook()
ws = wb.active
ws.append(['活动编号', '组织单位', '活动类别', '名称', '开始日期'])
for i in range(1, 2501):
    ws.append(['F%d' % i, 'G1', '文体活动', title(i), '=TEXT(45444,"yyyy-mm-dd")' if i == 2399 else '2024-06-01'])
wb.save(os.path.join(out, 'noval.xlsx'))
`;

let dir: string;
beforeAll(() => {
  dir = tempDir();
  execFileSync('/usr/bin/python3', ['-c', PY, dir]);
});

/** The fields cellText and the loader read: type, value, a number's format, whether there is a formula. */
const plain = (c: Cell | null | undefined) =>
  c ? { t: c.t, v: c.v instanceof Date ? c.v.toISOString() : c.v, ...(c.t === 'n' ? { z: c.z } : {}), f: typeof c.f === 'string' } : null;

async function cells(wb: Workbook) {
  const out = [];
  for (const s of wb.sheets) {
    const rows: unknown[] = [];
    for await (const row of s.rows()) rows.push([row.r, Array.from(row.cells, plain)]);
    out.push({ name: s.name, hidden: s.hidden, rows, merges: s.merges() });
  }
  return { date1904: wb.date1904, sheets: out };
}

describe('reads the same cells as SheetJS', () => {
  const files = readdirSync(CORPUS).filter((f) => f.endsWith('.xlsx'));
  it('the corpus holds .xlsx files from openpyxl and LibreOffice', () => expect(files.length).toBeGreaterThanOrEqual(15));
  it.each(files)('%s', async (f) => {
    const path = join(CORPUS, f);
    const size = statSync(path).size;
    expect(await cells(await readWorkbook(path, size))).toEqual(await cells(readWholeWorkbook(path, size)));
  });
  it.each(['活动.xlsx', 'order.xlsx', 'late.xlsx', 'noval.xlsx'])('openpyxl: %s', async (f) => {
    const path = join(dir, f);
    expect(await cells(await readWorkbook(path, statSync(path).size))).toEqual(await cells(readWholeWorkbook(path, statSync(path).size)));
  });
});

it('keeps characters and tags whole wherever a chunk ends', async () => {
  // The sheet XML fed in pieces of 1, 2, 3, 7 … characters gives the same rows as fed whole: every
  // tag, attribute, entity and inline string is cut somewhere.
  const path = join(dir, '活动.xlsx');
  const entries = await readZipDirectory(path);
  const xml = (await entryString(path, entries.get('xl/worksheets/sheet1.xml')!)).slice(0, 200_000);
  const ctx = { strings: [], formats: ['General'], date1904: false, errorCode: () => undefined };
  const parse = (step: number) => {
    const p = new SheetParser(ctx);
    const s = new XmlStream(p);
    for (let i = 0; i < xml.length; i += step) s.write(xml.slice(i, i + step));
    return p.done.map((r) => [r.r, r.cells.map(plain)]);
  };
  const whole = parse(xml.length);
  expect(whole.length).toBeGreaterThan(100);
  expect(whole[97]).toEqual([97, expect.arrayContaining([{ t: 's', v: title(97), f: false }])]); // the & < > row, decoded
  for (const step of [1, 2, 3, 7, 64, 1000]) expect(parse(step)).toEqual(whole);
});

it('loads 3,000 openpyxl rows: every title whole, merged 组织单位 filled on every row after the merges are read', async () => {
  // 活动.xlsx inflates to several hundred KB: dozens of 16 KB chunks, each ending inside a character
  // (3-byte UTF-8), and the merges come after the last row.
  const db = join(tempDir(), 'w.duckdb');
  const one = writeFiles({});
  execFileSync('cp', [join(dir, '活动.xlsx'), one]);
  const r = await ingestPaths(db, [writeFiles(BASE), one]);
  const f = r.files.find((x) => x.file.endsWith('活动.xlsx'))!;
  expect(f).toMatchObject({ rows_read: ROWS, loaded: ROWS, quarantined: 0, skipped: 0 });
  expect(f.notes!.map((n) => n.zh)).toContain('合并单元格 B2:B101（组织单位）：其值已用于合并范围内的每一行。');
  const stored = await query<{ no: string; title: string; org: string }>(db, `select activity_no as no, title, org_code as org from activities where activity_no like 'S%'`);
  expect(stored.length).toBe(ROWS);
  expect(stored.filter((s) => s.title !== title(Number(s.no.slice(1))) || s.org !== 'G1')).toEqual([]);
}, 120_000);

it('reads LibreOffice shared strings whole across chunk boundaries, and its merges after the rows', async () => {
  // LibreOffice writes strings to sharedStrings.xml (openpyxl writes them inline): the same 3,000 titles
  // saved again by Calc make a shared string part of several hundred KB, read in 16 KB chunks.
  const out = tempDir();
  execFileSync('soffice', [`-env:UserInstallation=file://${out}/profile`, '--headless', '--convert-to', 'xlsx:Calc MS Excel 2007 XML', '--outdir', out, join(dir, '活动.xlsx')], { stdio: 'ignore', timeout: 60_000 });
  const path = join(out, '活动.xlsx');
  const parts = await readZipDirectory(path);
  expect(parts.get('xl/sharedStrings.xml')!.size).toBeGreaterThan(10 * (1 << 14));
  const wb = await readWorkbook(path, statSync(path).size);
  const sheet = wb.sheets[0]!;
  const got: string[] = [];
  const orgs = new Set<unknown>();
  for await (const row of sheet.rows()) {
    if (row.r === 0) continue;
    expect(row.cells[3]?.t).toBe('s');
    got.push(String(row.cells[3]!.v));
    if (row.cells[1] && row.cells[1].t !== 'z') orgs.add(row.cells[1].v); // LibreOffice writes the covered cells as stubs
  }
  expect(got).toEqual(Array.from({ length: ROWS }, (_, i) => title(i + 1)));
  expect(sheet.merges().length).toBe(ROWS / 100); // B2:B101 … B2902:B3001, read after the last row
  expect(sheet.merges()[0]).toEqual({ s: { r: 1, c: 1 }, e: { r: 100, c: 1 } });
  expect([...orgs]).toEqual(['G1']);
}, 90_000);

it('names sheets, hides the hidden one and reads the 1904 system when workbook.xml is the last part of the zip', async () => {
  const path = join(dir, 'order.xlsx');
  const names = [...(await readZipDirectory(path)).keys()];
  expect(names.slice(-2)).toEqual(['xl/_rels/workbook.xml.rels', 'xl/workbook.xml']); // the parts the names come from are last
  const wb = await readWorkbook(path, statSync(path).size);
  expect(wb.sheets.map((s) => [s.name, s.hidden])).toEqual([['去年', true], ['今年名单', false]]);
  expect(wb.date1904).toBe(true);
  // 2024-06-01 in the 1904 system is serial 43982 (1462 days less than in the 1900 system), date format kept
  const rows = await wb.sheets[1]!.head(2);
  expect(plain(rows[1]![1])).toEqual({ t: 'n', v: 43982, z: 'yyyy-mm-dd', f: false });
});

describe('reads the same cells in a worker thread (what the ingest uses)', () => {
  // readWorkbook(…, { headRows }) parses in a worker and sends the rows packed (xlsx-thread.ts): the
  // heads, every sheet's rows read one after the other, and the merges are those read in this thread.
  const files = [
    ...readdirSync(CORPUS).filter((f) => f.endsWith('.xlsx')).map((f) => [f, () => join(CORPUS, f)] as const),
    ...['活动.xlsx', 'order.xlsx', 'late.xlsx', 'noval.xlsx'].map((f) => [`openpyxl: ${f}`, () => join(dir, f)] as const),
  ];
  it.each(files)('%s', async (_name, path) => {
    const size = statSync(path()).size;
    const here = await readWorkbook(path(), size);
    const there = await readWorkbook(path(), size, 'xlsx', { headRows: 31 });
    try {
      const heads = async (wb: Workbook) => Promise.all(wb.sheets.filter((s) => !s.hidden).map(async (s) => Array.from(await s.head(31), (r) => Array.from(r, plain))));
      expect(await heads(there)).toEqual(await heads(here));
      expect(await cells(there)).toEqual(await cells(here));
    } finally {
      await there.close?.();
    }
  });

  it('a read stopped early leaves nothing behind for the next one', async () => {
    const path = join(dir, '活动.xlsx');
    const wb = await readWorkbook(path, statSync(path).size, 'xlsx', { headRows: 31 });
    try {
      const first: number[] = [];
      for await (const row of wb.sheets[0]!.rows()) if (first.push(row.r) === 1500) break; // the worker is batches ahead
      const again: number[] = [];
      for await (const row of wb.sheets[0]!.rows()) again.push(row.r);
      expect(first).toEqual(again.slice(0, 1500));
      expect(again).toEqual(Array.from({ length: 3001 }, (_, i) => i)); // header + 3,000 rows, each once, in order
    } finally {
      await wb.close?.();
    }
  });

  it('a workbook read ahead (as inspectFile starts it) gives its own cells, and another file asked for instead its own', async () => {
    // inspectFile hands the first workbook of a run to the worker while the file is hashed and the
    // warehouse opened (warmXlsxReader): the read takes that worker when it asks for the same file; when
    // it asks for another (the first was found already loaded), the file read ahead is not what it gets.
    const a = join(dir, '活动.xlsx');
    const b = join(dir, 'order.xlsx');
    const expected = async (path: string) => cells(await readWorkbook(path, statSync(path).size));
    for (const [ahead, asked] of [[a, a], [a, b]] as const) {
      warmXlsxReader({ path: ahead, bytes: statSync(ahead).size, headRows: 31 });
      const wb = await readWorkbook(asked, statSync(asked).size, 'xlsx', { headRows: 31 });
      try {
        expect(await cells(wb)).toEqual(await expected(asked));
      } finally {
        await wb.close?.();
      }
    }
  });
});

describe('loads the same raw table as the whole-sheet reader did', () => {
  // format 'xls' makes readWorkbook parse the file whole with SheetJS (it reads .xlsx too): the loader
  // before streaming. Rows, cells, untrusted cells, headings, notes and refusals must all agree.
  const files = [
    ...readdirSync(CORPUS).filter((f) => f.endsWith('.xlsx')).map((f) => [f, () => join(CORPUS, f)] as const),
    ...['活动.xlsx', 'late.xlsx', 'noval.xlsx'].map((f) => [`openpyxl: ${f}`, () => join(dir, f)] as const),
  ];
  it.each(files)('%s', async (_name, path) => {
    const facts = await inspectFile(path());
    const db = await Db.open(':memory:');
    try {
      const load = async (id: number, format: 'xlsx' | 'xls') => {
        try {
          const r = await loadRaw(db, { ...facts, format }, id);
          const rows = await db.all(`select * from ${r.table} order by _row_no`);
          const issues = await db.all(`select * from ${r.cellIssues} order by all`);
          const { table: _t, cellIssues: _c, notes, mapping, ...rest } = r;
          return { ...rest, family: mapping.family.name, notes: notes.map((n) => n.zh).sort(), rows, issues };
        } catch (e) {
          if (!(e instanceof RefusedFile)) throw e;
          const left = await db.all(`select table_name from duckdb_tables() where table_name in ('raw_file_${id}', 'cell_issues_${id}')`);
          return { refused: e.message, left };
        }
      };
      expect(await load(1, 'xlsx')).toEqual(await load(2, 'xls'));
    } finally {
      db.close();
    }
  });

  it('the late cases are what they say', async () => {
    const db = await Db.open(':memory:');
    try {
      const r = await loadRaw(db, await inspectFile(join(dir, 'late.xlsx')), 1);
      expect(r.headers).toEqual(['活动编号', '组织单位', '活动类别', '名称', '开始日期', '列6', '列7']); // widened on row 2400
      expect(r.headingRows).toContain(1502); // the sub-heading merged across (i = 1500 is row 1502: title, header)
      expect(await db.all(`select _row_no, "列7" from raw_file_1 where "列7" is not null`)).toEqual([{ _row_no: 2400, '列7': '备注：补录' }]);
      expect(await db.all(`select * from cell_issues_1`)).toEqual([{ _row_no: 1202, header: '开始日期', value: '#N/A', reason: 'cell_error' }]);
      // the last data row is 2503; rows 2504-2506 lie inside the 组织单位 merge B2495:B2506 below it, so
      // the clerk sees G1 there: they are read (and their other cells are blank)
      expect(await db.all(`select _row_no, "组织单位", "活动编号" from raw_file_1 where _row_no > 2502 order by 1`)).toEqual([
        { _row_no: 2503, '组织单位': 'G1', '活动编号': 'E2501' },
        ...[2504, 2505, 2506].map((n) => ({ _row_no: n, '组织单位': 'G1', '活动编号': null })),
      ]);
      expect(r.rows).toBe(2506 - 2); // every row below the header, the blank one and the heading included
      await expect(loadRaw(db, await inspectFile(join(dir, 'noval.xlsx')), 2)).rejects.toThrow(/E2400/);
    } finally {
      db.close();
    }
  });
});

describe('a workbook that cannot be read', () => {
  // A download cut short (the zip's directory at its end is missing): refused, naming the fix in
  // Chinese first, never the zip library's words alone.
  it('is refused with what the clerk should do', async () => {
    const whole = readFileSync(join(CORPUS, '01-会员-openpyxl.xlsx'));
    const dir = writeFiles({ '会员.xlsx': whole.subarray(0, whole.length >> 1) });
    const path = join(dir, '会员.xlsx');
    const err = await readWorkbook(path, statSync(path).size, 'xlsx').then(() => null, (e: unknown) => e);
    expect(err).toBeInstanceOf(RefusedFile);
    expect((err as RefusedFile).message).toMatch(/^无法读取该工作簿，文件可能已损坏（如未下载完整）或设置了打开密码。请在 Excel 或 WPS 中打开/);
    // read in a worker (as the ingest does): the same refusal
    const there = await readWorkbook(path, statSync(path).size, 'xlsx', { headRows: 31 }).then(() => null, (e: unknown) => e);
    expect(there).toBeInstanceOf(RefusedFile);
    expect((there as RefusedFile).message).toBe((err as RefusedFile).message);
  });

  it('a sheet whose XML is cut short is refused naming the sheet, in a worker as in this thread', async () => {
    // the register's sheet part ends inside a row (a zip rewritten by a tool that failed half way)
    const src = join(CORPUS, '01-会员-openpyxl.xlsx');
    const out = join(tempDir(), '会员.xlsx');
    execFileSync('/usr/bin/python3', ['-c', `
import sys, zipfile
src, out = sys.argv[1], sys.argv[2]
with zipfile.ZipFile(src) as z, zipfile.ZipFile(out, 'w', zipfile.ZIP_DEFLATED) as w:
    for i in z.infolist():
        data = z.read(i.filename)
        if i.filename == 'xl/worksheets/sheet1.xml':
            data = data[: data.index(b'<row r="3"') + 12]
        w.writestr(i, data)
`, src, out]);
    const size = statSync(out).size;
    const refusal = async (wb: Workbook) => {
      try {
        for await (const _ of wb.sheets[0]!.rows());
        return null;
      } catch (e) {
        return e;
      } finally {
        await wb.close?.();
      }
    };
    const here = await refusal(await readWorkbook(out, size));
    const there = await refusal(await readWorkbook(out, size, 'xlsx', { headRows: 31 }));
    expect(here).toBeInstanceOf(RefusedFile);
    expect((here as RefusedFile).message).toMatch(/^无法读取工作表“.+”，文件可能已损坏/);
    expect(there).toBeInstanceOf(RefusedFile);
    expect((there as RefusedFile).message).toBe((here as RefusedFile).message);
  });
});

it('refuses a workbook over the .xlsx bound before opening it, naming the size and the fix', async () => {
  // the bound is checked on the file's size before anything is read (opening an .xlsx reads its
  // shared strings whole): a file said to be 201 MB is refused as too big both ways, even one that
  // is no zip at all (opened first, it would be refused as damaged)
  const path = join(CORPUS, readdirSync(CORPUS).find((f) => f.endsWith('.csv'))!);
  for (const inWorker of [undefined, { headRows: 31 }]) {
    const err = await readWorkbook(path, 201 * 1024 * 1024, 'xlsx', inWorker).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RefusedFile);
    expect((err as RefusedFile).zh).toContain('工作簿超过 200 MB');
    expect((err as RefusedFile).zh).toContain('CSV UTF-8');
  }
});
