// The dashboard sections of the work areas of shared/indicators-2.md: 权益维护 (rights), 民主管理
// (democracy), 荣誉与职工之家 (honours), 经费与服务 (services). Same shape as views.ts: KPI codes,
// then chart panels (each with the table behind it and its downloads), one of them the child orgs
// linking to the same section one level down.
import type { Breakdown } from '../indicators/dimensions.ts';
import {
  BY_CAMPAIGN, BY_CASE_KIND, BY_CHANNEL, BY_CONTRACT_TYPE, BY_FUND_CAMPAIGN, BY_HOME_TITLE, BY_INDUSTRY,
  BY_INSPECTION_KIND, BY_LEVEL, BY_OWNERSHIP, BY_PLACEMENT_CHANNEL, BY_STATION_TYPE,
} from '../indicators/dimensions.ts';
import { breakdownPanel, monthlyPanel, nameOf, type Panel } from '../charts/panels.ts';
import type { Unit } from '../format/index.ts';
import type { AreaMonthRow } from '../indicators/types.ts';
import { readersFor } from './cache.ts';
import type { OrgPage } from './org-page.ts';
import { tools, type SectionView } from './views.ts';

/** The sections, their path segment and heading key (pages.ts SECTIONS, Base.astro nav). */
export const AREA_SECTIONS = ['rights', 'democracy', 'honours', 'services'] as const;

/** One year's breakdown panel titled "codes · 按<dimension>". */
function byDim(p: OrgPage, id: string, codes: string[], breakdown: Breakdown, horizontal?: boolean): Panel {
  const { t, desc } = tools(p, '');
  const what = t('chart.by', { dim: breakdown[p.lang] });
  const names = codes.map((c) => nameOf(c, p.lang)).join(p.lang === 'zh' ? '、' : ', ');
  return breakdownPanel({ id, lang: p.lang, codes, breakdown, report: p.report, horizontal, title: `${names} · ${what}`, description: desc(what) });
}

/** A measure of monthly_areas.sql: the code it adds up to over the year, its series and what to sum. */
interface MonthMeasure {
  code: string;
  unit: Unit;
  series: AreaMonthRow['series'];
  pick: (r: AreaMonthRow) => number | null;
  category?: string;
}

/** Twelve months of the section's dated flows ("<names> · 按月份"), through the shared monthly panel. */
async function byMonth(p: OrgPage, id: string, measures: MonthMeasure[]): Promise<Panel> {
  const { title, desc, t } = tools(p, '');
  const rows = await readersFor(p.db).areaMonths(p.org.code, p.year);
  return monthlyPanel({
    id, lang: p.lang, title: title('chart.byMonth', measures.map((m) => m.code)), description: desc(t('chart.byMonth')),
    measures: measures.map((m) => ({
      name: nameOf(m.code, p.lang), unit: m.unit,
      values: Array.from({ length: 12 }, (_, i) =>
        rows.filter((r) => r.series === m.series && r.month === i + 1 && (m.category === undefined || r.category === m.category))
          .reduce((s, r) => s + Number(m.pick(r) ?? 0), 0)),
    })),
  });
}

export async function rightsView(p: OrgPage): Promise<SectionView> {
  const { trend, children } = tools(p, 'rights');
  const cases = ['rights.cases', 'rights.person_times'];
  const units = ['supervision.units_inspected', 'supervision.units_with_issues', 'supervision.units_rectified'];
  return {
    kpis: ['rights.cases', 'rights.person_times', 'rights.letters_visits', 'rights.handling_rate', 'rights.legal_aid_cases',
      'rights.legal_aid_persons', 'rights.disputes_mediated', 'rights.mediation_success_rate', 'rights.wages_recovered',
      'supervision.units_inspected', 'supervision.units_with_issues', 'supervision.units_rectified', 'supervision.rectification_rate'],
    panels: [
      byDim(p, 'rights-kind', cases, BY_CASE_KIND, false),
      byDim(p, 'rights-channel', cases, BY_CHANNEL, false),
      byDim(p, 'rights-inspections', units, BY_INSPECTION_KIND, false),
      await byMonth(p, 'rights-monthly', [
        { code: 'rights.cases', unit: '件', series: 'cases', pick: (r) => r.count },
        { code: 'rights.letters_visits', unit: '人次', series: 'cases', category: 'letter_visit', pick: (r) => r.person_times },
      ]),
      await children('rights-children', ['rights.cases', 'supervision.units_inspected']),
      await trend('rights-trend', ['rights.cases', 'rights.handling_rate']),
    ],
  };
}

export async function democracyView(p: OrgPage): Promise<SectionView> {
  const { trend, children } = tools(p, 'democracy');
  const rates = ['contracts.signing_rate', 'congress.establishment_rate'];
  return {
    kpis: ['contracts.signed', 'contracts.in_force', 'contracts.units_covered', 'contracts.signing_rate', 'contracts.workers_covered',
      'congress.units_established', 'congress.establishment_rate', 'congress.open_affairs_units', 'congress.sessions', 'congress.delegates'],
    panels: [
      byDim(p, 'democracy-ownership', rates, BY_OWNERSHIP),
      byDim(p, 'democracy-units', ['contracts.units_covered', 'congress.units_established', 'congress.open_affairs_units'], BY_OWNERSHIP),
      byDim(p, 'democracy-types', ['contracts.signed', 'contracts.in_force'], BY_CONTRACT_TYPE, false),
      await byMonth(p, 'democracy-monthly', [{ code: 'contracts.signed', unit: '份', series: 'contracts', pick: (r) => r.count }]),
      await children('democracy-children', rates),
      await trend('democracy-trend', ['contracts.units_covered', ...rates]),
    ],
  };
}

export async function honoursView(p: OrgPage): Promise<SectionView> {
  const { trend, children } = tools(p, 'honours');
  return {
    kpis: ['honours.workers_homes', 'honours.model_workers', 'honours.model_workers_hardship', 'honours.model_workers_awarded',
      'honours.medals_awarded'],
    panels: [
      byDim(p, 'honours-title', ['honours.workers_homes'], BY_HOME_TITLE, false),
      byDim(p, 'honours-level', ['honours.workers_homes', 'honours.model_workers', 'honours.model_workers_awarded', 'honours.medals_awarded'], BY_LEVEL, false),
      await byMonth(p, 'honours-monthly', [
        { code: 'honours.model_workers_awarded', unit: '人', series: 'awards', category: 'model_worker', pick: (r) => r.count },
        { code: 'honours.medals_awarded', unit: '人', series: 'awards', category: 'medal', pick: (r) => r.count },
      ]),
      await children('honours-children', ['honours.workers_homes']),
      await trend('honours-trend', ['honours.workers_homes', 'honours.model_workers']),
    ],
  };
}

export async function servicesView(p: OrgPage): Promise<SectionView> {
  const { trend, children } = tools(p, 'services');
  return {
    kpis: ['funds.raised', 'funds.donor_times', 'funds.items', 'funds.items_value', 'dues.due', 'dues.collected', 'dues.collection_rate',
      'stations.count', 'stations.coverage_rate', 'employment.placements', 'employment.persons'],
    panels: [
      byDim(p, 'services-campaign', ['funds.raised'], BY_FUND_CAMPAIGN, false),
      byDim(p, 'services-stations', ['stations.count'], BY_STATION_TYPE, false),
      byDim(p, 'services-placements', ['employment.placements', 'employment.persons'], BY_PLACEMENT_CHANNEL, false),
      await byMonth(p, 'services-monthly', [
        { code: 'funds.raised', unit: '元', series: 'funds', pick: (r) => r.amount },
        { code: 'employment.placements', unit: '人次', series: 'placements', pick: (r) => r.count },
      ]),
      await children('services-children', ['funds.raised', 'dues.collection_rate']),
      await trend('services-trend', ['funds.raised', 'dues.collected', 'dues.collection_rate']),
    ],
  };
}

/** Panels the part-2 additions bring to the coverage and relief sections. */
export function coverageAdded(p: OrgPage): { kpis: string[]; panels: Panel[] } {
  return {
    kpis: ['coverage.new_unions', 'coverage.new_units', 'coverage.units_200plus', 'coverage.female_membership_rate', 'women.committees'],
    panels: [
      byDim(p, 'cov-ownership', ['coverage.units_should', 'coverage.units_unionised'], BY_OWNERSHIP),
      byDim(p, 'cov-industry', ['coverage.units_should', 'coverage.units_unionised'], BY_INDUSTRY),
    ],
  };
}

export function reliefAdded(p: OrgPage): { kpis: string[]; panels: Panel[] } {
  return {
    kpis: ['relief.in_kind_value'],
    panels: [byDim(p, 'rel-campaign', ['relief.amount', 'relief.person_times'], BY_CAMPAIGN, false)],
  };
}
