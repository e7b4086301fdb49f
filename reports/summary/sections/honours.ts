// 荣誉与职工之家: 职工之家 titles standing at year end by level and title ("县级“合格职工之家”66个"),
// model workers (在册、困难、新评) and May Day medals.
import { BY_HOME_TITLE, BY_LEVEL } from '../../../src/lib/indicators/dimensions.ts';
import { proseValue } from '../../../src/lib/format/prose.ts';
import { num } from './words.ts';
import type { SectionBuilder, SectionContext } from './types.ts';

const LEVEL_PROSE: Record<string, string> = { county: '县级', city: '市级', province: '省级', national: '全国' };
const HOME_PROSE: Record<string, string> = { qualified: '合格职工之家', advanced: '先进职工之家', model: '模范职工之家' };

/** '省级4名、市级10名' for the levels with people, highest level first. */
function levels(ctx: SectionContext, code: string): string {
  return [...BY_LEVEL.dims]
    .reverse()
    .filter((d) => num(ctx, `${code}:${d.key}`) > 0)
    .map((d) => `${LEVEL_PROSE[d.key]}${proseValue(num(ctx, `${code}:${d.key}`), '名')}`)
    .join('、');
}

export const honours: SectionBuilder = {
  key: 'honours',
  title: '荣誉与职工之家',
  order: 70,
  build(ctx) {
    const homes = num(ctx, 'honours.workers_homes');
    const models = num(ctx, 'honours.model_workers');
    const awarded = num(ctx, 'honours.model_workers_awarded');
    const medals = num(ctx, 'honours.medals_awarded');
    if (!homes && !models && !awarded && !medals) return null;
    const { scope } = ctx;
    const paragraphs: string[] = [];

    if (homes > 0) {
      const cells = BY_LEVEL.dims.flatMap((l) =>
        BY_HOME_TITLE.dims
          .filter((t) => num(ctx, `honours.workers_homes:${t.key}.${l.key}`) > 0)
          .map((t) => `${LEVEL_PROSE[l.key]}“${HOME_PROSE[t.key]}”${proseValue(num(ctx, `honours.workers_homes:${t.key}.${l.key}`), '个')}`),
      );
      paragraphs.push(`深入开展建家活动，截至年底${scope}共有${cells.join('，')}。`);
    }
    const people: string[] = [];
    if (awarded > 0) people.push(`全年新评劳动模范${proseValue(awarded, '名')}（${levels(ctx, 'honours.model_workers_awarded')}）`);
    if (medals > 0) people.push(`${proseValue(medals, '名')}职工获得五一劳动奖章（${levels(ctx, 'honours.medals_awarded')}）`);
    if (models > 0) {
      const hardship = num(ctx, 'honours.model_workers_hardship');
      people.push(`截至年底${scope}有劳动模范${proseValue(models, '名')}${hardship > 0 ? `，其中困难劳模${proseValue(hardship, '名')}` : ''}`);
    }
    if (people.length) paragraphs.push(`${people.join('；')}。`);

    return {
      heading: '弘扬劳模精神，职工之家建设提档升级',
      paragraphs,
      problems: [],
      plans: ['做好劳模评选推荐和困难劳模帮扶，推进职工之家规范化建设。'],
    };
  },
};
