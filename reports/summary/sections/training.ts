// 教育培训: sessions, person-times by audience in one breath, cadre training rate, certificates and
// jobs after courses for hardship and unemployed workers. Training is counted here only: the
// activities section leaves its 'training' kind out, so no course is counted twice.
import { BY_AUDIENCE } from '../../../src/lib/indicators/dimensions.ts';
import { decline, inOneBreath, must, num, rise, val } from './words.ts';
import type { SectionBuilder } from './types.ts';

const AUDIENCE_PROSE: Record<string, string> = { cadre: '工会干部', hardship: '困难职工', unemployed: '下岗失业人员', workers: '一线职工' };

export const training: SectionBuilder = {
  key: 'training',
  title: '教育培训',
  order: 50,
  build(ctx) {
    if (num(ctx, 'training.sessions') <= 0) return null;
    const paragraphs: string[] = [];
    const problems: string[] = [];
    paragraphs.push(
      `全年举办各类培训班${must(ctx, 'training.sessions')}，培训${must(ctx, 'training.person_times')}${rise(ctx, 'training.person_times')}，` +
        `共${must(ctx, 'training.persons')}参训，累计${must(ctx, 'training.hours')}。`,
    );
    // one figure per audience: a plain list after 其中 ("其中，一线职工451人次，困难职工80人次"), not
    // 培训 repeated before each as a table row would
    const by = inOneBreath(
      BY_AUDIENCE.dims.map((d) => ({
        label: AUDIENCE_PROSE[d.key] ?? d.zh,
        figures: [val(ctx, `training.person_times:${d.key}`)],
        weight: num(ctx, `training.person_times:${d.key}`),
      })),
      '，',
    );
    if (by) paragraphs.push(`其中，${by}。`);
    const rates: string[] = [];
    const cadre = val(ctx, 'training.cadre_rate');
    if (cadre) rates.push(`工会干部培训率达${cadre}${rise(ctx, 'training.cadre_rate')}`);
    const cert = val(ctx, 'training.certification_rate');
    if (cert) rates.push(`困难职工和下岗失业人员培训后取证率${cert}`);
    const job = val(ctx, 'training.employment_rate');
    if (job) rates.push(`培训后就业率${job}`);
    if (rates.length) paragraphs.push(`${rates.join('；')}。`);
    const d = decline(ctx, 'training.cadre_rate');
    if (d) problems.push('工会干部培训率为{工会干部培训率}，{工会干部培训率·同比}，干部轮训覆盖还不够全面。');
    const d2 = decline(ctx, 'training.person_times');
    if (d2) problems.push('全年培训{培训人次}，{培训人次·同比}，培训覆盖面有所收窄。');
    return {
      heading: '加强教育培训，职工队伍素质稳步提升',
      paragraphs,
      problems,
      plans: ['围绕职工技能提升和工会干部履职能力，分层分类组织培训，提高培训的针对性和实效性。'],
    };
  },
};
