// The indicator report: the one JSON shape the CLI (--json), the HTTP API, the dashboard and the PDF
// summaries share. Values are plain JSON numbers:
//   rates   → a fraction rounded to 4 places (0.9632), with integer numerator and denominator;
//   money   → yuan with two decimals (335000.5);
//   counts  → integers (training hours may carry one decimal);
//   ratios  → 元/人次 with two decimals, numerator = money, denominator = person-times.
// A zero denominator gives value null and display "—". `display`/`previous_display`/`change_display`
// come from the one formatter (src/lib/format) in Chinese.
import type { Change, Unit } from '../format/index.ts';

export interface OrgRef {
  code: string;
  name: string;
  /** orgs.org_type: federation, street_federation, community_union, joint_union, grassroots_union. */
  type: string;
}

export interface IndicatorValue {
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  unit: Unit;
  display: string;
  /** The same indicator for year − 1; null when that year has no data (the first data year). */
  previous: number | null;
  /** Last year's exact parts of a rate or ratio (null otherwise), so every surface rounds the same fraction. */
  previous_numerator: number | null;
  previous_denominator: number | null;
  previous_display: string;
  /** The change computed once, by the one rule (src/lib/format `change`), from the exact values. */
  change: Change | null;
  /** 同比 (percent) for counts and money, 百分点 for rates; "—" when not computable. */
  change_display: string;
}

export interface IndicatorReport {
  org: OrgRef;
  year: number;
  /** The as-of date of stocks: 'YYYY-12-31'. */
  as_of: string;
  /** The latest ingest batch the warehouse holds, null when none is recorded. */
  batch: number | null;
  /** Keyed by `code` or `code:dimension`, in dictionary order. */
  indicators: Record<string, IndicatorValue>;
}

/** One row of the mart table indicator_values, as read. */
export interface MartRow {
  org_code: string;
  year: number;
  code: string;
  value: number | null;
  numerator: number | null;
  denominator: number | null;
}

/** For trend charts: one point per year per code. */
export interface TrendPoint {
  year: number;
  code: string;
  value: number | null;
  numerator: number | null;
  denominator: number | null;
}

/** For the child breakdown: a direct child org and its values (keyed like the report). */
export interface ChildValues {
  org: OrgRef;
  values: Record<string, { value: number | null; numerator: number | null; denominator: number | null }>;
}

export interface OrgListing extends OrgRef {
  parent: string | null;
  /** Distance from the root (root = 0). */
  depth: number;
}

/** One row per month (1–12) and category: aid, and new members (category null). */
export interface MonthlyRow {
  month: number;
  series: 'aid' | 'new_members';
  category: string | null;
  amount: number | null;
  person_times: number;
}

/** One row per series, month (1–12) and category of the work areas' dated flows (monthly_areas.sql). */
export interface AreaMonthRow {
  month: number;
  series: 'cases' | 'contracts' | 'awards' | 'funds' | 'placements';
  category: string | null;
  count: number;
  amount: number | null;
  person_times: number | null;
}

/** Thrown for an unknown org or a year without data; carries a message in both languages. */
export class NotFoundError extends Error {
  readonly zh: string;
  readonly en: string;
  constructor(zh: string, en: string) {
    super(`${zh} / ${en}`);
    this.name = 'NotFoundError';
    this.zh = zh;
    this.en = en;
  }
}
