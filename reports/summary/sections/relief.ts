// 帮扶救助: money and person-times by category in one breath ("生活救助290人次33.5万元"), where the
// money came from, hardship files and exits. 人均 is per person aided (not per person-time).
import { ratio } from '../../../src/lib/format/index.ts';
import { proseValue } from '../../../src/lib/format/prose.ts';
import { BY_AID_CATEGORY, BY_CAMPAIGN, BY_FUND_SOURCE } from '../../../src/lib/indicators/dimensions.ts';
import { decline, inOneBreath, must, num, rise, val } from './words.ts';
import type { SectionBuilder } from './types.ts';

/** The relief campaigns (aid.campaign) as the seeds name them, with what each does for the workers. */
const CAMPAIGN_PROSE: Record<string, string> = {
  warmth: '“送温暖”慰问', golden_autumn: '“金秋助学”资助', spring_jobs: '“春送岗位”帮扶', summer_cool: '“夏送清凉”慰问', other: '其他帮扶活动',
};

/** Fund sources as a sentence names them (the enum labels are column values: 财政, 上级工会). */
const FUND_PROSE: Record<string, string> = { fiscal: '财政资金', union_funds: '工会经费', higher_union: '上级工会补助', donation: '社会捐助' };

export const relief: SectionBuilder = {
  key: 'relief',
  title: '帮扶救助',
  order: 40,
  build(ctx) {
    const amount = num(ctx, 'relief.amount');
    const files = num(ctx, 'relief.files_active');
    if (!amount && !files) return null;
    const paragraphs: string[] = [];
    const problems: string[] = [];

    if (amount > 0) {
      const persons = num(ctx, 'relief.persons');
      const perPerson = persons > 0 ? proseValue(ratio(amount, persons), '元') : null;
      paragraphs.push(
        `全年发放帮扶资金${must(ctx, 'relief.amount')}${rise(ctx, 'relief.amount')}，帮扶职工${must(ctx, 'relief.person_times')}，` +
          `受助职工${must(ctx, 'relief.persons')}${perPerson ? `，人均${perPerson}` : ''}。`,
      );
      const cats = inOneBreath(
        BY_AID_CATEGORY.dims.map((d) => ({
          label: d.zh,
          figures: [num(ctx, `relief.person_times:${d.key}`) > 0 ? val(ctx, `relief.person_times:${d.key}`) : null, val(ctx, `relief.amount:${d.key}`)],
          weight: num(ctx, `relief.amount:${d.key}`),
        })),
      );
      if (cats) paragraphs.push(`其中，${cats}。`);
      // the campaigns in one breath (人次 then 金额, largest first); an in-kind-only campaign counts its 人次
      const campaigns = inOneBreath(
        BY_CAMPAIGN.dims.map((d) => {
          const money = num(ctx, `relief.amount:${d.key}`) + num(ctx, `relief.in_kind_value:${d.key}`);
          const times = num(ctx, `relief.person_times:${d.key}`);
          return {
            label: CAMPAIGN_PROSE[d.key] ?? d.zh,
            figures: [
              times > 0 ? val(ctx, `relief.person_times:${d.key}`) : null,
              num(ctx, `relief.amount:${d.key}`) > 0 ? val(ctx, `relief.amount:${d.key}`) : null,
              num(ctx, `relief.in_kind_value:${d.key}`) > 0 ? `，实物折价${val(ctx, `relief.in_kind_value:${d.key}`)}` : null,
            ],
            // largest sum first; a campaign of goods of no stated value still counts, after the others
            weight: money > 0 ? money : times * 1e-9,
          };
        }),
      );
      if (campaigns) paragraphs.push(`开展帮扶活动，${campaigns}。`);
      const funds = BY_FUND_SOURCE.dims
        .filter((d) => d.key !== 'unspecified' && num(ctx, `relief.amount:${d.key}`) > 0)
        .sort((a, b) => num(ctx, `relief.amount:${b.key}`) - num(ctx, `relief.amount:${a.key}`))
        .map((d) => `${FUND_PROSE[d.key] ?? d.zh}${val(ctx, `relief.amount:${d.key}`)}`);
      if (funds.length > 1) paragraphs.push(`从资金来源看，${funds.join('，')}。`);
      const d = decline(ctx, 'relief.amount');
      if (d) problems.push('全年帮扶资金{帮扶金额}，{帮扶金额·同比}，帮扶资金筹集渠道还不够宽。');
    }
    if (files > 0) {
      paragraphs.push(
        `全年在档困难职工${must(ctx, 'relief.files_active')}，新建档${must(ctx, 'relief.files_new')}，` +
          `实现脱困${must(ctx, 'relief.exits')}，脱困率${val(ctx, 'relief.exit_rate') ?? '—'}${rise(ctx, 'relief.exit_rate')}；` +
          `截至年底仍在档${must(ctx, 'relief.files_open')}。`,
      );
      const d = decline(ctx, 'relief.exit_rate');
      if (d) problems.push('困难职工脱困率为{脱困率}，{脱困率·同比}，稳定脱困的长效机制有待完善。');
    }
    return {
      heading: '聚焦困难职工，帮扶救助精准有力',
      paragraphs,
      problems,
      plans: ['完善困难职工档案动态管理，落实分类帮扶措施，推动困难职工稳定脱困。'],
    };
  },
};
