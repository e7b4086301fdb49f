// Reads one org-year from the warehouse into a SummaryInput, through the indicator reader
// (src/lib/indicators/read.ts) only: the PDF quotes exactly the figures the dashboard and the API show.
import type { Db } from '../../src/lib/db/duckdb.ts';
import { ORG_TYPES } from '../../src/lib/ingest/families.ts';
import { INDICATORS, resolve } from '../../src/lib/indicators/dictionary.ts';
import { BY_ACTIVITY_KIND, BY_AID_CATEGORY, BY_ORG_TYPE, type Breakdown } from '../../src/lib/indicators/dimensions.ts';
import { getIndicators, getTrend, listOrgs } from '../../src/lib/indicators/read.ts';
import { getChildTable } from '../../src/lib/indicators/child-table.ts';
import type { IndicatorReport, OrgListing } from '../../src/lib/indicators/types.ts';
import { CHILD_CODES } from './attachments.ts';
import type { Figure, OrgRef, Slice, SummaryInput } from './types.ts';

/** English org-type names; the three base-union types come from the dictionary's breakdown. */
const TYPE_EN: Record<string, string> = {
  federation: 'Federation',
  street_federation: 'Street federation',
  ...Object.fromEntries(BY_ORG_TYPE.dims.map((d) => [d.key, d.en.replace(/s$/, '')])),
};

export function orgRef(o: { code: string; name: string; type: string | null }): OrgRef {
  const type = o.type ?? null;
  return {
    code: o.code,
    name: o.name,
    type,
    typeZh: type ? ((ORG_TYPES as Record<string, string>)[type] ?? type) : null,
    typeEn: type ? (TYPE_EN[type] ?? type) : null,
  };
}

function unitOf(code: string): Figure['unit'] {
  const r = resolve(code);
  if (!r) throw new Error(`Unknown indicator key ${code}`);
  return r.indicator.unit;
}

function figures(report: IndicatorReport): Record<string, Figure> {
  const out: Record<string, Figure> = {};
  for (const [key, v] of Object.entries(report.indicators)) {
    out[key] = {
      value: v.value,
      unit: v.unit,
      numerator: v.numerator,
      denominator: v.denominator,
      previous: v.previous,
      previousNumerator: v.previous_numerator,
      previousDenominator: v.previous_denominator,
      change: v.change,
    };
  }
  return out;
}

function slices(report: IndicatorReport, code: string, breakdown: Breakdown): Slice[] {
  return breakdown.dims.map((d) => ({ key: d.key, zh: d.zh, en: d.en, value: report.indicators[`${code}:${d.key}`]?.value ?? null }));
}

/** The appendix: every indicator a reader meets (components only feed rates), with its formula. */
export function definitions(): SummaryInput['definitions'] {
  return INDICATORS.filter((i) => !i.component).map((i) => ({
    code: i.code,
    zh: i.zh,
    en: i.en,
    unit: i.unit,
    definitionZh: i.formula.zh === i.definition.zh ? i.definition.zh : `${i.definition.zh}（${i.formula.zh}）`,
    definitionEn: i.formula.en === i.definition.en ? i.definition.en : `${i.definition.en} (${i.formula.en})`,
  }));
}

export interface LoadOptions {
  /** Pinned "generated at" (ISO 8601). */
  generatedAt: string;
  /** The org list, when the caller has it already (a batch run reads it once). */
  orgs?: OrgListing[];
  /** Years of trend shown in the chart (default 5, the year included). */
  trendYears?: number;
}

export async function loadSummaryInput(db: Db, org: string, year: number, opts: LoadOptions): Promise<SummaryInput> {
  const report = await getIndicators(db, org, year);
  const orgs = opts.orgs ?? (await listOrgs(db));
  const byCode = new Map(orgs.map((o) => [o.code, o]));
  const parents: OrgRef[] = [];
  for (let p = byCode.get(org)?.parent; p && parents.length < 20; p = byCode.get(p)?.parent) {
    const o = byCode.get(p);
    if (o) parents.unshift(orgRef(o));
  }

  const span = opts.trendYears ?? 5;
  const trendRows = await getTrend(db, org, ['coverage.members', 'coverage.membership_rate', 'relief.amount'], year - span + 1, year);
  const years = [...new Set(trendRows.map((r) => r.year))].sort((a, b) => a - b);
  const at = (y: number, code: string) => trendRows.find((r) => r.year === y && r.code === code)?.value ?? null;

  // The child table of the pages and downloads (src/lib/indicators/child-table.ts): the children
  // standing at D, also those without a value this year (they read "—"), and 本级 so that the rows
  // add up to 合计.
  const table = await getChildTable(db, org, year, CHILD_CODES, report);
  const listed = new Map(orgs.map((o) => [o.code, o]));
  const children = table.children.map((c) => {
    const figs: Record<string, Figure> = {};
    for (const [code, v] of Object.entries(c.values)) figs[code] = { ...v, unit: unitOf(code) };
    return { org: orgRef(listed.get(c.org.code) ?? c.org), figures: figs };
  });
  const own: Record<string, Figure> = {};
  if (children.length > 0) for (const code of CHILD_CODES) own[code] = { ...table.own[code]!, unit: unitOf(code) };

  const batch =
    report.batch === null
      ? null
      : {
          id: report.batch,
          finishedAt: await db.value<string | null>(
            // The one fact the indicator report does not carry: when the batch finished.
            "select strftime(finished_at at time zone 'UTC', '%Y-%m-%dT%H:%M:%SZ') from ingest_batch where batch_id = $b",
            { b: report.batch },
          ),
        };

  return {
    org: orgRef(report.org),
    parents,
    year,
    asOf: report.as_of,
    batch,
    generatedAt: opts.generatedAt,
    figures: figures(report),
    breakdowns: {
      unionsByType: slices(report, 'coverage.unions_by_type', BY_ORG_TYPE),
      reliefByCategory: slices(report, 'relief.amount', BY_AID_CATEGORY),
      activityByKind: slices(report, 'activity.count', BY_ACTIVITY_KIND),
    },
    trend: years.map((y) => ({
      year: y,
      members: at(y, 'coverage.members'),
      membershipRate: at(y, 'coverage.membership_rate'),
      reliefAmount: at(y, 'relief.amount'),
    })),
    children,
    own,
    definitions: definitions(),
  };
}

/**
 * True when anything was recorded for the org in the year (a batch run skips the rest). The count of
 * unions is structure, not data: every standing union counts itself.
 */
export function hasData(input: SummaryInput): boolean {
  return Object.entries(input.figures).some(
    ([code, f]) => !code.startsWith('coverage.unions_by_type') && f && f.value !== null && f.value !== 0,
  );
}
