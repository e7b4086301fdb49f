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
  if (!lines.length) return 0;
  const app = await db.appender('quarantine');
  for (const l of lines) {
    const detail = l.error.replace(/^Expected Number of Columns: (\d+) Found: (\d+)/, '表头 $1 列，该行 $2 列|header has $1 columns, row has $2');
    const [zh, en] = detail.includes('|') ? detail.split('|') : [l.error, l.error];
    app.appendInteger(ctx.batchId);
    app.appendInteger(ctx.fileId);
    app.appendVarchar(f.name);
    app.appendVarchar(ctx.fileName);
    if (ctx.sheet === null) app.appendNull();
    else app.appendVarchar(ctx.sheet);
    app.appendInteger(l.line);
    app.appendNull(); // column_name: the whole row
    app.appendNull(); // column_zh
    app.appendVarchar(l.text);
    app.appendVarchar('malformed_row');
    app.appendVarchar(message('malformed_row', 'zh', { detail: zh! }));
    app.appendVarchar(message('malformed_row', 'en', { detail: en! }));
    app.endRow();
  }
  app.closeSync();
  return lines.length;
}
