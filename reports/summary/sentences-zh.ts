// The opening sentences of each section, in Chinese, written from the figures the way staff write a
// 工作总结: the headline counts, the rate, its change on last year, then the breakdown. Missing or
// zero data gets its own sentence; a rate with nothing to divide by is never mentioned as a number.
import { amount, getter, known, show, showValue, yoy } from './figures.ts';
import type { SummaryInput, Slice } from './types.ts';
import type { Unit } from '../../src/lib/format/index.ts';
import { dateZh } from './dates.ts';

const L = 'zh' as const;

/** '，同比增长8.5%' or '' — appended after a figure. */
function withYoy(s: string): string {
  return s ? `，${s}` : '';
}

/** '其中生活救助12.00万元、医疗救助8.50万元' — largest first, zero slices left out. */
export function slicesZh(slices: Slice[], unit: Unit, lead = '其中'): string {
  const parts = slices
    .filter((s) => (s.value ?? 0) > 0)
    .sort((a, b) => (b.value ?? 0) - (a.value ?? 0) || a.key.localeCompare(b.key))
    .map((s) => `${s.zh}${showValue(s.value, unit, L)}`);
  return parts.length ? `${lead}${parts.join('、')}` : '';
}

export function openingZh(input: SummaryInput): string {
  const src = input.batch ? `数据取自数据仓库第${input.batch.id}批导入后的快照` : '数据仓库中尚无导入批次';
  return (
    `${input.year}年，${input.org.name}围绕组织建设、帮扶救助、教育培训和活动维权开展工作。` +
    `现将本年度工会工作主要情况总结如下。统计范围包括本组织及全部下级组织，` +
    `存量指标统计至${dateZh(input.asOf)}，${src}。`
  );
}

export function coverageZh(input: SummaryInput): string[] {
  const f = getter(input);
  const should = f('coverage.units_should');
  const unionised = f('coverage.units_unionised');
  const rate = f('coverage.unionisation_rate');
  const employees = f('coverage.employees');
  const members = f('coverage.members');
  const memberRate = f('coverage.membership_rate');

  const units =
    amount(should) > 0
      ? `全年应建会单位${show(should, L)}，已建会${show(unionised, L)}，工会组建率${show(rate, L)}${withYoy(yoy(rate, L))}`
      : '本组织范围内没有登记应建会单位，组建率暂不计算';
  let people: string;
  if (amount(employees) > 0) {
    people = `职工${show(employees, L)}，入会${show(members, L)}，职工入会率${show(memberRate, L)}${withYoy(yoy(memberRate, L))}`;
  } else if (amount(members) > 0) {
    people = `年末在册会员${show(members, L)}，已建会单位未报送职工人数，入会率暂不计算`;
  } else {
    people = '年末没有在册会员';
  }
  // The as-of date of these stocks is stated once, in the opening paragraph.
  const out = [`${units}；${people}。`];

  const extra: string[] = [];
  const fresh = f('coverage.new_members');
  extra.push(amount(fresh) > 0 ? `全年新发展会员${show(fresh, L)}${withYoy(yoy(fresh, L))}` : '本年度没有新发展会员');
  const migrant = f('coverage.migrant_membership_rate');
  if (known(migrant)) extra.push(`农民工入会率${show(migrant, L)}${withYoy(yoy(migrant, L))}`);
  out.push(extra.join('；') + '。');

  const unions = f('coverage.unions_by_type');
  if (amount(unions) > 0) {
    const types = input.breakdowns.unionsByType.filter((s) => (s.value ?? 0) > 0);
    const parts = types.length > 1 ? `，${slicesZh(types, '个')}` : types.length === 1 ? `，均为${types[0]!.zh}` : '';
    out.push(`本组织范围内共有基层工会组织${show(unions, L)}${parts}。`);
  } else {
    out.push('本组织范围内尚无基层工会组织。');
  }
  return out;
}

export function reliefZh(input: SummaryInput): string[] {
  const f = getter(input);
  const total = f('relief.amount');
  const out: string[] = [];
  if (amount(total) > 0) {
    out.push(
      `全年发放帮扶资金${show(total, L)}${withYoy(yoy(total, L))}，帮扶${show(f('relief.person_times'), L)}，` +
        `受助职工${show(f('relief.persons'), L)}，人均帮扶${show(f('relief.avg_per_person_time'), L)}。`,
    );
    const parts = slicesZh(input.breakdowns.reliefByCategory, '元', '按类别分，');
    if (parts) out.push(`${parts}。`);
  } else {
    out.push('本年度未发生帮扶支出。');
  }
  const active = f('relief.files_active');
  if (amount(active) > 0) {
    const exitRate = f('relief.exit_rate');
    out.push(
      `全年在档困难职工${show(active, L)}，其中新建档${show(f('relief.files_new'), L)}、` +
        `脱困${show(f('relief.exits'), L)}，脱困率${show(exitRate, L)}${withYoy(yoy(exitRate, L))}；` +
        `年末仍在档${show(f('relief.files_open'), L)}。`,
    );
  } else {
    out.push('本年度没有在档困难职工。');
  }
  return out;
}

export function trainingZh(input: SummaryInput): string[] {
  const f = getter(input);
  const sessions = f('training.sessions');
  if (amount(sessions) <= 0) return ['本年度未举办培训。'];
  const pt = f('training.person_times');
  const out = [
    `全年举办培训${show(sessions, L)}，培训${show(pt, L)}${withYoy(yoy(pt, L))}，` +
      `涉及${show(f('training.persons'), L)}，累计完成${show(f('training.hours'), L)}。`,
  ];
  const rates: string[] = [];
  const cadre = f('training.cadre_rate');
  if (known(cadre)) rates.push(`工会干部培训率${show(cadre, L)}${withYoy(yoy(cadre, L))}`);
  const cert = f('training.certification_rate');
  const job = f('training.employment_rate');
  if (known(cert)) rates.push(`困难职工和下岗失业人员培训取证率${show(cert, L)}`);
  if (known(job)) rates.push(`培训后就业率${show(job, L)}`);
  out.push(rates.length ? `${rates.join('；')}。` : '本年度没有可计算培训率的干部或帮扶类培训。');
  return out;
}

export function activitiesZh(input: SummaryInput): string[] {
  const f = getter(input);
  const count = f('activity.count');
  if (amount(count) <= 0) return ['本年度未登记活动。'];
  const out = [`全年开展各类活动${show(count, L)}${withYoy(yoy(count, L))}，参加${show(f('activity.participants'), L)}。`];
  const parts = slicesZh(input.breakdowns.activityByKind, '场');
  if (parts) out.push(`${parts}。`);
  return out;
}

export function childrenZh(input: SummaryInput): string[] {
  const n = input.children.length;
  if (n === 0) return ['本组织没有下级组织。'];
  return [`${input.org.name}下辖${showValue(n, '个', L)}组织，各组织${input.year}年主要指标见下表（均含其下级组织）。`];
}
