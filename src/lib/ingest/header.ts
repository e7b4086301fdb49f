// Where the header is: clerks put a title ("2024年会员名册"), a unit line or a blank row above it, and
// sometimes a group header ("基本信息" merged over several columns) above the real one. The header is
// the row (or pair of rows) among the first 30 that matches a family best.
import { NoHeader, RefusedFile, UnknownFamily, recogniseFamily, type HeaderMapping } from './detect.ts';
import type { FamilyName } from './families.ts';

export const HEADER_SEARCH_ROWS = 30;

export interface FoundHeader {
  /** 0-based index of the first header row; data starts at index + span. */
  index: number;
  span: 1 | 2;
  headers: string[];
  mapping: HeaderMapping;
}

const blank = (v: string | null | undefined) => v === null || v === undefined || v.trim() === '';

/** Unique, non-blank header names: a blank header cell becomes 列N (its column), repeats get _2. */
export function uniqueHeaders(values: (string | null | undefined)[]): string[] {
  const seen = new Map<string, number>();
  return Array.from(values, (v, i) => { // Array.from: sparse rows have holes
    const base = (v ?? '').replace(/\s*\n\s*/g, '').trim() || `列${i + 1}`;
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    return n ? `${base}_${n + 1}` : base;
  });
}

/** Row i and the row below as one header: the lower cell where given, else the upper (merged down). */
function combine(upper: (string | null)[], lower: (string | null)[]): (string | null)[] {
  const n = Math.max(upper.length, lower.length);
  return Array.from({ length: n }, (_, c) => (blank(lower[c]) ? (upper[c] ?? null) : lower[c]!));
}

/**
 * The best header among the first rows. When no row is a register header: the refusal of the first
 * row that came close (a header short of required columns, two headers for one column), else a
 * refusal that says no header was found in the rows searched, with the headers the family needs.
 */
export function findHeader(rows: (string | null)[][], fileName: string, override?: FamilyName): FoundHeader {
  let best: (FoundHeader & { hits: number }) | undefined;
  let firstError: RefusedFile | undefined;
  let nearest: RefusedFile | undefined;
  const limit = Math.min(rows.length, HEADER_SEARCH_ROWS);
  for (let i = 0; i < limit; i++) {
    const row = rows[i] ?? [];
    if (row.every(blank)) continue;
    const candidates: { span: 1 | 2; cells: (string | null)[] }[] = [{ span: 1, cells: row }];
    const next = rows[i + 1];
    if (next && !next.every(blank)) candidates.push({ span: 2, cells: combine(row, next) });
    for (const cand of candidates) {
      const headers = uniqueHeaders(trimEnd(cand.cells));
      try {
        const mapping = recogniseFamily(fileName, headers, override);
        // A pair must add to its lower row: at equal matches the single row wins (a title above).
        const hits = mapping.columns.size * 2 - (cand.span - 1);
        if (!best || hits > best.hits) best = { index: i, span: cand.span, headers, mapping, hits };
      } catch (e) {
        if (!(e instanceof RefusedFile)) throw e;
        firstError ??= e;
        if (!(e instanceof NoHeader) && !(e instanceof UnknownFamily)) nearest ??= e;
      }
    }
  }
  if (!best) throw nearest ?? notFound(firstError, limit);
  const { hits: _, ...found } = best;
  return found;
}

function notFound(first: RefusedFile | undefined, searched: number): RefusedFile {
  if (!first) return new RefusedFile('文件中没有任何内容。', 'The file has no content.');
  const where = `前${searched}行中没有找到可识别的表头`;
  const whereEn = `No recognisable header in the first ${searched} rows`;
  const fix = `请把表头放在前${HEADER_SEARCH_ROWS}行以内，列名按模板填写`;
  if (first instanceof NoHeader) {
    const f = first.family;
    const required = f.columns.filter((c) => c.required);
    const optional = f.columns.filter((c) => !c.required).slice(0, 6);
    return new RefusedFile(
      `${where}。${f.zh}登记表的表头应包括：${required.map((c) => c.zh).join('、')}` +
        (optional.length ? `（可选：${optional.map((c) => c.zh).join('、')}等）` : '') + `。${fix}后重新上传。`,
      `${whereEn}. A ${f.en} register needs: ${required.map((c) => c.zh).join(', ')}. Put the header within the first ${HEADER_SEARCH_ROWS} rows with the template's column names.`,
    );
  }
  const cells = first instanceof UnknownFamily ? first.headers.slice(0, 6).join('、') : '';
  return new RefusedFile(
    `${where}，文件名也没有说明是哪一类登记表${cells ? `（首行：${cells}）` : ''}。${fix}，或把文件命名为“会员.xlsx”“单位.csv”等。`,
    `${whereEn}, and the file name does not say which register it is. Use the template's headers within the first ${HEADER_SEARCH_ROWS} rows, or name the file e.g. 会员.xlsx.`,
  );
}

/** Trailing blank cells are not columns (a sheet's used range often reaches past the table). */
export function trimEnd(cells: (string | null)[]): (string | null)[] {
  let n = cells.length;
  while (n > 0 && blank(cells[n - 1])) n--;
  return cells.slice(0, n);
}

export function headerNote(found: FoundHeader): { zh: string; en: string } | undefined {
  if (found.index === 0 && found.span === 1) return undefined;
  const first = found.index + 1;
  return found.span === 1
    ? { zh: `表头在第${first}行，其上 ${found.index} 行（标题等）未作为数据读取。`, en: `The header is on row ${first}; the ${found.index} row(s) above it (title etc.) were not read as data.` }
    : { zh: `表头在第${first}-${first + 1}行（两行合并表头）。`, en: `The header spans rows ${first}-${first + 1} (a two-row group header).` };
}
