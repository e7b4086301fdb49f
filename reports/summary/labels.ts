// The fixed words of the work summary, in both languages. Numbers never appear here: they come from
// the sentence writers and the formatter.
import type { Lang } from './types.ts';

const zh = {
  title: (org: string, year: number) => `${org}${year}年度工会工作总结`,
  runningHead: (org: string, year: number) => `${org} · ${year}年度工会工作总结`,
  page: (p: number, n: number) => `第 ${p} 页 共 ${n} 页`,
  period: '统计期间',
  periodValue: (from: string, to: string) => `${from}至${to}`,
  scope: '统计范围',
  scopeValue: '本组织及全部下级组织',
  snapshot: '数据快照',
  snapshotValue: (batch: number, finished: string) => `第${batch}批导入${finished ? `（${finished}完成）` : ''}`,
  noBatch: '尚无导入批次',
  generated: '生成时间',
  parents: '上级组织',
  sections: {
    coverage: '一、组织建设',
    relief: '二、帮扶救助',
    training: '三、教育培训',
    activities: '四、活动与维权',
    children: '五、下级组织情况',
    appendix: '附：指标口径与数据来源',
  },
  charts: {
    trend: '近年会员人数与职工入会率',
    trendDesc: (org: string) => `${org}历年年末会员人数（柱）与职工入会率（线）`,
    members: '会员人数',
    memberRate: '职工入会率',
    relief: '帮扶金额按类别',
    reliefDesc: (org: string, year: number) => `${org}${year}年各类帮扶金额`,
    reliefSeries: '帮扶金额',
    activities: '活动场次按类别',
    activitiesDesc: (org: string, year: number) => `${org}${year}年各类活动场次`,
    activitiesSeries: '活动场次',
    year: (y: number) => `${y}年`,
  },
  table: {
    org: '组织名称',
    type: '类型',
    members: '会员',
    memberRate: '入会率',
    unionRate: '组建率',
    relief: '帮扶金额',
    training: '培训',
    activities: '活动',
    total: '合计（含本级）',
  },
  appendix: {
    indicator: '指标',
    unit: '单位',
    definition: '口径',
    sourceTitle: '数据来源',
    source: (batch: string, asOf: string, generated: string) =>
      `本总结由工会数据系统根据数据仓库自动生成。数据：${batch}；存量指标统计日：${asOf}；生成时间：${generated}。` +
      '各项指标均按本组织及全部下级组织汇总，比率保留一位小数（四舍五入），金额以万元计、保留两位小数；' +
      '分母为零的比率记为“—”。同比：数量和金额按百分比，比率按百分点。',
  },
};

type Labels = typeof zh;

const en: Labels = {
  title: (org, year) => `${org}: Work Summary ${year}`,
  runningHead: (org, year) => `${org} · Work Summary ${year}`,
  page: (p, n) => `Page ${p} of ${n}`,
  period: 'Period',
  periodValue: (from, to) => `${from} to ${to}`,
  scope: 'Scope',
  scopeValue: 'this organisation and every organisation below it',
  snapshot: 'Data snapshot',
  snapshotValue: (batch, finished) => `import batch ${batch}${finished ? `, finished ${finished}` : ''}`,
  noBatch: 'no import batch yet',
  generated: 'Generated',
  parents: 'Parent organisations',
  sections: {
    coverage: '1. Organisation',
    relief: '2. Hardship relief',
    training: '3. Education and training',
    activities: '4. Activities and rights',
    children: '5. Organisations below',
    appendix: 'Appendix: definitions and data sources',
  },
  charts: {
    trend: 'Members and membership rate by year',
    trendDesc: (org) => `${org}: members at year end (bars) and membership rate (line) by year`,
    members: 'Members',
    memberRate: 'Membership rate',
    relief: 'Aid paid by category',
    reliefDesc: (org, year) => `${org}: aid paid in ${year} by category`,
    reliefSeries: 'Aid paid',
    activities: 'Activities by kind',
    activitiesDesc: (org, year) => `${org}: activities held in ${year} by kind`,
    activitiesSeries: 'Activities',
    year: (y) => String(y),
  },
  table: {
    org: 'Organisation',
    type: 'Type',
    members: 'Members',
    memberRate: 'Member rate',
    unionRate: 'Union rate',
    relief: 'Aid paid',
    training: 'Trained',
    activities: 'Events',
    total: 'Total (incl. this level)',
  },
  appendix: {
    indicator: 'Indicator',
    unit: 'Unit',
    definition: 'Definition',
    sourceTitle: 'Data source',
    source: (batch, asOf, generated) =>
      `Generated automatically from the union data warehouse. Data: ${batch}; stocks counted on ${asOf}; generated ${generated}. ` +
      'Every indicator covers this organisation and all organisations below it. Rates have one decimal (half up), money is ' +
      'shown in yuan; a rate with a zero denominator is shown as “—”. Year-on-year: counts and money in percent, rates in ' +
      'percentage points.',
  },
};

export function labels(lang: Lang): Labels {
  return lang === 'en' ? en : zh;
}
