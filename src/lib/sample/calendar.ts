// Dates as whole days since 1970-01-01 (UTC), so generation is integer arithmetic and cheap.

export type Day = number;
const MS = 86_400_000;

export function day(y: number, m: number, d: number): Day {
  return Date.UTC(y, m - 1, d) / MS;
}

export const PERIOD_START = day(2021, 1, 1);
export const PERIOD_END = day(2025, 12, 31);
export const YEARS = [2021, 2022, 2023, 2024, 2025] as const;
export const yearEnd = (y: number): Day => day(y, 12, 31);
export const yearStart = (y: number): Day => day(y, 1, 1);

/** Spring Festival (春节) of each year: holiday aid is paid in the weeks before it. */
export const SPRING_FESTIVAL: Record<number, Day> = {
  2021: day(2021, 2, 12),
  2022: day(2022, 2, 1),
  2023: day(2023, 1, 22),
  2024: day(2024, 2, 10),
  2025: day(2025, 1, 29),
};

export interface Ymd {
  y: number;
  m: number;
  d: number;
}

const cache = new Map<Day, Ymd>();
export function ymd(dd: Day): Ymd {
  let v = cache.get(dd);
  if (!v) {
    const t = new Date(dd * MS);
    v = { y: t.getUTCFullYear(), m: t.getUTCMonth() + 1, d: t.getUTCDate() };
    cache.set(dd, v);
  }
  return v;
}

const p2 = (n: number) => (n < 10 ? '0' : '') + n;
export const iso = (dd: Day): string => {
  const { y, m, d } = ymd(dd);
  return `${y}-${p2(m)}-${p2(d)}`;
};
export const slash = (dd: Day): string => {
  const { y, m, d } = ymd(dd);
  return `${y}/${m}/${d}`;
};
export const dotted = (dd: Day): string => {
  const { y, m, d } = ymd(dd);
  return `${y}.${m}.${d}`;
};
export const compact = (dd: Day): string => iso(dd).replace(/-/g, '');
export const chinese = (dd: Day): string => {
  const { y, m, d } = ymd(dd);
  return `${y}年${m}月${d}日`;
};
export const yearOf = (dd: Day): number => ymd(dd).y;
/** The same calendar day n years later (29 Feb → 1 Mar). */
export function addYears(dd: Day, n: number): Day {
  const { y, m, d } = ymd(dd);
  return day(y + n, m, d);
}
/** A JS Date at UTC midnight, which exceljs writes as a whole Excel serial date. */
export const excelDate = (dd: Day): Date => new Date(dd * MS);
