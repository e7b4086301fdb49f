// 民主管理: collective contracts (签订、覆盖、签订率 by ownership, "7户国有企业、8户私营企业签订了集体合同，
// 签订率分别达到100%和50%") and workers' congresses and open affairs (职代会、厂务公开).
import { BY_OWNERSHIP } from '../../../src/lib/indicators/dimensions.ts';
import { proseValue } from '../../../src/lib/format/prose.ts';
import { decline, must, num, rise, val } from './words.ts';
import type { SectionBuilder, SectionContext } from './types.ts';

/** Ownership as counted units are named in prose ("7户国有企业"). */
const OWNER_PROSE: Record<string, string> = {
  state: '国有企业', collective: '集体企业', institution: '事业单位', private: '私营企业', foreign: '外资企业', hmt: '港澳台资企业', other: '其他单位',
};

/** '7户国有企业、8户私营企业' and their rates '100%和50%' for the ownerships with a figure. */
function byOwnership(ctx: SectionContext, count: string, rate: string): { units: string; rates: string[] } | null {
  const dims = BY_OWNERSHIP.dims.filter((d) => num(ctx, `${count}:${d.key}`) > 0);
  if (dims.length === 0) return null;
  const units = dims.map((d) => `${num(ctx, `${count}:${d.key}`)}户${OWNER_PROSE[d.key] ?? d.zh}`).join('、');
  const rates = dims.map((d) => val(ctx, `${rate}:${d.key}`)).filter((r): r is string => r !== null);
  return { units, rates };
}

/** '分别达到100%和50%'; '均达到100%' when all are the same; '达到100%' for one. */
const rates = (r: string[]) =>
  r.length === 1 ? `达到${r[0]}` : new Set(r).size === 1 ? `均达到${r[0]}` : `分别达到${r.slice(0, -1).join('、')}和${r.at(-1)}`;

export const democracy: SectionBuilder = {
  key: 'democracy',
  title: '民主管理',
  order: 30,
  build(ctx) {
    const signed = num(ctx, 'contracts.signed');
    const inForce = num(ctx, 'contracts.in_force');
    const established = num(ctx, 'congress.units_established');
    if (!signed && !inForce && !established) return null;
    const { scope } = ctx;
    const paragraphs: string[] = [];
    const problems: string[] = [];

    if (signed > 0 || inForce > 0) {
      const parts: string[] = [];
      if (signed > 0) parts.push(`全年新签订集体合同${must(ctx, 'contracts.signed')}`);
      parts.push(`截至年底有效集体合同${must(ctx, 'contracts.in_force')}，覆盖单位${must(ctx, 'contracts.units_covered')}`);
      if (num(ctx, 'contracts.workers_covered') > 0) parts.push(`综合性集体合同覆盖职工${must(ctx, 'contracts.workers_covered')}`);
      const rate = val(ctx, 'contracts.signing_rate');
      if (rate) parts.push(`已建会单位集体合同签订率${rate}${rise(ctx, 'contracts.signing_rate')}`);
      paragraphs.push(`${parts.join('，')}。`);
      const own = byOwnership(ctx, 'contracts.unionised_covered', 'contracts.signing_rate');
      if (own && own.rates.length) paragraphs.push(`${scope}${own.units}签订了集体合同，签订率${rates(own.rates)}。`);
      if (decline(ctx, 'contracts.signing_rate')) problems.push('集体合同签订率为{集体合同签订率}，{集体合同签订率·同比}，非公企业集体协商推进不够。');
    }

    if (established > 0) {
      const parts = [`${scope}建立职工代表大会制度的单位${must(ctx, 'congress.units_established')}`];
      const rate = val(ctx, 'congress.establishment_rate');
      if (rate) parts.push(`已建会单位职代会建制率${rate}${rise(ctx, 'congress.establishment_rate')}`);
      if (num(ctx, 'congress.open_affairs_units') > 0) parts.push(`建立厂务公开制度的单位${must(ctx, 'congress.open_affairs_units')}`);
      paragraphs.push(`${parts.join('，')}。`);
      const own = byOwnership(ctx, 'congress.unionised_established', 'congress.establishment_rate');
      if (own && own.rates.length) paragraphs.push(`其中${own.units}建立了职工代表大会制度，建制率${rates(own.rates)}。`);
      const sessions = num(ctx, 'congress.sessions');
      if (sessions > 0) {
        const delegates = num(ctx, 'congress.delegates');
        paragraphs.push(`全年召开职代会${must(ctx, 'congress.sessions')}${delegates > 0 ? `，${proseValue(delegates, '名')}职工代表参加` : ''}。`);
      }
      if (decline(ctx, 'congress.establishment_rate')) problems.push('职代会建制率为{职代会建制率}，{职代会建制率·同比}，民主管理制度覆盖还不全面。');
    }

    return {
      heading: '深化民主管理，集体协商和职代会制度有效落实',
      paragraphs,
      problems,
      plans: ['推进工资集体协商和集体合同扩面提质，落实职代会和厂务公开制度。'],
    };
  },
};
