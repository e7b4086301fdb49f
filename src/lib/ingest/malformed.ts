// CSV lines the reader could not split into the header's columns. They never reach a raw table, so
// their text is kept whole in the quarantine: nothing is lost.
import type { Db } from '../db/duckdb.ts';
import type { Family } from './families.ts';
import type { FileContext } from './apply.ts';
import { message } from './reasons.ts';

export async function recordMalformed(
  db: Db,
  f: Family,
  ctx: FileContext,
  lines: { line: number; text: string; error: string }[],
): Promise<number> {
  for (const l of lines) {
    const detail = l.error.replace(/^Expected Number of Columns: (\d+) Found: (\d+)/, '表头 $1 列，该行 $2 列|header has $1 columns, row has $2');
    const [zh, en] = detail.includes('|') ? detail.split('|') : [l.error, l.error];
    await db.run(
      `insert into quarantine values ($batch, $file, $family, $file_name, $sheet, $row, null, null, $value, 'malformed_row', $zh, $en)`,
      {
        batch: ctx.batchId, file: ctx.fileId, family: f.name, file_name: ctx.fileName, sheet: ctx.sheet, row: l.line,
        value: l.text, zh: message('malformed_row', 'zh', { detail: zh! }), en: message('malformed_row', 'en', { detail: en! }),
      },
    );
  }
  return lines.length;
}
