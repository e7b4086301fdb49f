// A workbook into its raw table: pick the register sheet (hidden sheets are skipped and reported,
// several register sheets refused by name: never a sheet dropped silently), find its header in its
// first rows, then stream its rows below the header into DuckDB as the clerk sees them (workbook.ts),
// one row at a time, so memory does not grow with the sheet. Cells that cannot be trusted (error
// values, identifiers typed as numbers) go to a temp table and are quarantined under their own
// reason. Merged body cells are filled once the rows are in (fill-merges.ts): in .xlsx the merges
// follow the cells.
import type { Db } from '../db/duckdb.ts';
import { RefusedFile, type FileFacts, type HeaderMapping } from './detect.ts';
import type { FamilyName } from './families.ts';
import { findHeader, headerNote, uniqueHeaders, HEADER_SEARCH_ROWS, type FoundHeader } from './header.ts';
import { cellName, cellText, displayText, hasNoValue, isFilled, readWorkbook, roleOf, type Cell, type CellRole, type Sheet, type Workbook } from './workbook.ts';
import { fillMerges } from './fill-merges.ts';
import { CsvRows, csvField } from './csv-rows.ts';
import { PackedCursor } from './xlsx-packed.ts';
import { rawOnOneThread } from './threads.ts';
import { q, rawTableName, type Note, type RawLoad } from './load-raw.ts';

interface Candidate {
  sheet: Sheet;
  found?: FoundHeader;
  error?: RefusedFile;
}

export async function loadWorkbook(db: Db, facts: FileFacts, fileId: number, override?: FamilyName): Promise<RawLoad> {
  // .xlsx in a worker thread: it parses while this thread appends (the first rows of each sheet for the header)
  const wb = await readWorkbook(facts.path, facts.bytes, facts.format === 'xls' ? 'xls' : 'xlsx', { headRows: HEADER_SEARCH_ROWS + 1 });
  try {
    return await loadBook(db, wb, facts, fileId, override);
  } finally {
    await wb.close?.();
  }
}

async function loadBook(db: Db, wb: Workbook, facts: FileFacts, fileId: number, override?: FamilyName): Promise<RawLoad> {
  const notes: Note[] = [];
  const candidates: Candidate[] = [];
  for (const sheet of wb.sheets) {
    if (sheet.hidden) {
      notes.push({ kind: 'hidden_sheet', sheet: sheet.name, zh: `隐藏的工作表“${sheet.name}”未读取。如需导入，请取消隐藏后重新上传。`, en: `Hidden sheet "${sheet.name}" was not read; unhide it to load it.` });
      continue;
    }
    const head = Array.from(await sheet.head(HEADER_SEARCH_ROWS + 1), (r) => Array.from(r ?? [], (c) => displayText(c)));
    if (head.every((r) => r.every((v) => v === null || v.trim() === ''))) continue; // empty sheet
    try {
      candidates.push({ sheet, found: findHeader(head, facts.fileName, override) });
    } catch (e) {
      if (!(e instanceof RefusedFile)) throw e;
      candidates.push({ sheet, error: e });
    }
  }
  const registers = candidates.filter((c) => c.found);
  if (registers.length === 0) {
    if (candidates.length === 1) throw candidates[0]!.error!;
    if (candidates.length === 0) throw new RefusedFile('工作簿中没有内容（可见的工作表都是空的）。', 'The workbook has no content (every visible sheet is empty).');
    throw new RefusedFile(
      `工作簿中没有可识别的登记表（工作表：${candidates.map((c) => `“${c.sheet.name}”`).join('、')}）。请使用模板表头。`,
      `No sheet of the workbook is a recognisable register (sheets: ${candidates.map((c) => c.sheet.name).join(', ')}).`,
    );
  }
  if (registers.length > 1)
    throw new RefusedFile(
      `工作簿中有 ${registers.length} 张登记表：${registers.map((c) => `“${c.sheet.name}”（${c.found!.mapping.family.zh}）`).join('、')}。请每个文件只放一张登记表（把同类的表合并到一张工作表，或分成几个文件上传）。`,
      `The workbook holds ${registers.length} register sheets (${registers.map((c) => c.sheet.name).join(', ')}). Put one register per file.`,
    );
  const { sheet, found } = registers[0] as Required<Pick<Candidate, 'sheet' | 'found'>>;
  for (const c of candidates)
    if (c !== registers[0])
      notes.push({ kind: 'other_sheet', sheet: c.sheet.name, zh: `工作表“${c.sheet.name}”不是登记表，未读取。`, en: `Sheet "${c.sheet.name}" is not a register; not read.` });
  const hn = headerNote(found);
  if (hn) notes.push({ ...hn, kind: 'header_row', sheet: sheet.name, row: found.index + 1 });
  return loadSheet(db, sheet, found, wb.date1904, fileId, notes);
}

async function loadSheet(db: Db, sheet: Sheet, found: FoundHeader, date1904: boolean, fileId: number, notes: Note[]): Promise<RawLoad> {
  const table = rawTableName(fileId);
  const issues = `cell_issues_${fileId}`;
  const first = found.index + found.span; // first data row, 0-based
  let headers = uniqueHeaders(found.headers);
  let roles = headers.map((h) => role(found.mapping, h));
  await db.run(`create table ${table} (_row_no integer, ${headers.map((h) => `${q(h)} varchar`).join(', ')});
    create or replace temp table ${issues} (_row_no integer, header varchar, value varchar, reason varchar)`);
  // Rows go to DuckDB as CSV text (csv-rows.ts): DuckDB copies each chunk in on its own thread while
  // this one builds the next lines from the worker's batches.
  await rawOnOneThread(db);
  const raw = new CsvRows(db, table, ['INTEGER', ...headers.map(() => 'VARCHAR')]);
  const bad = new CsvRows(db, issues, ['INTEGER', 'VARCHAR', 'VARCHAR', 'VARCHAR']);

  const append = (r: number, cells: SheetRowCells) => {
    const rowNo = r + 1;
    let line = String(rowNo);
    for (let c = 0; c < headers.length; c++) {
      const cell = cells[c];
      // Text cells, most of a register, are their text whatever the column (as cellText says): no
      // object per cell for them (a 100,000-row sheet has over a million).
      if (cell && cell.t === 's') {
        line += ',' + csvField(String(cell.v ?? ''));
        continue;
      }
      const { text, issue } = cellText(cell, roles[c]!, date1904);
      line += text === null ? ',' : ',' + csvField(text);
      if (issue) bad.add(`${rowNo},${csvField(headers[c]!)},${csvField(issue.value)},${csvField(issue.reason)}`);
    }
    raw.add(line);
  };

  // Formulas never computed (files written by scripts): their value is unknown, refuse the file.
  const noValue: string[] = [];
  // Rows without a filled cell are held until a filled row follows: blank rows inside the table are
  // rows (noise.ts says so), trailing ones of the used range are not.
  const blank = new Map<number, SheetRowCells>();
  let next = first; // the next row index to append
  let lastSeen = first - 1;
  /** A row as cells (false: stop reading, the file is refused anyway) */
  const onRow = async (r: number, cells: SheetRowCells): Promise<boolean> => {
    lastSeen = r;
    const lf = lastFilled(cells);
    if (lf < 0) {
      // Only rows with a string cell ('' or spaces, stored as written) need keeping: stubs are nulls.
      if (cells.some((c) => c && c.t !== 'z')) blank.set(r, cells);
      return true;
    }
    if (lf >= headers.length) {
      // A cell right of the header: the table gains a column (列N), earlier rows have none there.
      await raw.done();
      const wider = uniqueHeaders([...found.headers, ...Array(lf + 1 - found.headers.length).fill(null)]);
      for (const h of wider.slice(headers.length)) await db.run(`alter table ${table} add column ${q(h)} varchar`);
      headers = wider;
      roles = headers.map((h) => role(found.mapping, h));
      raw.types = ['INTEGER', ...headers.map(() => 'VARCHAR')];
    }
    for (let c = 0; c <= lf && noValue.length < 5; c++) if (hasNoValue(cells[c])) noValue.push(cellName(r, c));
    if (noValue.length >= 5) return false; // refused anyway: the message names the first five
    for (; next < r; next++) append(next, blank.get(next) ?? []);
    blank.clear();
    append(r, cells);
    next = r + 1;
    return true;
  };
  try {
    if (sheet.packed) {
      // The worker's batches as they come: a row of text cells only (nearly every row of a register)
      // goes to the CSV from the batch's text; any other row is unpacked into cells.
      reading: for await (const batch of sheet.packed(1000)) {
        const cur = new PackedCursor(batch);
        while (cur.next()) {
          if (cur.r < first) continue;
          if (cur.plain && plainRowFits(cur, headers.length)) {
            lastSeen = cur.r;
            for (; next < cur.r; next++) append(next, blank.get(next) ?? []);
            blank.clear();
            raw.addPlain(cur.r + 1, cur, headers.length);
            next = cur.r + 1;
          } else if (!(await onRow(cur.r, cur.cells()))) break reading;
        }
      }
    } else {
      for await (const { r, cells } of sheet.rows()) {
        if (r < first) continue;
        if (!(await onRow(r, cells))) break;
      }
    }
    if (noValue.length)
      throw new RefusedFile(
        `工作表“${sheet.name}”中的公式没有计算结果（${noValue.join('、')}${noValue.length === 5 ? ' 等' : ''}），无法知道显示的值。请在 Excel 或 WPS 中打开并保存后再上传。`,
        `Formulas in sheet "${sheet.name}" have no computed value (${noValue.join(', ')}). Open and save the file in Excel or WPS, then upload again.`,
      );
    // fillMerges reads the rows and their issues
    await raw.done();
    await bad.done();
    // Merged body cells: the value sits in the top-left cell only; the clerk sees it on every row.
    const merged = await fillMerges(db, { table, issues, sheet: sheet.name, headers, first, width: headers.length, merges: sheet.merges(), next, lastSeen });
    notes.push(...merged.notes);
    // Rows after the last filled one that a merge reaches are rows too (the merge's value is in them).
    for (; next <= merged.tailUpTo; next++) append(next, blank.get(next) ?? []);
    await raw.done(raw.count);
    await bad.done(bad.count);
    await merged.apply();
    return { table, headers, mapping: found.mapping, sheet: sheet.name, rowNoExpr: '_row_no', malformed: [], rows: raw.count, dropped: [], headingRows: merged.headingRows, cellIssues: issues, notes };
  } catch (e) {
    // A refused or unreadable sheet leaves no table behind (once no load of its rows is under way).
    await raw.close();
    await bad.close();
    await db.run(`drop table if exists ${table}; drop table if exists ${issues}`);
    throw e;
  } finally {
    await raw.close();
    await bad.close();
  }
}

type SheetRowCells = (Cell | null | undefined)[];

function role(m: HeaderMapping, header: string): CellRole {
  for (const [name, h] of m.columns) if (h === header) return roleOf(name, m.family.columns.find((c) => c.name === name)!.type);
  return 'other';
}

/**
 * A packed row of text cells that addPlain can write as it is: columns ascending and inside the
 * table, and a filled cell (isFilled: text that is not only white space), so that onRow would append
 * it unchanged (no 列N, no blank row, no formula).
 */
function plainRowFits(cur: PackedCursor, width: number): boolean {
  if (cur.n === 0) return false;
  let prev = -1;
  for (let i = 0; i < cur.n; i++) {
    const col = cur.cols[i]!;
    if (col <= prev || col >= width) return false;
    prev = col;
  }
  for (let i = 0; i < cur.n; i++) {
    const t = cur.texts[i]!;
    const c = t.charCodeAt(0);
    // a first character that is printable ASCII, or text with more than white space
    if ((c > 32 && c < 127) || (t.length > 0 && t.trim() !== '')) return true;
  }
  return false;
}

function lastFilled(row: SheetRowCells): number {
  for (let c = row.length - 1; c >= 0; c--) if (isFilled(row[c])) return c;
  return -1;
}
