// A child-org table that adds up: the direct children, the org's own figures (本级) and the org's
// subtree total (合计). Pages, their CSV/xlsx downloads and the summary documents read it here so a
// reader can always check that the rows sum to the total (a county's 612万 of aid = 398万 paid by its
// streets + 214万 paid by the county itself).
//
// The children listed are those standing at D (31 Dec of the year: founded by then, not dissolved on
// or before it): a union dissolved in the year is not a row.
//
// The mart holds subtree values only, so 本级 is derived:
//   counts and money  own = org − Σ children listed           (each record belongs to exactly one org)
//   rates and ratios  own = (num_org − Σ num) / (den_org − Σ den)   (the org's own rate, from its parts)
//   distinct people   no own figure (null, shown "—"): a person aided in two streets is one person in
//                     the county total but one in each street, so org − Σ children is not "the org's own".
// This adds up and is never negative because every record counts at exactly one org of the subtree:
// aid where it was paid, members where they belong, and a unit at its "home" (queries/marts/coverage.sql:
// the union covering it at D, wherever that union sits, else its area). So a union's 组建率 and 入会率
// are over the units it covers, and the area org's 本级 holds its area's units not covered by a union
// (or covered by one outside the subtree: those count there). 本级 also holds what a child dissolved
// during the year recorded before it closed (aid it paid in the spring): the row is gone, the money stays.
import type { Db } from '../db/duckdb.ts';
import { resolve, type Kind } from './dictionary.ts';
import { getChildren, getIndicators } from './read.ts';
import { jsonValue, type Parts } from './report.ts';
import type { ChildValues, IndicatorReport, OrgRef } from './types.ts';

export type Values = ChildValues['values'];

export interface ChildTable {
  org: OrgRef;
  year: number;
  children: ChildValues[];
  /** 本级: the org's own records, not any child's. */
  own: Values;
  /** 合计: the org's subtree (= own + children for everything but distinct people). */
  total: Values;
}

/** Codes that count distinct people in a subtree: their children do not add up to the parent. */
export const DISTINCT_PEOPLE = new Set([
  'relief.persons', 'training.persons',
  // shared/indicators-2.md: honoured and placed people are counted once over the subtree too
  'honours.model_workers', 'honours.model_workers_hardship', 'honours.model_workers_awarded', 'honours.medals_awarded',
  'employment.persons',
]);

export function isDistinctPeople(code: string): boolean {
  return DISTINCT_PEOPLE.has(code.split(':')[0]!);
}

// Money has cents and training hours one decimal: round away the float noise of the subtraction.
const round = (x: number, places: number) => Math.round(x * 10 ** places) / 10 ** places || 0; // || 0: no "-0"

/** The own (本级) parts of one code from the org's parts and its children's. Pure. */
export function ownParts(code: string, kind: Kind, total: Parts, children: Parts[]): Parts {
  if (isDistinctPeople(code)) return { value: null, numerator: null, denominator: null };
  if (kind === 'rate' || kind === 'ratio') {
    const sum = (k: 'numerator' | 'denominator') => children.reduce((s, c) => s + (c[k] ?? 0), 0);
    const numerator = round((total.numerator ?? 0) - sum('numerator'), 2);
    const denominator = round((total.denominator ?? 0) - sum('denominator'), 2);
    const p = { value: null, numerator, denominator };
    return { ...p, value: jsonValue(kind, p) };
  }
  const value = round((total.value ?? 0) - children.reduce((s, c) => s + (c.value ?? 0), 0), 2);
  return { value, numerator: null, denominator: null };
}

/**
 * The children of `org` with the 本级 and 合计 rows for the given codes (breakdown keys allowed).
 * `report` = the org-year's report when the caller already holds it (pages do).
 */
export async function getChildTable(db: Db, org: string, year: number, codes: string[], report?: IndicatorReport): Promise<ChildTable> {
  report ??= await getIndicators(db, org, year);
  const standing = new Set(
    (await db.all<{ code: string }>(
      `select o.org_code as code
       from org_closure as c
       join orgs as o on o.org_code = c.descendant
       where c.ancestor = $org
         and c.depth = 1
         and (o.founded_on is null or o.founded_on <= make_date($year::integer, 12, 31))
         and (o.dissolved_on is null or o.dissolved_on > make_date($year::integer, 12, 31))`,
      { org, year },
    )).map((r) => r.code),
  );
  const children = (await getChildren(db, org, year, codes)).filter((c) => standing.has(c.org.code));
  const own: Values = {};
  const total: Values = {};
  for (const code of codes) {
    const r = resolve(code);
    if (!r) throw new Error(`Unknown indicator key ${code}`);
    const v = report.indicators[code]!;
    // the report hides the parts of counts; a count's value is its own numerator
    const t: Parts = { value: v.value, numerator: v.numerator, denominator: v.denominator };
    total[code] = t;
    own[code] = ownParts(code, r.indicator.kind, t, children.map((c) => c.values[code]!));
  }
  return { org: report.org, year, children, own, total };
}
