// Registers as clerks' programs write them (test/fixtures/registers: openpyxl, xlwt, LibreOffice,
// bytes as Excel saves CSV and "Unicode 文本"; make.py writes them with expected.json, what the clerk
// meant). One test per file: every row meant is loaded with exactly those values, every other row is
// quarantined under the named cause or skipped as noise, or the file is refused with the named cause.
// Nothing else: no row loaded that was not meant, none lost without a count.
// All files load in one batch into one warehouse (keys are unique per file), so the corpus costs one ingest.
import { beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ingestPaths, type FileResult } from '../../src/lib/ingest/pipeline.ts';
import { BASE, query, tempDir, writeFiles } from '../helpers/warehouse.ts';

interface Expected {
  file: string;
  written_by: string;
  family: string;
  table: string;
  key: string;
  rows: Record<string, string | null>[];
  problems: [number, string | null, string][];
  skipped: number;
  refused: string | null;
  notes: string[];
}

const DIR = fileURLToPath(new URL('../fixtures/registers/', import.meta.url));
const CORPUS: Expected[] = JSON.parse(readFileSync(join(DIR, 'expected.json'), 'utf8'));
const q = (id: string) => `"${id}"`;

let db: string;
const results = new Map<string, FileResult>();
beforeAll(async () => {
  db = join(tempDir(), 'corpus.duckdb');
  await ingestPaths(db, [writeFiles(BASE)]);
  const r = await ingestPaths(db, CORPUS.map((e) => join(DIR, e.file)));
  for (const f of r.files) results.set(basename(f.file), f);
}, 120_000);

it('holds at least 40 registers from at least four kinds of writer', () => {
  expect(CORPUS.length).toBeGreaterThanOrEqual(40);
  const writers = new Set(CORPUS.map((e) => e.written_by.split(/[ ,(]/)[0]));
  expect([...writers]).toEqual(expect.arrayContaining(['openpyxl', 'xlwt', 'LibreOffice', 'Excel']));
});

describe.each(CORPUS.map((e) => [`${e.file} (${e.written_by})`, e] as const))('%s', (_name, e) => {
  it(e.refused ? `is refused: ${e.refused}` : `loads ${e.rows.length} row(s) as meant, quarantines ${e.problems.length}, skips ${e.skipped}`, async () => {
    const r = results.get(e.file)!;
    if (e.refused) {
      expect(r.refused).toContain(e.refused);
      expect(r).toMatchObject({ loaded: 0, quarantined: 0 });
      return;
    }
    expect(r.refused).toBeNull();
    expect(r.family).toBe(e.family);
    const problemRows = new Set(e.problems.map((p) => p[0])).size;
    expect(r).toMatchObject({ loaded: e.rows.length, quarantined: problemRows, duplicates: 0, skipped: e.skipped });
    expect(r.rows_read).toBe(r.loaded + r.quarantined + r.duplicates + r.skipped);

    // the quarantine: exactly the cells named, with their cause
    const got = await query(db, `select row_no, column_name, reason from quarantine where file_name = $f order by 1, 2, 3`, { f: e.file });
    expect(got.map((p) => [p.row_no, p.column_name, p.reason])).toEqual([...e.problems].sort((a, b) => a[0] - b[0] || String(a[1]).localeCompare(String(b[1]))));

    // the rows: exactly the values meant (as text, so 910.00 is 910.00), and no other row from this file
    const cols = [...new Set(e.rows.flatMap((row) => Object.keys(row)))];
    if (cols.length) {
      const loaded = await query(db,
        `select ${cols.map((c) => `${q(c)}::varchar as ${q(c)}`).join(', ')} from ${e.table}
         where _file_id = (select file_id from ingest_file where file_name = $f and refused is null order by file_id desc limit 1)
         order by ${q(e.key)}`, { f: e.file });
      const meant = e.rows.map((row) => Object.fromEntries(cols.map((c) => [c, row[c] ?? null]))).sort((a, b) => String(a[e.key]).localeCompare(String(b[e.key])));
      expect(loaded).toEqual(meant);
    }

    // what the reader decided is said
    const notes = (r.notes ?? []).map((n) => n.zh).join('\n');
    for (const n of e.notes) expect(notes).toContain(n);
  });
});

it('the batch reconciles: rows read = loaded + quarantined + duplicates + skipped', async () => {
  const [b] = await query(db, `select rows_read, loaded, quarantined, duplicates, skipped from ingest_batch order by batch_id desc limit 1`);
  expect(Number(b!.rows_read)).toBe(Number(b!.loaded) + Number(b!.quarantined) + Number(b!.duplicates) + Number(b!.skipped));
  // one note per skipped row
  const [n] = await query(db, `select count(*)::integer as n from ingest_note where kind in ('blank', 'total', 'footer', 'header_repeat', 'subheading') and batch_id = 2`);
  expect(n!.n).toBe(Number(b!.skipped));
});
