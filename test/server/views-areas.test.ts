// The dashboard sections of the work areas on the hand-made federation of
// test/indicators/areas-fixture.ts: every KPI is a dictionary key the report holds, every panel has
// data and a table whose cells are the report's figures, the child panel drills down into the same
// section, and both languages label the same numbers.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/lib/db/duckdb.ts';
import { getIndicators, getYears, listOrgs } from '../../src/lib/indicators/read.ts';
import { resolve } from '../../src/lib/indicators/dictionary.ts';
import type { Lang } from '../../src/lib/i18n/index.ts';
import type { OrgPage } from '../../src/lib/server/org-page.ts';
import { pickerOrgs } from '../../src/lib/server/org-picker.ts';
import { democracyView, honoursView, rightsView, servicesView } from '../../src/lib/server/views-areas.ts';
import { coverageView } from '../../src/lib/server/views.ts';
import { buildWarehouse } from '../indicators/fixture.ts';
import { AREAS } from '../indicators/areas-fixture.ts';

let db: Db;
beforeAll(async () => {
  db = await buildWarehouse(AREAS);
});
afterAll(() => db?.close());

async function page(code: string, lang: Lang): Promise<OrgPage> {
  const listing = await listOrgs(db);
  const org = listing.find((o) => o.code === code)!;
  return {
    ok: true, lang, db, org: { code, name: org.name, type: org.type }, year: 2024, orgs: pickerOrgs(listing), listing,
    years: await getYears(db, code), report: await getIndicators(db, code, 2024),
  };
}

const VIEWS = { rights: rightsView, democracy: democracyView, honours: honoursView, services: servicesView } as const;

describe.each(Object.entries(VIEWS))('the %s section', (section, view) => {
  it('shows KPIs the report holds and panels with data, drilling down into the same section', async () => {
    const p = await page('R', 'zh');
    const v = await view(p);
    for (const code of v.kpis) expect(p.report.indicators[code], code).toBeDefined();
    expect(v.panels.length).toBeGreaterThanOrEqual(4);
    expect(v.panels.filter((x) => x.empty).map((x) => x.id)).toEqual([]);
    const children = v.panels.find((x) => x.id === `${section}-children`)!;
    // (ranked by the panel's first figure: the order depends on the section)
    expect([...children.links!].sort()).toEqual(['/org/S1/2024/' + section, '/org/S2/2024/' + section]);
    expect(children.table.links?.slice(0, 2)).toEqual(children.links);
  });

  it('labels the same numbers in English', async () => {
    const [zh, en] = [await view(await page('R', 'zh')), await view(await page('R', 'en'))];
    // money reads 万元 in Chinese and whole yuan in English: those panels are compared by shape only
    const money = zh.panels.map((x) => x.table.columns.some((c) => c.includes('万元')));
    const cells = (v: typeof zh) => v.panels.map((x, i) => (money[i] ? x.table.rows.length : x.table.rows.map((r) => r.slice(1))));
    expect(cells(en)).toEqual(cells(zh));
    expect(en.panels[0]!.title).not.toEqual(zh.panels[0]!.title);
  });
});

it('the rights section tables carry the hand-computed figures', async () => {
  const v = await rightsView(await page('R', 'zh'));
  const kind = v.panels.find((x) => x.id === 'rights-kind')!;
  // cases and workers by kind, 2024 (rights.test.ts): legal aid K2 K3 → 2 cases, 6 workers
  expect(kind.table.rows.find((r) => r[0] === resolve('rights.cases:legal_aid')!.dimension!.zh)).toEqual(['法律援助', '2', '6']);
  const children = v.panels.find((x) => x.id === 'rights-children')!;
  // S1: K1 K2 K5 K6 K9 → 5 cases, U1 U2 inspected; S2: K3 K7, U6
  expect(children.table.rows.slice(0, 2)).toEqual([['S1', '5', '2'], ['S2', '2', '1']]);
});

it('coverage gains the units by ownership and industry; relief by campaign', async () => {
  const v = await coverageView(await page('R', 'zh'));
  const own = v.panels.find((x) => x.id === 'cov-ownership')!;
  expect(own.table.rows.find((r) => r[0] === '私营/民营')).toEqual(['私营/民营', '2', '1']); // U1 U2; U1
  expect(v.kpis).toContain('coverage.female_membership_rate');
});

it('pairs each part-2 figure with last year’s (the readers’ previous-year values)', async () => {
  const r = await getIndicators(db, 'R', 2024);
  // 2023: K4's 1,000 元 closed in 2024, nothing closed in 2023; 2024: 4,500.50 (rights.test.ts)
  expect(r.indicators['rights.wages_recovered']).toMatchObject({ value: 4500.5, previous: 0 });
  // congress.establishment_rate: 2023 1/2 (U1's union G1 stood only from 2024: of U5, U6), 2024 2/3
  // → 50.0% → 66.7%: +16.7 points as displayed
  expect(r.indicators['congress.establishment_rate']).toMatchObject({ value: 0.6667, previous: 0.5, change_display: '较上年提高16.7个百分点' });
  // 2022 is reportable too (awards, unionisations open years before the annual registers): held at
  // the end of 2022 were the same four titles (G1's two, C2's, E's)
  const y2023 = await getIndicators(db, 'R', 2023);
  expect(y2023.indicators['honours.workers_homes']).toMatchObject({ value: 4, previous: 4 });
  // the first reportable year has no previous year
  const first = await getIndicators(db, 'R', (await getYears(db, 'R'))[0]!);
  expect(first.indicators['honours.workers_homes']).toMatchObject({ previous: null, previous_display: '—' });
});

it('each area charts its dated flows by month, adding up to the year’s figure (monthly_areas.sql)', async () => {
  const months = async (view: (p: OrgPage) => Promise<{ panels: { id: string; table: { columns: string[]; rows: string[][] } }[] }>, id: string) => {
    const panel = (await view(await page('R', 'zh'))).panels.find((x) => x.id === id)!;
    return { columns: panel.table.columns, rows: panel.table.rows.filter((r) => r.slice(1).some((c) => !/^(0(\.0+)?|—)$/.test(c))) };
  };
  // cases received in 2024 at R's subtree: K1 Feb (letter, 3 workers), K2 Mar (letter, blank = 1), K9 Apr,
  // K3 May, K5 Jul, K6 Aug, K7 Dec (letter, 10): 7 cases, 14 来信来访 (rights.cases, rights.letters_visits)
  expect(await months(rightsView, 'rights-monthly')).toEqual({
    columns: ['月份', '受理维权案件 (件)', '来信来访 (人次)'],
    rows: [['2月', '1', '3'], ['3月', '1', '1'], ['4月', '1', '0'], ['5月', '1', '0'], ['7月', '1', '0'], ['8月', '1', '0'], ['12月', '1', '10']],
  });
  // contracts signed in 2024: H1 March, H4 May, H6 October
  expect((await months(democracyView, 'democracy-monthly')).rows).toEqual([['3月', '1'], ['5月', '1'], ['10月', '1']]);
  // model workers awarded: P6 and P2 in April, P1 in May; the medal: P4 in April
  expect((await months(honoursView, 'honours-monthly')).rows).toEqual([['4月', '2', '1'], ['5月', '1', '0']]);
  // funds: R6 8000 Jan, R1 3000 Mar, R2 10000.50 May, R4 50000 Dec (R3 goods only); placements Feb Mar Jun Dec
  const services = await months(servicesView, 'services-monthly');
  expect(services.rows.map((r) => [r[0], r[2]])).toEqual([['1月', '0'], ['2月', '1'], ['3月', '1'], ['5月', '0'], ['6月', '1'], ['12月', '1']]);
  expect(services.rows.map((r) => r[1])).toEqual(['0.80', '0.00', '0.30', '1.00', '0.00', '5.00']); // 万元
});
