// 经费与服务: money raised (募集资金 by campaign, "一日捐"), goods donated, union dues collected against
// what was due, the service network (帮扶中心、工作站点, centres built) and employment help.
import { BY_FUND_CAMPAIGN, BY_STATION_TYPE } from '../../../src/lib/indicators/dimensions.ts';
import { decline, inOneBreath, must, num, rise, val } from './words.ts';
import type { SectionBuilder } from './types.ts';

const CAMPAIGN_PROSE: Record<string, string> = {
  one_day_pay: '“一日捐”', warmth: '“送温暖”', golden_autumn: '“金秋助学”', spring_jobs: '“春送岗位”', summer_cool: '“夏送清凉”', other: '其他活动',
};
const STATION_PROSE: Record<string, string> = {
  help_centre: '困难职工帮扶中心', service_centre: '职工服务中心', help_station: '帮扶工作站（点）', service_station: '职工服务站', startup_base: '创业示范基地',
};

export const services: SectionBuilder = {
  key: 'services',
  title: '经费与服务',
  order: 80,
  build(ctx) {
    const raised = num(ctx, 'funds.raised');
    const items = num(ctx, 'funds.items');
    const due = num(ctx, 'dues.due');
    const stations = num(ctx, 'stations.count');
    const placements = num(ctx, 'employment.placements');
    if (!raised && !items && !due && !stations && !placements) return null;
    const { scope } = ctx;
    const paragraphs: string[] = [];
    const problems: string[] = [];

    if (raised > 0 || items > 0) {
      const parts: string[] = [];
      if (raised > 0) parts.push(`全年筹集帮扶资金${must(ctx, 'funds.raised')}${rise(ctx, 'funds.raised')}`);
      if (items > 0) parts.push(`${raised > 0 ? '' : '全年收到'}捐物${must(ctx, 'funds.items')}${num(ctx, 'funds.items_value') > 0 ? `，折价${must(ctx, 'funds.items_value')}` : ''}`);
      paragraphs.push(`${parts.join('，')}。`);
      const by = inOneBreath(
        BY_FUND_CAMPAIGN.dims.map((d) => ({
          label: `${CAMPAIGN_PROSE[d.key] ?? d.zh}募集`,
          figures: [val(ctx, `funds.raised:${d.key}`)],
          weight: num(ctx, `funds.raised:${d.key}`),
        })),
      );
      if (by) paragraphs.push(`其中，${by}。`);
    }
    if (due > 0) {
      paragraphs.push(
        `全年应拨缴工会经费${must(ctx, 'dues.due')}，实缴${must(ctx, 'dues.collected')}，经费收缴率${val(ctx, 'dues.collection_rate')}${rise(ctx, 'dues.collection_rate')}。`,
      );
      if (decline(ctx, 'dues.collection_rate')) problems.push('工会经费收缴率为{经费收缴率}，{经费收缴率·同比}，经费足额拨缴还有差距。');
    }
    if (stations > 0) {
      const by = BY_STATION_TYPE.dims
        .filter((d) => num(ctx, `stations.count:${d.key}`) > 0)
        .map((d) => `${STATION_PROSE[d.key] ?? d.zh}${val(ctx, `stations.count:${d.key}`)}`);
      const rate = val(ctx, 'stations.coverage_rate');
      paragraphs.push(`${scope}已建成${by.join('、')}${rate ? `，服务中心建成率${rate}` : ''}。`);
    }
    if (placements > 0) {
      paragraphs.push(`全年帮扶实现就业再就业${must(ctx, 'employment.placements')}，涉及${must(ctx, 'employment.persons')}${rise(ctx, 'employment.placements')}。`);
    }

    return {
      heading: '管好用好工会经费，服务阵地不断完善',
      paragraphs,
      problems,
      plans: ['依法足额收缴工会经费，拓宽帮扶资金筹集渠道，推进服务阵地标准化建设。'],
    };
  },
};
