// Honours, funds and services of data-contract-2: 职工之家.csv, 劳模.xlsx, 2021-2025年募集资金.csv,
// 工会经费.csv (GBK), 服务站点.csv and 就业帮扶.csv. Magnitudes follow the seed summaries for a county
// (scale 1): a few dozen 职工之家, a dozen or two model workers, an 一日捐 each May of a few thousand
// yuan per street plus unit and fiscal money (≈ 1M yuan a year), 2% dues from every unionised unit,
// a help centre, a service centre per street federation and help stations in most communities, and
// ~300 placements a year.
import { join } from 'node:path';
import { FAMILIES } from '../ingest/families.ts';
import { DONOR_TYPES, FUND_CAMPAIGNS, HOME_TITLES, HONOUR_LEVELS, PERSON_HONOURS, PLACEMENT_CHANNELS, STATION_TYPES } from '../ingest/families-2.ts';
import { chinese, day, iso, PERIOD_END, slash, yearEnd, YEARS, type Day } from './calendar.ts';
import type { Tree } from './orgs.ts';
import { memberNo, person, type Pool } from './people.ts';
import { rngFor, type Rng } from './prng.ts';
import { unitNameOf, type Units } from './units.ts';
import { CsvSink, XlsxSink, type BadRow, type Injection } from './writers.ts';

const keys = (f: keyof typeof FAMILIES) => FAMILIES[f].columns.map((c) => c.name);
const zhOf = (f: keyof typeof FAMILIES) => FAMILIES[f].columns.map((c) => c.zh);
/** Person indices of non-member model workers and job seekers (below the ID space's end, see people.ts). */
const HONOUR_BASE = 232_000_000;
const SEEKER_BASE = 231_500_000;
const cell = <T extends Record<string, string>>(r: Rng, values: T, code: keyof T & string): string =>
  r.chance(0.5) ? code : values[code]!.split('/')[0]!;
const dateCell = (r: Rng, d: Day): string => (r.chance(0.75) ? iso(d) : r.chance(0.6) ? slash(d) : chinese(d));

export async function writeServices(out: string, seed: number, tree: Tree, units: Units, pool: Pool, scale: number, bad: BadRow[]) {
  return [
    await writeHomes(out, seed, tree, bad),
    await writeModelWorkers(out, seed, tree, pool, scale, bad),
    await writeFunds(out, seed, tree, scale, bad),
    await writeDues(out, seed, units, bad),
    await writeStations(out, seed, tree, units, bad),
    await writePlacements(out, seed, tree, units, pool, scale, bad),
  ];
}

async function writeHomes(out: string, seed: number, tree: Tree, bad: BadRow[]) {
  const file = '职工之家.csv';
  const inj: Injection[] = [
    { at: 6 + rngFor(seed, 'bad', 70).int(0, 10), column: 'revoked_on', reason: 'date_order', make: (last) => [[last[0]!, 'model', 'national', '2022-04-28', '2021-12-31']] }, // no good row is model/national: no key clash
  ];
  const w = new CsvSink(join(out, file), file, keys('org_honours'), zhOf('org_honours'), bad, { injections: inj });
  for (let o = 0; o < tree.size; o++) {
    const org = tree.orgs[o]!;
    if (org.type !== 'grassroots_union' && org.type !== 'community_union' && org.type !== 'joint_union') continue;
    const r = rngFor(seed, 'homes', o);
    // a home is first named qualified at county level, some later advanced, a few go higher
    if (!r.chance(0.35)) continue;
    let on = Math.max(org.founded + r.int(300, 1500), day(2012, 1, 1) + r.int(0, 2000));
    const steps: [keyof typeof HOME_TITLES, keyof typeof HONOUR_LEVELS, number][] = [['qualified', 'county', 1], ['advanced', 'county', 0.4], ['advanced', 'city', 0.25], ['model', 'province', 0.15]];
    for (const [title, level, p] of steps) {
      if (on > PERIOD_END || !r.chance(p) || (org.dissolved !== null && on >= org.dissolved)) break;
      const revoked = r.chance(0.04) ? on + r.int(400, 1500) : null;
      await w.row([org.code, cell(r, HOME_TITLES, title), cell(r, HONOUR_LEVELS, level), dateCell(r, on), revoked !== null && revoked <= PERIOD_END ? iso(revoked) : '']);
      on += r.int(500, 1500);
    }
  }
  return w.close();
}

async function writeModelWorkers(out: string, seed: number, tree: Tree, pool: Pool, scale: number, bad: BadRow[]) {
  const file = '劳模.xlsx';
  const inj: Injection[] = [
    { at: 4 + rngFor(seed, 'bad', 71).int(0, 6), column: 'member_no', reason: 'unknown_member', make: (last) => [['M99999999', '', '', last[3]!, 'model_worker', 'county', '2023-04-28', '', '']] },
  ];
  const w = new XlsxSink(join(out, file), file, '劳模', keys('person_honours'), zhOf('person_honours'), bad, inj);
  const used = new Set<string>();
  let outsiders = 0;
  for (const y of [2019, 2020, ...YEARS]) {
    const r = rngFor(seed, 'model-workers', y);
    // awarded around 五一: county titles every year, higher ones rarer
    const per: [keyof typeof PERSON_HONOURS, keyof typeof HONOUR_LEVELS, number][] = [
      ['model_worker', 'county', 8], ['model_worker', 'city', 3], ['model_worker', 'province', 0.8], ['model_worker', 'national', 0.1],
      ['medal', 'county', 3], ['medal', 'city', 1], ['medal', 'province', 0.3], ['medal', 'national', 0.05],
    ];
    for (const [honour, level, mean] of per) {
      const n = Math.floor(mean * Math.max(scale, 0.05) + r.next());
      for (let k = 0; k < n; k++) {
        const on = day(y, 4, r.int(20, 30));
        const hardship = r.chance(0.08) ? '是' : r.chance(0.5) ? '否' : '';
        if (r.chance(0.85) && pool.size) {
          const i = r.int(0, pool.size - 1);
          if (!pool.activeAt(i, on) || used.has(`${i}|${honour}|${level}`)) continue;
          used.add(`${i}|${honour}|${level}`);
          const p = person(seed, pool.person[i]!);
          const who = r.next();
          await w.row([who < 0.8 ? memberNo(pool.member[i]!) : '', who > 0.5 ? p.id : '', p.name, tree.orgs[pool.org[i]!]!.code, cell(r, PERSON_HONOURS, honour), cell(r, HONOUR_LEVELS, level), new Date(on * 86_400_000), '', hardship]);
        } else {
          // a retired model worker who is no longer a member: identified by ID number
          const p = person(seed, HONOUR_BASE + ++outsiders);
          await w.row(['', p.id, p.name, tree.orgs[0]!.code, cell(r, PERSON_HONOURS, honour), cell(r, HONOUR_LEVELS, level), new Date(on * 86_400_000), '', hardship]);
        }
      }
    }
  }
  return w.close();
}

async function writeFunds(out: string, seed: number, tree: Tree, scale: number, bad: BadRow[]) {
  const file = '2021-2025年募集资金.csv';
  const inj: Injection[] = [
    // a receipt with neither money nor goods
    { at: 10 + rngFor(seed, 'bad', 72).int(0, 20), column: 'amount', reason: 'required', make: (last) => [['SJ2024-9000001', '2024-05-06', last[2]!, '一日捐', '职工', '', '35', '', '', '']] },
  ];
  const w = new CsvSink(join(out, file), file, keys('funds'), zhOf('funds'), bad, { injections: inj });
  const streets = tree.orgs.flatMap((o, i) => (o.type === 'street_federation' ? [i] : []));
  let serial = 0;
  const no = (y: number) => `SJ${y}-${String(++serial).padStart(6, '0')}`;
  const s = Math.max(scale, 0.05);
  for (const y of YEARS) {
    const r = rngFor(seed, 'funds', y);
    // 一日捐 in May: the federation and each street federation collect from the workers
    for (const o of [0, ...streets]) {
      const donors = Math.max(5, Math.round((o === 0 ? 120 : 40) * s * (0.7 + 0.6 * r.next())));
      await w.row([no(y), dateCell(r, day(y, 5, r.int(5, 25))), tree.orgs[o]!.code, cell(r, FUND_CAMPAIGNS, 'one_day_pay'), cell(r, DONOR_TYPES, 'workers'), '', String(donors), String(donors * r.int(2, 10) * 10), '', '']);
    }
    // 送温暖 before Spring Festival: units give money, some give goods (rice, oil, quilts)
    for (let k = Math.max(2, Math.round(25 * s)); k > 0; k--) {
      const goods = r.chance(0.3);
      const items = goods ? r.int(5, 60) * 10 : 0;
      await w.row([no(y), dateCell(r, day(y, 1, r.int(3, 25))), tree.orgs[r.chance(0.5) ? 0 : r.pick(streets)]!.code, cell(r, FUND_CAMPAIGNS, 'warmth'), cell(r, DONOR_TYPES, 'units'), unitNameOf(seed, r.int(0, 10_000)), '', goods && r.chance(0.6) ? '' : String(r.int(5, 200) * 100), goods ? String(items) : '', goods ? String(items * r.int(3, 15) * 10) : '']);
    }
    // the public, the county budget and the higher union fund the help centre through the year
    for (let k = Math.max(1, Math.round(6 * s)); k > 0; k--)
      await w.row([no(y), dateCell(r, r.int(day(y, 1, 1), yearEnd(y))), tree.orgs[0]!.code, r.chance(0.5) ? '' : cell(r, FUND_CAMPAIGNS, 'other'), cell(r, DONOR_TYPES, 'public'), person(seed, HONOUR_BASE + 500_000 + serial).name, '', String(r.int(1, 50) * 100), '', '']);
    await w.row([no(y), dateCell(r, day(y, 3, r.int(1, 28))), tree.orgs[0]!.code, '', cell(r, DONOR_TYPES, 'fiscal'), '县财政局', '', String(Math.round(300_000 * s / 1000) * 1000 || 10_000), '', '']);
    await w.row([no(y), dateCell(r, day(y, 6, r.int(1, 28))), tree.orgs[0]!.code, cell(r, FUND_CAMPAIGNS, 'golden_autumn'), cell(r, DONOR_TYPES, 'higher_union'), '州总工会', '', String(Math.round(150_000 * s / 1000) * 1000 || 5_000), '', '']);
  }
  return w.close();
}

async function writeDues(out: string, seed: number, units: Units, bad: BadRow[]) {
  const file = '工会经费.csv';
  const [a, b] = [units.withoutUnion(1), units.withoutUnion(2)];
  const inj: Injection[] = [
    // a period across the year end: dues belong to one year
    { at: 30 + rngFor(seed, 'bad', 73).int(0, 30), column: 'period_end', reason: 'out_of_range', make: () => [[units.code(a), '2023-07-01', '2024-06-30', '360000', '', '', '']] },
    // two periods of one unit that overlap: both rows are wrong until one is corrected
    {
      at: 80 + rngFor(seed, 'bad', 74).int(0, 30),
      column: 'period_start',
      reason: 'period_overlap',
      make: () => [[units.code(b), '2022-01-01', '2022-12-31', '240000', '', '4800', '2023-01-20'], [units.code(b), '2022-07-01', '2022-12-31', '120000', '', '', '']],
    },
  ];
  const w = new CsvSink(join(out, file), file, keys('dues'), zhOf('dues'), bad, { encoding: 'gbk', injections: inj });
  for (let u = 0; u < units.n; u++) {
    if (units.union[u]! < 0) continue;
    const r = rngFor(seed, 'dues', u);
    const wage = r.int(36, 90) * 1000; // yearly wage per employee
    const halves = r.chance(0.3);
    const habit = r.weighted({ full: 85, partial: 10, none: 5 });
    for (const y of YEARS) {
      const periods: [Day, Day][] = halves ? [[day(y, 1, 1), day(y, 6, 30)], [day(y, 7, 1), yearEnd(y)]] : [[day(y, 1, 1), yearEnd(y)]];
      for (const [from, to] of periods) {
        if (units.unionised[u]! > from || !units.existsAt(u, to)) continue;
        const payroll = Math.round(units.emp(u, y) * wage * ((to - from + 1) / 365) * (0.95 + 0.1 * r.next()));
        if (payroll <= 0) continue; // closed before the year end: no headcount to pay on
        const due = Math.round(payroll * 2) / 100; // 2% in yuan, to the fen
        const paid = habit === 'full' ? due : habit === 'partial' ? Math.round(due * (0.3 + 0.5 * r.next()) * 100) / 100 : 0;
        const paidOn = to + r.int(5, 60);
        await w.row([
          units.code(u), slash(from), slash(to), String(payroll),
          r.chance(0.5) ? '' : due.toFixed(2),
          paid > 0 ? paid.toFixed(2) : r.chance(0.5) ? '0' : '',
          paid > 0 && paidOn <= PERIOD_END + 60 ? slash(paidOn) : '',
        ]);
      }
    }
  }
  return w.close();
}

async function writeStations(out: string, seed: number, tree: Tree, units: Units, bad: BadRow[]) {
  const file = '服务站点.csv';
  const inj: Injection[] = [
    { at: 5 + rngFor(seed, 'bad', 75).int(0, 10), column: 'org_code', reason: 'unknown_org', make: (last) => [['ZD9000001', '新建帮扶站点', '5304239990001', 'help_station', '', '2024-03-01', '']] },
  ];
  const w = new CsvSink(join(out, file), file, keys('stations'), zhOf('stations'), bad, { injections: inj });
  let serial = 0;
  const write = async (r: Rng, o: number, type: keyof typeof STATION_TYPES, name: string, unit: string, from: Day) => {
    const opened = Math.max(from, tree.orgs[o]!.founded);
    if (opened > PERIOD_END) return;
    // centres stay (the seeds report 100% coverage); a few stations close
    const closed = (type === 'help_station' || type === 'service_station') && r.chance(0.05) ? opened + r.int(400, 2500) : null;
    await w.row([`ZD${String(++serial).padStart(7, '0')}`, name, tree.orgs[o]!.code, cell(r, STATION_TYPES, type), unit, dateCell(r, opened), closed !== null && closed <= PERIOD_END ? iso(closed) : '']);
  };
  for (let o = 0; o < tree.size; o++) {
    const org = tree.orgs[o]!;
    const r = rngFor(seed, 'stations', o);
    if (org.type === 'federation') {
      await write(r, o, 'help_centre', `${org.name}困难职工帮扶中心`, '', day(2012, 6, 1));
      await write(r, o, 'startup_base', `${org.name.replace('总工会', '')}职工创业示范基地`, '', day(2023, 5, 1));
    } else if (org.type === 'street_federation') {
      // every street federation runs a service centre (the seeds report 100% coverage)
      await write(r, o, 'service_centre', `${org.name.replace('工会联合会', '')}职工服务中心`, '', day(r.int(2014, 2022), r.int(1, 12), r.int(1, 28)));
    } else if (org.type === 'community_union' && r.chance(0.85)) {
      await write(r, o, 'help_station', `${org.name.replace(/(联合)?工会$/, '')}帮扶工作站`, '', day(r.int(2015, 2024), r.int(1, 12), r.int(1, 28)));
    }
  }
  // service stations in the big unionised units
  for (let u = 0; u < units.n; u++) {
    if (units.union[u]! < 0 || units.emp(u, 2025) < 150) continue;
    const r = rngFor(seed, 'unit-stations', u);
    if (!r.chance(0.5)) continue;
    const from = Math.max(units.unionised[u]! + r.int(100, 1500), day(2016, 1, 1));
    if (units.existsAt(u, from)) await write(r, units.union[u]!, 'service_station', `${unitNameOf(seed, u)}职工服务站`, units.code(u), from);
  }
  return w.close();
}

async function writePlacements(out: string, seed: number, tree: Tree, units: Units, pool: Pool, scale: number, bad: BadRow[]) {
  const file = '就业帮扶.csv';
  const inj: Injection[] = [
    { at: 20 + rngFor(seed, 'bad', 76).int(0, 20), column: null, reason: 'missing_person', make: (last) => [['', '', '', last[3]!, '2024-03-12', '招聘会', '', '']] },
  ];
  const w = new CsvSink(join(out, file), file, keys('placements'), zhOf('placements'), bad, { injections: inj });
  const streets = tree.orgs.flatMap((o, i) => (o.type === 'street_federation' ? [i] : []));
  let seekers = 0;
  const named = new Set<string>();
  for (const y of YEARS) {
    const r = rngFor(seed, 'placements', y);
    const seen = new Set<number>();
    const n = Math.max(5, Math.round(300 * scale * (0.8 + 0.4 * r.next())));
    for (let k = 0; k < n; k++) {
      const channel = r.weighted({ job_fair: 35, referral: 25, training: 15, public_post: 10, self_employed: 10, other: 5 } as Record<keyof typeof PLACEMENT_CHANNELS, number>);
      // 春送岗位 job fairs in February and March
      const on = channel === 'job_fair' && r.chance(0.7) ? r.int(day(y, 2, 1), day(y, 3, 31)) : r.int(day(y, 1, 1), yearEnd(y));
      const u = r.int(0, units.n - 1);
      const employer = channel !== 'self_employed' && units.existsAt(u, on) && r.chance(0.7);
      const org = tree.orgs[r.chance(0.5) ? 0 : r.pick(streets)]!.code;
      const tail = [org, dateCell(r, on), cell(r, PLACEMENT_CHANNELS, channel), employer && r.chance(0.7) ? units.code(u) : '', employer ? unitNameOf(seed, u) : ''];
      const i = pool.size ? r.int(0, pool.size - 1) : -1;
      // members who left their unit, found through the pool; most job seekers are not members
      if (i >= 0 && r.chance(0.25) && pool.leave[i]! <= on && !seen.has(i)) {
        seen.add(i);
        const p = person(seed, pool.person[i]!);
        await w.row([memberNo(pool.member[i]!), r.chance(0.4) ? p.id : '', p.name, ...tail]);
        continue;
      }
      const p = person(seed, SEEKER_BASE + ++seekers);
      // without an ID the name is the person: two namesakes placed the same day get their IDs
      const byName = !r.chance(0.6) && !named.has(`${p.name}|${on}`);
      if (byName) named.add(`${p.name}|${on}`);
      await w.row(['', byName ? '' : p.id, p.name, ...tail]);
    }
  }
  return w.close();
}
