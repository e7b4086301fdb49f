// POST /api/xlsx {filename, sheet, table}: the chart's table as an .xlsx workbook.
// Built on the server so the browser does not download exceljs (≈ 1 MB) for one button.
import type { APIRoute } from 'astro';
import ExcelJS from 'exceljs';
import { cellValue, safeFileName, type TableData } from '../../lib/charts/table.ts';
import { inertText } from '../../lib/format/cells.ts';

const MAX_CELLS = 200_000;

function bad(message: string, status = 400): Response {
  return Response.json({ error: message }, { status });
}

function isTable(t: unknown): t is TableData {
  const x = t as TableData;
  return (
    !!x && Array.isArray(x.columns) && x.columns.every((c) => typeof c === 'string') &&
    Array.isArray(x.rows) && x.rows.every((r) => Array.isArray(r) && r.every((c) => typeof c === 'string'))
  );
}

export const POST: APIRoute = async ({ request }) => {
  let body: { filename?: unknown; sheet?: unknown; table?: unknown };
  try {
    body = await request.json();
  } catch {
    return bad('body must be JSON: {filename, sheet, table: {columns, rows}}');
  }
  if (!isTable(body.table)) return bad('table must be {columns: string[], rows: string[][]}');
  const table = body.table;
  if (table.rows.length * Math.max(1, table.columns.length) > MAX_CELLS) return bad('table too large', 413);
  const name = safeFileName(typeof body.filename === 'string' ? body.filename : 'data');
  const sheetName = (typeof body.sheet === 'string' ? body.sheet : 'data').replace(/[\\/?*[\]:]/g, ' ').slice(0, 31) || 'data';

  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(sheetName);
  ws.addRow(table.columns.map(inertText)).font = { bold: true };
  for (const r of table.rows) {
    // The first column names orgs: text, never a formula (src/lib/format/cells.ts).
    const row = ws.addRow(r.map((cell, i) => (i === 0 ? inertText(cell) : cellValue(cell).value)));
    r.forEach((cell, i) => {
      const fmt = i === 0 ? undefined : cellValue(cell).numFmt;
      if (fmt) row.getCell(i + 1).numFmt = fmt;
    });
  }
  ws.columns.forEach((c, i) => (c.width = i === 0 ? 28 : 14));
  const buf = await wb.xlsx.writeBuffer();
  // Copy into a fresh array: exceljs may hand back a view into a larger pooled buffer.
  return new Response(new Uint8Array(buf as unknown as Uint8Array), {
    headers: {
      'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      'content-disposition': `attachment; filename="data.xlsx"; filename*=UTF-8''${encodeURIComponent(name)}.xlsx`,
    },
  });
};
