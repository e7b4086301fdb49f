// 困难职工档案.xlsx (hardship files) and 2021-2025年帮扶发放.csv (aid payments), written together:
// each file's payments are drawn right after the file. Aid is seasonal: 节日慰问 in the weeks before
// Spring Festival, 金秋助学 in Aug–Sep, the rest spread over the year.
import { join } from 'node:path';
import { AID_CATEGORIES, EXIT_TYPES, FAMILIES, FUND_SOURCES, HARDSHIP_CATEGORIES } from '../ingest/families.ts';
import { CAMPAIGNS } from '../ingest/families-2.ts';
import { chinese, compact, day, dotted, excelDate, iso, PERIOD_END, PERIOD_START, slash, SPRING_FESTIVAL, yearOf, ymd, YEARS, type Day } from './calendar.ts';
import { HARDSHIP_CAUSES } from './names.ts';
import type { Tree } from './orgs.ts';
import { memberNo, person, type Pool } from './people.ts';
import { rngFor, type Rng } from './prng.ts';
import { CsvSink, XlsxSink, type BadRow, type Cell, type Injection } from './writers.ts';

type AidCategory = keyof typeof AID_CATEGORIES;
const H_KEYS = FAMILIES.hardship_files.columns.map((c) => c.name);
const A_KEYS = FAMILIES.aid.columns.map((c) => c.name);
const A_SYNONYM: Partial<Record<AidCategory, string>> = { education: '金秋助学', holiday: '送温暖' };

/** Hardship-file holders, for the training of the hardship audience. */
export interface Holders {
  pool: Int32Array;
  size: number;
}

function money(r: Rng, yuan: number): string {
  const v = r.chance(0.2) ? yuan + r.int(1, 99) / 100 : yuan;
  const u = r.next();
  if (u < 0.15 && v >= 1000) {
    // 1,200.50: the thousands separator clerks type (the CSV writer quotes it)
    const [int, frac = ''] = v.toFixed(2).split('.');
    return `${int!.replace(/\B(?=(\d{3})+$)/g, ',')}.${frac}`;
  }
  if (u < 0.3) return `${v}元`;
  return String(v);
}

function date(r: Rng, d: Day): string {
  const u = r.next();
  return u < 0.4 ? iso(d) : u < 0.65 ? slash(d) : u < 0.85 ? dotted(d) : compact(d);
}

const pickIn = (r: Rng, a: Day, b: Day) => r.int(a, Math.max(a, b));

/**
 * 帮扶活动 and 实物折价 (added columns, drawn from their own stream so the payments stay as they were):
 * 送温暖 before Spring Festival, often with rice and oil worth 100–300 yuan; 金秋助学 for Aug–Sep
 * education aid; 春送岗位 for employment aid in Feb–Mar. Labels or codes, as clerks write them.
 */
function campaignCells(r: Rng, paid: Day, category: AidCategory): [string, string] {
  const m = ymd(paid).m;
  const campaign = category === 'holiday' ? 'warmth' : category === 'education' && m >= 8 && m <= 9 ? 'golden_autumn' : category === 'employment' && m >= 2 && m <= 3 ? 'spring_jobs' : null;
  if (!campaign || r.chance(0.15)) return ['', ''];
  const cell = r.chance(0.6) ? CAMPAIGNS[campaign] : campaign;
  return [cell, campaign === 'warmth' && r.chance(0.6) ? String(r.int(2, 6) * 50) : ''];
}

export async function writeRelief(out: string, seed: number, tree: Tree, pool: Pool, bad: BadRow[]) {
  const street = (org: number): number => {
    let o = org;
    while (tree.orgs[o]!.parent > 0) o = tree.orgs[o]!.parent;
    return o;
  };
  const hInjections: Injection[] = [
    {
      at: 5 + rngFor(seed, 'bad', 20).int(0, 10),
      column: 'exit_on',
      reason: 'date_order',
      make: (last) => [['KN9000001', last[1]!, last[2]!, last[3]!, '相对困难', '因病', 3, excelDate(day(2023, 5, 10)), excelDate(day(2023, 2, 1)), '解困脱困']],
    },
  ];
  const at = (k: number, lo: number) => lo + rngFor(seed, 'bad-aid', k).int(0, 30);
  const vary = (voucher: string, change: (c: Cell[]) => void) => (last: Cell[]): Cell[][] => {
    const c = [...last];
    c[0] = voucher;
    change(c);
    return [c];
  };
  const aInjections: Injection[] = [
    { at: at(1, 20), column: 'amount', reason: 'money_in_wan', make: vary('PZ2023-9000001', (c) => void (c[7] = '3.2万')) },
    { at: at(2, 60), column: 'amount', reason: 'bad_money', make: vary('PZ2023-9000002', (c) => void (c[7] = '0')) },
    { at: at(3, 100), column: 'category', reason: 'bad_enum', make: vary('PZ2023-9000003', (c) => void (c[6] = '慰问品')) },
    { at: at(4, 140), column: 'paid_on', reason: 'bad_date', make: vary('PZ2024-9000004', (c) => void (c[1] = '2024-13-45')) },
    { at: at(5, 180), column: null, reason: 'malformed_row', make: vary('PZ2024-9000005', (c) => void c.push('备注：补发')) },
    {
      at: at(6, 220),
      column: 'voucher_no',
      reason: 'conflicting_rows',
      make: (last) => [
        [...last.slice(0, 7), '600', ...last.slice(8)].map((v, i) => (i === 0 ? 'PZ2024-9000006' : v)),
        [...last.slice(0, 7), '800', ...last.slice(8)].map((v, i) => (i === 0 ? 'PZ2024-9000006' : v)),
      ],
    },
  ];
  const zh = (f: 'hardship_files' | 'aid', k: string) => FAMILIES[f].columns.find((c) => c.name === k)!.zh;
  const hw = new XlsxSink(join(out, '困难职工档案.xlsx'), '困难职工档案.xlsx', '困难职工档案', H_KEYS, H_KEYS.map((k) => zh('hardship_files', k)), bad, hInjections);
  const aw = new CsvSink(join(out, '2021-2025年帮扶发放.csv'), '2021-2025年帮扶发放.csv', A_KEYS, A_KEYS.map((k) => zh('aid', k)), bad, { injections: aInjections });
  const holders: Holders = { pool: new Int32Array(1024), size: 0 };
  let files = 0;
  let vouchers = 0;
  const approvers = [0, 1, 2, 3, 4, 5].map((k) => person(seed, 230_000_000 + k).name);

  const pay = async (r: Rng, i: number, paid: Day, category: AidCategory, yuan: number, org: number, fileNo: string) => {
    const p = person(seed, pool.person[i]!);
    const who = r.next();
    const fund = r.weighted({ union_funds: 5, higher_union: 3, fiscal: 2, donation: 1 } as Record<keyof typeof FUND_SOURCES, number>);
    await aw.row([
      `PZ${yearOf(paid)}-${String(++vouchers).padStart(7, '0')}`,
      date(r, paid),
      tree.orgs[org]!.code,
      who < 0.8 ? memberNo(pool.member[i]!) : '',
      who > 0.4 ? p.id : '',
      fileNo && r.chance(0.9) ? fileNo : '',
      r.chance(0.5) ? category : r.chance(0.5) && A_SYNONYM[category] ? A_SYNONYM[category]! : AID_CATEGORIES[category],
      money(r, yuan),
      r.chance(0.15) ? '' : r.chance(0.6) ? fund : FUND_SOURCES[fund],
      r.pick(approvers),
      ...campaignCells(rngFor(seed, 'aid-campaign', vouchers), paid, category),
    ]);
  };

  for (let i = 0; i < pool.size; i++) {
    const r = rngFor(seed, 'relief', i);
    const from = Math.max(pool.join[i]!, PERIOD_START);
    const to = Math.min(pool.leave[i]! - 1, PERIOD_END);
    if (to - from < 90) continue;
    const org = pool.org[i]!;
    if (!pool.cadre[i] && r.chance(0.25)) {
      const fileNo = `KN${String(++files).padStart(7, '0')}`;
      const registered = pickIn(r, from, to - 60);
      const exitOn = r.chance(0.5) ? registered + r.int(150, 900) : null;
      const exit = exitOn !== null && exitOn <= PERIOD_END ? exitOn : null;
      const p = person(seed, pool.person[i]!);
      const category = r.weighted({ relative: 6, deep: 2.5, accident: 1.5 } as Record<keyof typeof HARDSHIP_CATEGORIES, number>);
      const cause = category === 'accident' ? '因意外事故' : r.pick(HARDSHIP_CAUSES);
      const exitType = r.weighted({ recovered: 7.5, safety_net: 1.5, other: 1 } as Record<keyof typeof EXIT_TYPES, number>);
      const asText = r.chance(0.1);
      const cellDate = (d: Day): Cell => (asText ? chinese(d) : excelDate(d));
      const who = r.next();
      await hw.row([fileNo, who < 0.75 ? memberNo(pool.member[i]!) : null, who > 0.35 ? p.id : null, tree.orgs[org]!.code, HARDSHIP_CATEGORIES[category], cause, r.int(1, 6), cellDate(registered), exit === null ? null : cellDate(exit), exit === null ? null : EXIT_TYPES[exitType]]);
      if (holders.size === holders.pool.length) {
        const g = new Int32Array(holders.size * 2);
        g.set(holders.pool);
        holders.pool = g;
      }
      holders.pool[holders.size++] = i;
      const end = exit ?? to;
      const payer = () => (r.chance(0.5) ? org : r.chance(0.5) ? street(org) : 0);
      for (const y of YEARS) {
        // 送温暖 in the four weeks before Spring Festival
        const sf = SPRING_FESTIVAL[y]!;
        if (registered <= sf - 3 && end >= sf - 28) await pay(r, i, pickIn(r, Math.max(sf - 28, registered), Math.min(sf - 3, end)), 'holiday', r.int(5, 10) * 100, payer(), fileNo);
        const ys = day(y, 1, 1);
        const ye = day(y, 12, 31);
        const a = Math.max(ys, registered);
        const b = Math.min(ye, end);
        if (a > b) continue;
        for (let k = r.int(1, 3); k > 0; k--) await pay(r, i, pickIn(r, a, b), 'living', r.int(3, 30) * 100, payer(), fileNo);
        if (r.chance(cause.includes('病') ? 0.6 : 0.2)) await pay(r, i, pickIn(r, a, b), 'medical', r.int(10, 200) * 100, payer(), fileNo);
        const edA = Math.max(day(y, 8, 1), a);
        const edB = Math.min(day(y, 9, 30), b);
        if (edA <= edB && r.chance(cause === '因子女就学' ? 0.9 : 0.3)) await pay(r, i, pickIn(r, edA, edB), 'education', r.int(2, 10) * 500, payer(), fileNo);
        if (category !== 'relative' && r.chance(0.2)) await pay(r, i, pickIn(r, a, b), 'employment', r.int(5, 20) * 100, payer(), fileNo);
      }
      continue;
    }
    // Members without a file: 互助保障 claims, 劳模 and 送温暖 for front-line workers, now and then.
    for (const y of YEARS) {
      const a = Math.max(day(y, 1, 1), from);
      const b = Math.min(day(y, 12, 31), to);
      if (a > b) continue;
      if (r.chance(0.04)) await pay(r, i, pickIn(r, a, b), 'mutual', r.int(2, 80) * 100, 0, '');
      if (pool.cadre[i] && r.chance(0.1)) await pay(r, i, pickIn(r, Math.max(a, day(y, 4, 15)), Math.min(b, day(y, 4, 30))), 'model_worker', r.int(10, 30) * 100, 0, '');
      const sf = SPRING_FESTIVAL[y]!;
      if (r.chance(0.03) && a <= sf - 3 && b >= sf - 28) await pay(r, i, pickIn(r, Math.max(a, sf - 28), Math.min(b, sf - 3)), 'holiday', r.int(3, 8) * 100, street(org), '');
      if (r.chance(0.003)) await pay(r, i, pickIn(r, a, b), 'startup', r.int(5, 30) * 1000, 0, '');
    }
  }
  const h = await hw.close();
  const a = await aw.close();
  return { files: [h, a], holders };
}
