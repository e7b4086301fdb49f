// A workbook into its raw table: pick the register sheet (hidden sheets are skipped and reported,
// several register sheets refused by name: never a sheet dropped silently), find its header, and
// append every row below it as the clerk sees it (workbook.ts). Cells that cannot be trusted (error
// values, identifiers typed as numbers) go to a temp table and are quarantined under their own reason.
import type { Db } from '../db/duckdb.ts';
import { RefusedFile, type FileFacts, type HeaderMapping } from './detect.ts';
import type { FamilyName } from './families.ts';
import { findHeader, headerNote, uniqueHeaders, HEADER_SEARCH_ROWS, type FoundHeader } from './header.ts';
import { cellName, cellText, displayText, hasNoValue, isFilled, rangeName, readWorkbook, roleOf, type CellRole, type Sheet } from './workbook.ts';
import { q, rawTableName, type Note, type RawLoad } from './load-raw.ts';

interface Candidate {
  sheet: Sheet;
  found?: FoundHeader;
  error?: RefusedFile;
}

export async function loadWorkbook(db: Db, facts: FileFacts, fileId: number, override?: FamilyName): Promise<RawLoad> {
  const wb = readWorkbook(facts.path, facts.bytes);
  const notes: Note[] = [];
  const candidates: Candidate[] = [];
  for (const sheet of wb.sheets) {
    if (sheet.hidden) {
      notes.push({ kind: 'hidden_sheet', sheet: sheet.name, zh: `隐藏的工作表“${sheet.name}”未读取。如需导入，请取消隐藏后重新上传。`, en: `Hidden sheet "${sheet.name}" was not read; unhide it to load it.` });
      continue;
    }
    const head = Array.from(sheet.rows.slice(0, HEADER_SEARCH_ROWS + 1), (r) => Array.from(r ?? [], (c) => displayText(c)));
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
  const rows = sheet.rows;
  let width = found.headers.length;
  for (let r = first; r < rows.length; r++) width = Math.max(width, lastFilled(rows[r] ?? []) + 1);
  const headers = uniqueHeaders([...found.headers, ...Array(Math.max(0, width - found.headers.length)).fill(null)]);
  const roles = headers.map((h) => role(found.mapping, h));

  // Formulas never computed (files written by scripts): their value is unknown, refuse the file.
  const noValue: string[] = [];
  for (let r = first; r < rows.length && noValue.length < 5; r++)
    for (let c = 0; c < width; c++) if (hasNoValue(rows[r]?.[c])) noValue.push(cellName(r, c));
  if (noValue.length)
    throw new RefusedFile(
      `工作表“${sheet.name}”中的公式没有计算结果（${noValue.join('、')}${noValue.length === 5 ? ' 等' : ''}），无法知道显示的值。请在 Excel 或 WPS 中打开并保存后再上传。`,
      `Formulas in sheet "${sheet.name}" have no computed value (${noValue.join(', ')}). Open and save the file in Excel or WPS, then upload again.`,
    );

  // Merged body cells: the value sits in the top-left cell only; the clerk sees it on every row.
  const fill = new Map<string, Sheet['rows'][number][number]>();
  const headingRows: number[] = [];
  for (const m of sheet.merges) {
    if (m.s.r < first) continue;
    if (m.e.c > m.s.c && m.e.r === m.s.r) {
      if (m.e.c - m.s.c + 1 >= Math.max(2, Math.floor(width / 2))) headingRows.push(m.s.r + 1);
      continue; // merged across columns: a heading or a wide note, not one value per column
    }
    for (let r = m.s.r + 1; r <= m.e.r; r++) fill.set(`${r},${m.s.c}`, rows[m.s.r]?.[m.s.c]);
    const col = headers[m.s.c] ?? `列${m.s.c + 1}`;
    notes.push({ kind: 'merged_cells', sheet: sheet.name, row: m.s.r + 1, zh: `合并单元格 ${rangeName(m)}（${col}）：其值已用于合并范围内的每一行。`, en: `Merged cells ${rangeName(m)} (${col}): the value applies to every row of the merge.` });
  }

  await db.run(`create table ${table} (_row_no integer, ${headers.map((h) => `${q(h)} varchar`).join(', ')});
    create or replace temp table ${issues} (_row_no integer, header varchar, value varchar, reason varchar)`);
  const app = await db.appender(table);
  const bad = await db.appender(issues);
  let count = 0;
  const last = lastRowWithContent(rows, first);
  for (let r = first; r < rows.length; r++) {
    const row = rows[r] ?? [];
    // Each row is let go once appended: the sheet's cells are not held while DuckDB's copy grows.
    rows[r] = [];
    const rowNo = r + 1;
    let any = false;
    const texts: (string | null)[] = new Array(width);
    for (let c = 0; c < width; c++) {
      const key = fill.size ? `${r},${c}` : '';
      const cell = fill.has(key) ? fill.get(key) : row[c];
      const { text, issue } = cellText(cell, roles[c]!, date1904);
      texts[c] = text;
      if (text !== null && text.trim() !== '') any = true;
      if (issue) {
        any = true;
        bad.appendInteger(rowNo);
        bad.appendVarchar(headers[c]!);
        bad.appendVarchar(issue.value);
        bad.appendVarchar(issue.reason);
        bad.endRow();
      }
    }
    // Trailing empty rows of the used range are not rows; blank rows inside the table are (noise.ts).
    if (!any && r > last) break;
    app.appendInteger(rowNo);
    for (const t of texts) (t === null ? app.appendNull() : app.appendVarchar(t));
    app.endRow();
    count++;
  }
  app.closeSync();
  bad.closeSync();
  return { table, headers, mapping: found.mapping, sheet: sheet.name, rowNoExpr: '_row_no', malformed: [], rows: count, dropped: [], headingRows, cellIssues: issues, notes };
}

function role(m: HeaderMapping, header: string): CellRole {
  for (const [name, h] of m.columns) if (h === header) return roleOf(name, m.family.columns.find((c) => c.name === name)!.type);
  return 'other';
}

function lastFilled(row: Sheet['rows'][number]): number {
  for (let c = row.length - 1; c >= 0; c--) if (isFilled(row[c])) return c;
  return -1;
}

function lastRowWithContent(rows: Sheet['rows'], first: number): number {
  for (let r = rows.length - 1; r >= first; r--) if (lastFilled(rows[r] ?? []) >= 0) return r;
  return first - 1;
}
