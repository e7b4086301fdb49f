// Dates as the report prints them. Computed by hand, not with Intl, so the text does not depend on
// the ICU data of the machine that renders it (the golden test compares it byte for byte).
const MONTHS_EN = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

function parts(ymd: string): [number, number, number] {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(ymd);
  if (!m) throw new Error(`not a date: ${ymd}`);
  return [Number(m[1]), Number(m[2]), Number(m[3])];
}

/** '2025-12-31' → '2025年12月31日' */
export function dateZh(ymd: string): string {
  const [y, m, d] = parts(ymd);
  return `${y}年${m}月${d}日`;
}

/** '2025-12-31' → '31 December 2025' */
export function dateEn(ymd: string): string {
  const [y, m, d] = parts(ymd);
  return `${d} ${MONTHS_EN[m - 1]} ${y}`;
}

/** An instant shown in China Standard Time (UTC+8, no daylight saving): 'YYYY-MM-DD HH:mm'. */
export function chinaTime(iso: string): { ymd: string; hm: string } {
  const t = new Date(iso);
  if (Number.isNaN(t.getTime())) throw new Error(`not a timestamp: ${iso}`);
  const s = new Date(t.getTime() + 8 * 3600_000).toISOString();
  return { ymd: s.slice(0, 10), hm: s.slice(11, 16) };
}

export function dateTimeZh(iso: string): string {
  const { ymd, hm } = chinaTime(iso);
  return `${dateZh(ymd)} ${hm}`;
}

export function dateTimeEn(iso: string): string {
  const { ymd, hm } = chinaTime(iso);
  return `${dateEn(ymd)}, ${hm} (UTC+8)`;
}
