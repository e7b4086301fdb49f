// Per-section page data: which KPIs each page shows and the chart panels it draws, built from the
// indicators helper's readers (src/lib/indicators/read.ts) and the pure panel shapers.
import { readersFor } from './cache.ts';
import { BY_ACTIVITY_KIND, BY_AID_CATEGORY, BY_AUDIENCE, BY_FUND_SOURCE, BY_ORG_TYPE, BY_OUTCOME_AUDIENCE } from '../indicators/dimensions.ts';
import { breakdownPanel, childrenPanel, monthlyPanel, nameOf, trendPanel, type Panel } from '../charts/panels.ts';
import { translator, type MessageKey } from '../i18n/index.ts';
import { lastYears, type OrgPage } from './org-page.ts';
import { orgPath } from './pages.ts';
import { sortChildren, type Sorted } from './sort.ts';
import { coverageAdded, reliefAdded } from './views-areas.ts';

export interface SectionView {
  kpis: string[];
  panels: Panel[];
}

export interface OverviewView {
  trend: Panel;
  children: Panel;
  sort: Sorted;
  tableCodes: string[];
}

export const CHILD_TABLE_CODES = [
  'coverage.unionisation_rate',
  'coverage.membership_rate',
  'coverage.members',
  'relief.amount',
  'training.person_times',
  'activity.count',
];

/** The overview's five-year trend. */
export const TREND_CODES = ['coverage.unionisation_rate', 'coverage.membership_rate', 'coverage.members'];

export async function overviewView(p: OrgPage, params: URLSearchParams): Promise<OverviewView> {
  const t = translator(p.lang);
  const years = lastYears(p.years, p.year);
  const codes = TREND_CODES;
  const trend = trendPanel({
    id: 'trend', lang: p.lang, codes, years,
    points: await readersFor(p.db).trend(p.org.code, codes, years[0]!, p.year),
    title: t('chart.trend'),
    description: t('chart.trendDesc', { org: p.org.name, from: years[0]!, to: p.year }),
  });
  const table = await readersFor(p.db).childTable(p.org.code, p.year, CHILD_TABLE_CODES);
  const sort = sortChildren(table.children, params, CHILD_TABLE_CODES, 'coverage.members');
  const children = childrenPanel({
    id: 'children', lang: p.lang, chartCodes: [sort.key], tableCodes: CHILD_TABLE_CODES, children: sort.rows, own: table.own, total: table.total,
    href: (c) => orgPath(c, p.year),
    title: `${t('chart.children')} · ${nameOf(sort.key, p.lang)}`,
    description: t('chart.childrenDesc', { org: p.org.name, year: p.year, indicator: nameOf(sort.key, p.lang) }),
  });
  return { trend, children, sort, tableCodes: CHILD_TABLE_CODES };
}

/** Shared helpers for the section pages (views-areas.ts builds the part-2 sections with them). */
export function tools(p: OrgPage, section: string) {
  const t = translator(p.lang);
  const years = lastYears(p.years, p.year);
  const title = (key: MessageKey, codes: string[]) => `${codes.map((c) => nameOf(c, p.lang)).join(p.lang === 'zh' ? '、' : ', ')} · ${t(key)}`;
  const desc = (what: string) => `${p.org.name} ${p.year}: ${what}`;
  const trend = async (id: string, codes: string[], types?: Record<string, 'bar' | 'line'>) => {
    const points = await readersFor(p.db).trend(p.org.code, codes, years[0]!, p.year);
    // the years the trend covers (a stored year's trend leaves out early reportable years: read.ts getTrend)
    const shown = [...new Set(points.map((x) => x.year))].sort((a, b) => a - b);
    return trendPanel({ id, lang: p.lang, codes, years: shown, types, points,
      title: title('chart.byYear', codes), description: `${p.org.name} ${shown[0] ?? p.year}–${p.year}: ${codes.map((c) => nameOf(c, p.lang)).join(', ')}` });
  };
  const children = async (id: string, codes: string[]) => {
    // Largest first, so the chart reads as a ranking.
    const table = await readersFor(p.db).childTable(p.org.code, p.year, codes);
    const rows = sortChildren(table.children, new URLSearchParams(), codes, codes[0]!).rows;
    return childrenPanel({ id, lang: p.lang, chartCodes: codes, tableCodes: codes, children: rows, own: table.own, total: table.total,
      href: (c) => orgPath(c, p.year, section), title: title('chart.byChild', codes), description: desc(t('chart.drillHint')) });
  };
  return { t, years, title, desc, trend, children };
}

export async function coverageView(p: OrgPage): Promise<SectionView> {
  const { t, title, desc, trend, children } = tools(p, 'coverage');
  const rates = ['coverage.unionisation_rate', 'coverage.membership_rate'];
  const monthly = await readersFor(p.db).monthly(p.org.code, p.year);
  const newMembers = Array.from({ length: 12 }, (_, i) =>
    monthly.filter((r) => r.series === 'new_members' && r.month === i + 1).reduce((s, r) => s + r.person_times, 0));
  const added = coverageAdded(p);
  return {
    kpis: ['coverage.units_should', 'coverage.units_unionised', 'coverage.unionisation_rate', 'coverage.employees',
      'coverage.members', 'coverage.membership_rate', 'coverage.migrant_membership_rate', 'coverage.new_members', ...added.kpis],
    panels: [
      await children('cov-children', rates),
      await trend('cov-trend', rates),
      breakdownPanel({ id: 'cov-types', lang: p.lang, codes: ['coverage.unions_by_type'], breakdown: BY_ORG_TYPE, report: p.report,
        title: title('chart.byType', ['coverage.unions_by_type']), description: desc(t('chart.byType')) }),
      monthlyPanel({ id: 'cov-monthly', lang: p.lang, title: t('coverage.newMembers'), description: desc(t('coverage.newMembers')),
        measures: [{ name: nameOf('coverage.new_members', p.lang), unit: '人', values: newMembers }] }),
      ...added.panels,
    ],
  };
}

export async function reliefView(p: OrgPage): Promise<SectionView> {
  const { t, title, desc, trend } = tools(p, 'relief');
  const monthly = await readersFor(p.db).monthly(p.org.code, p.year);
  const aid = Array.from({ length: 12 }, (_, i) =>
    monthly.filter((r) => r.series === 'aid' && r.month === i + 1).reduce((s, r) => s + (r.amount ?? 0), 0));
  const byCat = ['relief.amount', 'relief.person_times'];
  const added = reliefAdded(p);
  return {
    kpis: ['relief.amount', 'relief.person_times', 'relief.persons', 'relief.avg_per_person_time',
      'relief.files_active', 'relief.files_open', 'relief.files_new', 'relief.exits', 'relief.exit_rate', ...added.kpis],
    panels: [
      breakdownPanel({ id: 'rel-category', lang: p.lang, codes: byCat, breakdown: BY_AID_CATEGORY, report: p.report,
        title: title('chart.byCategory', byCat), description: desc(t('chart.byCategory')) }),
      breakdownPanel({ id: 'rel-fund', lang: p.lang, codes: ['relief.amount'], breakdown: BY_FUND_SOURCE, report: p.report, horizontal: false,
        title: title('chart.byFund', ['relief.amount']), description: desc(t('chart.byFund')) }),
      monthlyPanel({ id: 'rel-monthly', lang: p.lang, title: t('relief.seasonality'), description: desc(t('relief.seasonality')),
        measures: [{ name: nameOf('relief.amount', p.lang), unit: '元', values: aid }] }),
      { ...(await trend('rel-files', ['relief.files_new', 'relief.exits', 'relief.files_open', 'relief.exit_rate'])), title: t('chart.fileFlow') },
      ...added.panels,
    ],
  };
}

export async function trainingView(p: OrgPage): Promise<SectionView> {
  const { t, title, desc, trend, children } = tools(p, 'training');
  const byAud = ['training.sessions', 'training.person_times'];
  const outcome = ['training.certification_rate', 'training.employment_rate'];
  return {
    kpis: ['training.sessions', 'training.person_times', 'training.persons', 'training.hours',
      'training.cadre_rate', 'training.certification_rate', 'training.employment_rate'],
    panels: [
      breakdownPanel({ id: 'tr-audience', lang: p.lang, codes: byAud, breakdown: BY_AUDIENCE, report: p.report, horizontal: false,
        title: title('chart.byAudience', byAud), description: desc(t('chart.byAudience')) }),
      breakdownPanel({ id: 'tr-outcome', lang: p.lang, codes: outcome, breakdown: BY_OUTCOME_AUDIENCE, report: p.report, horizontal: false,
        title: `${t('training.rates')} · ${t('chart.byAudience')}`, description: desc(t('training.rates')) }),
      await trend('tr-trend', ['training.person_times', 'training.cadre_rate']),
      await children('tr-children', ['training.person_times']),
    ],
  };
}

export async function activitiesView(p: OrgPage): Promise<SectionView> {
  const { t, title, desc, trend, children } = tools(p, 'activities');
  const codes = ['activity.count', 'activity.participants'];
  return {
    kpis: codes,
    panels: [
      breakdownPanel({ id: 'act-kind', lang: p.lang, codes, breakdown: BY_ACTIVITY_KIND, report: p.report,
        title: title('chart.byKind', codes), description: desc(t('chart.byKind')) }),
      await trend('act-trend', codes),
      await children('act-children', ['activity.count']),
    ],
  };
}
