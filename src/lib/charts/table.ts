// The data behind a chart as people see it: a header row and display strings from the formatter.
// The page renders it as an HTML table, the island downloads it as CSV (UTF-8 with BOM, so Excel
// shows Chinese) or asks the server for .xlsx — the same cells everywhere, so the numbers agree.

import { inertText } from '../format/cells.ts';

export interface TableData {
  columns: string[];
  rows: string[][];
  /** Optional link per row (e.g. the child org's page) for the HTML table. */
  links?: (string | null)[];
  /** The last `summaryRows` rows are 本级/合计 rows (kept under the children, shown as a footer). */
  summaryRows?: number;
}

function csvCell(raw: string): string {
  const s = inertText(raw); // never a formula (src/lib/format/cells.ts)
  return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

export function toCsv(table: TableData): string {
  const lines = [table.columns, ...table.rows].map((r) => r.map(csvCell).join(','));
  return '\uFEFF' + lines.join('\r\n') + '\r\n';
}

/** A file name safe on Windows, keeping Chinese: '某街道 2024 组建率' → '某街道_2024_组建率'. */
export function safeFileName(name: string): string {
  return name.replace(/[\\/:*?"<>|\s]+/g, '_').replace(/^_+|_+$/g, '').slice(0, 120) || 'data';
}

/**
 * A display string back to a spreadsheet value: '1,211' → 1211; '96.3%' → {0.963, '0.0%'};
 * '33.50' → 33.5 with '#,##0.00'; anything else (names, '—') stays text.
 */
export function cellValue(display: string): { value: number | string; numFmt?: string } {
  const m = /^(-?[\d,]+)(?:\.(\d+))?(%?)$/.exec(display.trim());
  if (!m) return { value: inertText(display) };
  const decimals = m[2]?.length ?? 0;
  const n = Number(`${m[1]!.replaceAll(',', '')}${m[2] ? '.' + m[2] : ''}`);
  if (m[3]) return { value: Number((n / 100).toFixed(decimals + 2)), numFmt: `0.${'0'.repeat(Math.max(decimals, 1))}%` };
  return { value: n, numFmt: decimals ? `#,##0.${'0'.repeat(decimals)}` : '#,##0' };
}
