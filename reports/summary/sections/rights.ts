// 权益维护: rights cases received and handled (来信来访, 法律援助, 劳动争议调解, 追回欠薪) and labour-law
// supervision of employers (检查、整改). Written when the org received a case or inspected a unit.
import { BY_INSPECTION_KIND } from '../../../src/lib/indicators/dimensions.ts';
import { proseValue } from '../../../src/lib/format/prose.ts';
import { decline, inOneBreath, must, num, rise, val } from './words.ts';
import type { SectionBuilder } from './types.ts';

/** Inspection kinds as a sentence names them. */
const KIND_PROSE: Record<string, string> = { labour_law: '劳动法律监督', safety: '安全生产和防暑降温', other: '其他专项' };

export const rights: SectionBuilder = {
  key: 'rights',
  title: '权益维护',
  order: 20,
  build(ctx) {
    const cases = num(ctx, 'rights.cases');
    const inspected = num(ctx, 'supervision.units_inspected');
    if (!cases && !inspected) return null;
    const paragraphs: string[] = [];
    const problems: string[] = [];

    if (cases > 0) {
      const letters = num(ctx, 'rights.letters_visits');
      paragraphs.push(
        `全年受理职工维权案件${must(ctx, 'rights.cases')}${rise(ctx, 'rights.cases')}，接待职工${must(ctx, 'rights.person_times')}` +
          `${letters > 0 ? `，其中来信来访${must(ctx, 'rights.letters_visits')}` : ''}；` +
          `年内办结${must(ctx, 'rights.cases_handled')}，处理率${val(ctx, 'rights.handling_rate') ?? '—'}${rise(ctx, 'rights.handling_rate')}。`,
      );
      const did: string[] = [];
      const aided = num(ctx, 'rights.legal_aid_persons');
      if (aided > 0) did.push(`为${proseValue(aided, '名')}职工提供法律援助`);
      const mediated = num(ctx, 'rights.disputes_mediated');
      if (mediated > 0) {
        const rate = val(ctx, 'rights.mediation_success_rate');
        did.push(`成功调解劳动争议${must(ctx, 'rights.disputes_mediated')}${rate ? `，调解成功率${rate}` : ''}`);
      }
      if (num(ctx, 'rights.wages_recovered') > 0) did.push(`帮助职工追回欠薪${must(ctx, 'rights.wages_recovered')}`);
      if (did.length) paragraphs.push(`${did.join('，')}。`);
      if (decline(ctx, 'rights.handling_rate')) problems.push('维权案件处理率为{处理率}，{处理率·同比}，部分案件办理周期偏长。');
    }

    if (inspected > 0) {
      const issues = num(ctx, 'supervision.units_with_issues');
      let s = `开展劳动法律监督检查，检查用人单位${must(ctx, 'supervision.units_inspected')}`;
      if (issues > 0) {
        s += `，发现问题${must(ctx, 'supervision.units_with_issues')}，落实整改${must(ctx, 'supervision.units_rectified')}，整改率${val(ctx, 'supervision.rectification_rate')}`;
      } else {
        s += '，未发现违法问题';
      }
      paragraphs.push(`${s}。`);
      const kinds = BY_INSPECTION_KIND.dims.filter((d) => num(ctx, `supervision.units_inspected:${d.key}`) > 0);
      if (kinds.length > 1) {
        const by = inOneBreath(
          kinds.map((d) => ({
            label: `${KIND_PROSE[d.key] ?? d.zh}检查`,
            figures: [
              val(ctx, `supervision.units_inspected:${d.key}`),
              num(ctx, `supervision.units_rectified:${d.key}`) > 0 ? `、落实整改${val(ctx, `supervision.units_rectified:${d.key}`)}` : null,
            ],
            weight: num(ctx, `supervision.units_inspected:${d.key}`),
          })),
        );
        paragraphs.push(`其中，${by}。`);
      }
      const open = issues - num(ctx, 'supervision.units_rectified');
      if (open > 0) problems.push(`检查发现问题的单位中仍有${proseValue(open, '家')}未落实整改，监督检查的后续跟踪需要加强。`);
    }

    return {
      heading: '依法维护职工权益，维权服务更加有力',
      paragraphs,
      problems,
      plans: ['畅通来信来访和12351热线等维权渠道，加强劳动法律监督，推动劳动争议源头化解。'],
    };
  },
};
