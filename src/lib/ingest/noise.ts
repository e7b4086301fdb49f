// Rows that are not register rows: blank rows, sub-headings ("一、机关单位"), 合计/小计 rows, the
// header repeated on a printed page, and footers (填表人、填表日期). Each is skipped with one note and
// counted (`skipped`), so rows_read = loaded + quarantined + duplicates + skipped.
//
// Only rows that lack a required value are looked at: a noise row always does, and a clean file of
// millions of rows then costs one filter, not a scan of every cell.
import type { Db } from '../db/duckdb.ts';
import type { HeaderMapping } from './detect.ts';
import type { RawLoad } from './load-raw.ts';

export type NoiseKind = 'blank' | 'total' | 'footer' | 'header_repeat' | 'subheading';

export const NOISE_NOTES: Record<NoiseKind, { zh: string; en: string }> = {
  blank: { zh: '空行，已跳过。', en: 'Blank row, skipped.' },
  total: { zh: '合计/小计行，已跳过（合计由系统计算）。', en: 'Total row, skipped (totals are computed).' },
  footer: { zh: '表尾（填表人、填表日期等），已跳过。', en: 'Footer (filled in by, date …), skipped.' },
  header_repeat: { zh: '重复的表头行，已跳过。', en: 'Repeated header row, skipped.' },
  subheading: { zh: '分组小标题行（只有一个单元格有内容），已跳过。', en: 'Sub-heading row (one cell only), skipped.' },
};

const q = (id: string) => `"${id.replace(/"/g, '""')}"`;
const lit = (s: string) => `'${s.replace(/'/g, "''")}'`;

const TOTAL = `'^\\s*(合\\s*计|小\\s*计|总\\s*计|共\\s*计|合计数)'`;
const FOOTER = `'^\\s*(单位负责人|负责人|填表人|填报人|制表人|审核人|审批人|经办人|联系人|填表日期|填报日期|制表日期|审核日期|填表单位|注\\s*[:：]|说明\\s*[:：]|备注\\s*[:：])'`;
const HEADING = `'^\\s*([一二三四五六七八九十]+\\s*[、.．]|[（(][一二三四五六七八九十]+[)）]|第[一二三四五六七八九十0-9]+[部分组类批]).*|.*[:：]\\s*$'`;

/** Creates temp table `skipped` (_row_no, kind) for the raw file; returns how many rows it holds. */
export async function classifyNoise(db: Db, raw: RawLoad, m: HeaderMapping, headingRows: number[] = []): Promise<number> {
  const cols = raw.headers.map(q);
  const cells = `[${cols.map((c) => `nullif(trim(${c}), '')`).join(', ')}]`;
  const required = m.family.columns.filter((c) => c.required && m.columns.has(c.name)).map((c) => q(m.columns.get(c.name)!));
  // ... or repeat the header (printed pages): the first required cell holds its own header text.
  const firstReq = m.family.columns.find((c) => c.required && m.columns.has(c.name));
  // (both say what trim() would, but call it only on the cells that could need it: the filter reads
  // every row, and trimming five cells of each of 100,000 rows was most of this statement. trim()
  // removes the space separators, U+0020, U+00A0, U+1680 … U+205F and U+3000: a cell it empties
  // starts with one of them.)
  const header = firstReq && m.columns.get(firstReq.name)!;
  const repeat = header ? ` or (contains(${q(header)}, ${lit(header)}) and trim(${q(header)}) = ${lit(header)})` : '';
  const spaceFirst = (c: string) => `(ascii(${c}) in (32, 160, 12288) or ascii(${c}) between 5760 and 8287)`;
  const blankCell = (c: string) => `coalesce(${c}, '') = '' or (${spaceFirst(c)} and trim(${c}) = '')`;
  const lacking = required.length ? required.map(blankCell).join(' or ') + repeat : 'true';
  const headerTexts = `[${raw.headers.map(lit).join(', ')}]`;
  // A pre-numbered empty row (only its 序号 filled in) is blank.
  const seq = raw.headers.findIndex((h) => h.replace(/\s/g, '') === '序号');
  const numberedOnly = seq >= 0 ? `or (len(vals) = 1 and all_cells[${seq + 1}] is not null)` : '';
  const mergedHeadings = headingRows.length ? `_row_no in (${headingRows.join(', ')})` : 'false';
  await db.run(`create or replace temp table skipped as
    with c as (
      select ${raw.rowNoExpr} as _row_no, list_filter(${cells}, x -> x is not null) as vals, ${cells} as all_cells
      from ${raw.table}
      where ${lacking}
    )
    select _row_no, case
        when len(vals) = 0 ${numberedOnly} then 'blank'
        when len(list_filter(vals, x -> regexp_matches(x, ${TOTAL}))) > 0 then 'total'
        when len(list_filter(vals, x -> regexp_matches(x, ${FOOTER}))) > 0 then 'footer'
        when len(list_filter(list_zip(all_cells, ${headerTexts}), p -> p[1] = p[2])) * 2 >= len(vals) and len(vals) >= 2 then 'header_repeat'
        when len(vals) = 1 and (${mergedHeadings} or regexp_full_match(vals[1], ${HEADING})
          or (all_cells[1] is not null and not regexp_full_match(all_cells[1], '[0-9.]+'))) then 'subheading'
      end as kind
    from c
    where kind is not null`);
  return Number(await db.value('select count(*) from skipped'));
}
