// 文体与宣传活动: events (场) and participants (人次) by kind. Three kinds are not events here:
// 培训 (counted once, in the training section), 职代会 and 法律援助 (meetings and cases, not 场: they
// read as 次 in their own clause, until the 民主管理/权益维护 sections count them from their registers).
import { ACTIVITY_KINDS } from '../../../src/lib/ingest/families.ts';
import { proseValue } from '../../../src/lib/format/prose.ts';
import { inOneBreath, num } from './words.ts';
import type { SectionBuilder } from './types.ts';

/** Kinds that are not 场 of activities. */
export const NOT_EVENTS = new Set(['training', 'congress', 'legal_aid']);
const KIND_PROSE: Record<string, string> = {
  culture_sports: '文体活动',
  legal_education: '普法宣传',
  labour_competition: '劳动竞赛',
  safety: '安全生产活动',
  volunteer: '志愿服务',
  other: '其他活动',
};

export const activities: SectionBuilder = {
  key: 'activities',
  title: '文体活动',
  order: 60,
  build(ctx) {
    const kinds = Object.keys(ACTIVITY_KINDS).filter((k) => !NOT_EVENTS.has(k));
    const events = kinds.reduce((s, k) => s + num(ctx, `activity.count:${k}`), 0);
    const people = kinds.reduce((s, k) => s + num(ctx, `activity.participants:${k}`), 0);
    const congress = num(ctx, 'activity.count:congress');
    const legal = num(ctx, 'activity.count:legal_aid');
    if (!events && !congress && !legal) return null;
    const paragraphs: string[] = [];
    if (events > 0) {
      paragraphs.push(`全年组织开展各类活动${proseValue(events, '场')}，职工参与${proseValue(people, '人次')}。`);
      const by = inOneBreath(
        kinds.map((k) => ({ label: KIND_PROSE[k] ?? k, figures: [proseValue(num(ctx, `activity.count:${k}`), '场')], weight: num(ctx, `activity.count:${k}`) })),
      );
      if (by) paragraphs.push(`其中，${by}。`);
    }
    const other: string[] = [];
    if (congress > 0) other.push(`指导召开职工代表大会${proseValue(congress, '次')}`);
    if (legal > 0) other.push(`开展法律援助和劳动争议调解${proseValue(legal, '次')}`);
    if (other.length) paragraphs.push(`此外，${other.join('，')}。`);
    return {
      heading: '丰富职工文化生活，活动载体不断拓展',
      paragraphs,
      problems: [],
      plans: ['围绕重要节日和职工需求，组织开展形式多样的文体活动和劳动竞赛。'],
    };
  },
};
