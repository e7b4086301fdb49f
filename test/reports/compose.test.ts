// Golden texts of three summaries (a county federation, a street federation, a community union), each
// sentence checked against the conventions of reports/STYLE.md; a `-changed` copy is written on
// mismatch (test/output/reports/). Then what staff wrote: placeholders stay live, edits replace drafts.
import { describe, expect, it } from 'vitest';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { composeSummary, summaryText, type SummaryDoc } from '../../reports/summary/compose.ts';
import { unknownPlaceholders } from '../../reports/summary/placeholders.ts';
import * as fx from './fixtures.ts';

const OUT = join(import.meta.dirname, '../output/reports');

function golden(name: string, text: string) {
  mkdirSync(OUT, { recursive: true });
  const file = join(OUT, `${name}.txt`);
  if (!existsSync(file)) writeFileSync(file, text);
  const want = readFileSync(file, 'utf8');
  if (want !== text) writeFileSync(join(OUT, `${name}-changed.txt`), text);
  expect(text, `golden ${file} (see ${name}-changed.txt)`).toBe(want);
}

/** Body sentences (not the attachments' tables), split at 。；： */
function sentences(doc: SummaryDoc): string[] {
  const paras = [doc.opening, ...doc.sections.flatMap((s) => [s.heading, ...s.paragraphs, ...s.example]), ...doc.plans, doc.signature, doc.date];
  return paras.flatMap((p) => p.split(/(?<=[。；])/)).filter(Boolean);
}

/** The conventions (reports/STYLE.md), one check per rule, applied to every sentence. */
const RULES: [string, (s: string) => boolean][] = [
  ['no thousands separators in prose', (s) => !/\d,\d{3}/.test(s)],
  ['small sums in 元, not 0.x万元', (s) => !/(?<![\d.])0\.\d+万元/.test(s)],
  ['万元 without trailing zeros', (s) => !/\d\.\d*0万元/.test(s)],
  ['rates without a trailing .0', (s) => !/\d\.0%/.test(s)],
  ['全县/全街道/全社区, never 本组织范围内', (s) => !s.includes('本组织范围内')],
  ['人均 per person, never 元/人次', (s) => !s.includes('元/人次')],
  ['no system words', (s) => !/数据仓库|批导入|快照|生成时间|数据来源|batch/i.test(s)],
  ['full-width punctuation in Chinese text', (s) => !/[\u4e00-\u9fff][,;:()?!]|[,;:()?!][\u4e00-\u9fff]/.test(s)],
  ['no empty or broken values', (s) => !/NaN|undefined|null|Infinity|—%|，，|，。/.test(s)],
];

function checkConventions(doc: SummaryDoc) {
  for (const s of sentences(doc)) for (const [rule, ok] of RULES) expect(ok(s), `${rule}: ${s}`).toBe(true);
  // The opening says who led the work and ends "如下：".
  expect(doc.opening).toMatch(/领导/);
  expect(doc.opening.endsWith('如下：')).toBe(true);
  // Declines are problems: no 下降 among the achievements.
  for (const s of doc.sections.filter((x) => x.key !== 'problems')) for (const p of s.paragraphs) expect(p, p).not.toMatch(/下降|减少/);
  // Stocks at year end say so.
  const org = doc.sections.find((s) => s.key === 'organisation');
  if (org) expect(org.paragraphs[0]).toMatch(/^截至年底/);
  // The last two parts, then 落款 and 成文日期.
  expect(doc.sections.at(-2)!.heading).toBe('存在的问题');
  expect(doc.sections.at(-1)!.heading).toBe('下一步工作打算');
  expect(doc.date).toMatch(/^\d{4}年\d{1,2}月\d{1,2}日$/);
  // Training is counted once: 培训 never among the activities' 场.
  const act = doc.sections.find((s) => s.key === 'activities');
  if (act) for (const p of act.paragraphs) expect(p).not.toMatch(/培训\d+场|职代会\d+场|法律援助\d+场/);
}

describe.each([
  ['county', fx.county],
  ['street', fx.federation],
  ['community', fx.communityUnion],
] as const)('the %s summary', (name, make) => {
  const doc = composeSummary(make());
  it('matches its golden text', () => golden(`summary-${name}`, summaryText(doc)));
  it('follows the conventions sentence by sentence', () => checkConventions(doc));
});

describe('what the figures say', () => {
  it('gives a joint union the units it covers, not a 组建率 of 100% (coverage per union)', () => {
    const doc = composeSummary(fx.jointUnion());
    const org = doc.sections.find((s) => s.key === 'organisation')!;
    // 320 / 350 = 91.43% → 91.4%; last year 290 / 330 = 87.88% → 87.9%: +3.5 个百分点
    expect(org.paragraphs[0]).toBe('截至年底，本会覆盖单位12家；职工350人，入会职工320人，职工入会率91.4%，比上年提高3.5个百分点。');
    // (the attachment's definitions still list 工会组建率: only the body is checked)
    for (const s of sentences(doc)) expect(s).not.toMatch(/组建率|基层工会组织1个/);
    checkConventions(doc);
  });

  it('writes category in one breath, fund sources and training by audience (street)', () => {
    const text = summaryText(composeSummary(fx.federation()));
    // 150000 元 = 15万元, 120000 = 12万元, 65000 < 10万 → 65000元
    expect(text).toContain('其中，生活救助180人次15万元；医疗救助46人次12万元；助学26人次65000元。');
    expect(text).toContain('从资金来源看，工会经费18.5万元，上级工会补助12万元，社会捐助30000元。');
    expect(text).toContain('其中，一线职工451人次，困难职工80人次，工会干部72人次，下岗失业人员52人次。');
    expect(text).not.toMatch(/培训一线职工|按培训对象分/); // 培训 once, not before every audience
    // 86 activities − 14 training − 10 congress = 62 场; participants 3200 + 1100 = 4300 人次.
    expect(text).toContain('全年组织开展各类活动62场，职工参与4300人次。');
    expect(text).toContain('此外，指导召开职工代表大会10次。');
    // 人均 is per person: 335000 元 / 268 人 = 1250 元.
    expect(text).toContain('人均1250元');
  });

  it('moves declines to 存在的问题 (county): aid down 47.3%, membership rate down 1.6 points', () => {
    const doc = composeSummary(fx.county());
    const problems = doc.sections.find((s) => s.key === 'problems')!.paragraphs.join('');
    // 28900 vs 54800: (28900 − 54800)/54800 = −47.26% → 47.3
    expect(problems).toContain('全年帮扶资金28900元，同比下降47.3%');
    // 45120/50566 = 89.23% → 89.2; 45300/49870 = 90.84% → 90.8; 90.8 − 89.2 = 1.6
    expect(problems).toContain('职工入会率为89.2%，比上年下降1.6个百分点');
    const relief = doc.sections.find((s) => s.key === 'relief')!.paragraphs.join('');
    expect(relief).toContain('全年发放帮扶资金28900元，帮扶职工37人次');
    expect(summaryText(doc)).toContain('全县应建会单位2396家');
  });

  it('gives no 同比 on a small base (community: 25 new members last year)', () => {
    const text = summaryText(composeSummary(fx.communityUnion()));
    expect(text).not.toMatch(/新发展会员22人，同比/);
    expect(text).toContain('全社区应建会单位12家');
    // 12家 last year < 20 units: the 组建率 change is not written.
    expect(text).toMatch(/工会组建率91.7%；/);
    expect(text).toContain('此外，开展法律援助和劳动争议调解1次。');
  });
});

describe('what staff wrote', () => {
  it('replaces drafts, keeps figures live through placeholders and carries 典型事例 per section', () => {
    const doc = composeSummary(fx.federation(), {
      opening: '{年度}，{组织名称}在街道党工委领导下扎实开展工作。现总结如下：',
      examples: { relief: '东湖社区工会为患病职工募捐，全年帮扶资金达{帮扶金额}，{帮扶金额·同比}。' },
      problems: '一是部分新建企业建会滞后。\n二是帮扶资金来源单一。',
      plans: '抓好建会入会。\n抓好精准帮扶。',
      signature: '东湖街道工会联合会',
      date: '2026年1月20日',
    });
    expect(doc.opening).toBe('2025年，东湖街道工会联合会在街道党工委领导下扎实开展工作。现总结如下：');
    expect(doc.sections.find((s) => s.key === 'relief')!.example).toEqual(['东湖社区工会为患病职工募捐，全年帮扶资金达33.5万元，同比增长8.5%。']);
    expect(doc.sections.find((s) => s.key === 'problems')!.paragraphs).toEqual(['一是部分新建企业建会滞后。', '二是帮扶资金来源单一。']);
    expect(doc.plans).toEqual(['抓好建会入会。', '抓好精准帮扶。']);
    expect(doc.date).toBe('2026年1月20日');
    // The same text over other figures reads the other figures: live, not pasted.
    const other = composeSummary(fx.county(), { examples: { relief: '全年帮扶资金达{帮扶金额}，{帮扶金额·同比}。' } });
    // the decline's 同比 is written where staff put it; an empty one would take its comma along
    expect(other.sections.find((s) => s.key === 'relief')!.example).toEqual(['全年帮扶资金达28900元，同比下降47.3%。']);
  });

  it('knows which placeholders exist', () => {
    expect(unknownPlaceholders('{帮扶金额}{帮扶金额·同比}{年度}{职工入会率}')).toEqual([]);
    expect(unknownPlaceholders('{帮扶金頟}和{foo}')).toEqual(['帮扶金頟', 'foo']);
  });
});
