// 组织建设: units that should have a union and those that have one, members over employees, new
// members, base unions by type. Stocks are counted at year end ("截至年底"), flows over the year.
import { BY_ANY_ORG_TYPE, BY_ORG_TYPE } from '../../../src/lib/indicators/dimensions.ts';
import { decline, must, num, rise, val } from './words.ts';
import type { SectionBuilder } from './types.ts';

/** Org types as a sentence names the unions founded (新建企业工会组织16个: the seeds' words). */
const ORG_TYPE_PROSE: Record<string, string> = {
  federation: '总工会', street_federation: '街道乡镇工会', community_union: '社区工会', joint_union: '联合工会', grassroots_union: '基层工会',
};

export const organisation: SectionBuilder = {
  key: 'organisation',
  title: '组织建设',
  order: 10,
  build(ctx) {
    const { scope } = ctx;
    const should = num(ctx, 'coverage.units_should');
    const employees = num(ctx, 'coverage.employees');
    const members = num(ctx, 'coverage.members');
    const unions = num(ctx, 'coverage.unions_by_type');
    const fresh = num(ctx, 'coverage.new_members');
    // the coverage additions of indicators-2.md: new unions and units, large units, women's committees
    const newUnions = num(ctx, 'coverage.new_unions');
    const newUnits = num(ctx, 'coverage.new_units');
    const big = num(ctx, 'coverage.units_200plus');
    const committees = num(ctx, 'women.committees');
    if (!should && !employees && !members && !unions && !fresh && !newUnions && !newUnits && !big && !committees) return null;
    const paragraphs: string[] = [];
    const problems: string[] = [];

    // An independent or joint union counts the units it covers (queries/marts/coverage.sql): all of
    // them have a union, so a 组建率 of 100% says nothing; it says how many units it covers.
    const isUnion = ctx.input.org.type === 'joint_union' || ctx.input.org.type === 'grassroots_union';
    const covered = num(ctx, 'coverage.units_unionised');
    const stock: string[] = [];
    if (isUnion) {
      if (covered > 1 || ctx.input.org.type === 'joint_union') stock.push(`${scope}覆盖单位${must(ctx, 'coverage.units_unionised')}`);
    } else if (should > 0) {
      stock.push(
        `${scope}应建会单位${must(ctx, 'coverage.units_should')}，已建会${must(ctx, 'coverage.units_unionised')}，` +
          `工会组建率${val(ctx, 'coverage.unionisation_rate')}${rise(ctx, 'coverage.unionisation_rate')}`,
      );
    }
    if (employees > 0) {
      stock.push(
        `职工${must(ctx, 'coverage.employees')}，入会职工${must(ctx, 'coverage.members')}，` +
          `职工入会率${val(ctx, 'coverage.membership_rate')}${rise(ctx, 'coverage.membership_rate')}`,
      );
    } else if (members > 0) {
      stock.push(`在册会员${must(ctx, 'coverage.members')}`);
    }
    if (stock.length) paragraphs.push(`截至年底，${stock.join('；')}。`);

    const more: string[] = [];
    if (fresh > 0) more.push(`全年新发展会员${must(ctx, 'coverage.new_members')}${rise(ctx, 'coverage.new_members')}`);
    const migrant = val(ctx, 'coverage.migrant_membership_rate');
    if (migrant) more.push(`农民工入会率${migrant}${rise(ctx, 'coverage.migrant_membership_rate')}`);
    if (unions > 0 && !isUnion) {
      const types = BY_ORG_TYPE.dims
        .map((d) => ({ zh: d.zh, n: num(ctx, `coverage.unions_by_type:${d.key}`), s: val(ctx, `coverage.unions_by_type:${d.key}`) }))
        .filter((t) => t.n > 0);
      const parts = types.length > 1 ? `，其中${types.map((t) => `${t.zh}${t.s}`).join('、')}` : '';
      more.push(`${scope}共有基层工会组织${must(ctx, 'coverage.unions_by_type')}${parts}`);
    }
    if (more.length) paragraphs.push(`${more.join('；')}。`);

    // 新建工会组织16个（…）, 新注册单位265家 (flows); 200人以上企事业单位4家, 女职工委员会 (stocks at year end)
    const added: string[] = [];
    if (newUnions > 0) {
      const types = BY_ANY_ORG_TYPE.dims
        .map((d) => ({ zh: ORG_TYPE_PROSE[d.key] ?? d.zh, n: num(ctx, `coverage.new_unions:${d.key}`), s: val(ctx, `coverage.new_unions:${d.key}`) }))
        .filter((t) => t.n > 0)
        .sort((a, b) => b.n - a.n);
      const parts = types.length > 1 ? `（${types.map((t) => `${t.zh}${t.s}`).join('、')}）` : '';
      const only = types.length === 1 ? types[0]!.zh.replace(/组织$/, '') : '工会';
      added.push(`全年新建${only}组织${must(ctx, 'coverage.new_unions')}${parts}${rise(ctx, 'coverage.new_unions')}`);
    }
    if (newUnits > 0) added.push(`${added.length ? '' : '全年'}新注册单位${must(ctx, 'coverage.new_units')}`);
    const standing: string[] = [];
    if (big > 0) standing.push(`200人以上企事业单位${must(ctx, 'coverage.units_200plus')}`);
    if (committees > 0) standing.push(`建立女职工委员会${must(ctx, 'women.committees')}`);
    const female = val(ctx, 'coverage.female_membership_rate');
    if (female && num(ctx, 'coverage.female_members') > 0) standing.push(`女职工入会率${female}${rise(ctx, 'coverage.female_membership_rate')}`);
    if (standing.length) added.push(`截至年底，${scope}${standing.join('，')}`);
    if (added.length) paragraphs.push(`${added.join('；')}。`);

    const d1 = !isUnion && decline(ctx, 'coverage.unionisation_rate');
    if (d1) problems.push('工会组建率为{工会组建率}，{工会组建率·同比}，新建企业建会工作跟进不够及时。');
    const d2 = decline(ctx, 'coverage.membership_rate');
    if (d2) problems.push('职工入会率为{职工入会率}，{职工入会率·同比}，部分单位职工入会动员不够深入。');
    const d3 = decline(ctx, 'coverage.new_members');
    if (d3) problems.push('全年新发展会员{新发展会员}，{新发展会员·同比}，发展会员的力度需要加大。');

    return {
      heading: '抓组建、扩覆盖，工会组织建设进一步夯实',
      paragraphs,
      problems,
      plans: ['继续推进新建企业和新就业形态劳动者建会入会，扩大工会组织覆盖面，提高职工入会率。'],
    };
  },
};
