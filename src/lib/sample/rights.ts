// The rights and democratic-management registers of data-contract-2: 维权案件.csv, 劳动法律监督.csv,
// 集体合同.xlsx with 合同覆盖单位.csv, and 职代会.csv. Magnitudes follow the seed summaries for a county
// (scale 1): ~50 letters and visits, ~45 workers given legal aid and ~35 disputes mediated a year;
// a dozen safety and a handful of labour-law inspections; contracts for the units with their own
// union plus regional and industry contracts for the small ones; congresses in every state unit.
import { join } from 'node:path';
import { FAMILIES } from '../ingest/families.ts';
import { CASE_CHANNELS, CASE_KINDS, CASE_OUTCOMES, CONTRACT_SCOPES, CONTRACT_TYPES, INSPECTION_KINDS } from '../ingest/families-2.ts';
import { addYears, chinese, day, iso, PERIOD_END, slash, yearEnd, YEARS, type Day } from './calendar.ts';
import type { Tree } from './orgs.ts';
import { person } from './people.ts';
import { rngFor, type Rng } from './prng.ts';
import { unitKind, type Units } from './units.ts';
import { CsvSink, XlsxSink, type BadRow, type Cell, type Injection } from './writers.ts';

const keys = (f: keyof typeof FAMILIES) => FAMILIES[f].columns.map((c) => c.name);
const zhOf = (f: keyof typeof FAMILIES) => FAMILIES[f].columns.map((c) => c.zh);
/** Person indices of case applicants (never members; below the ID space's end, see people.ts). */
export const APPLICANT_BASE = 231_000_000;
/** Enum cells as clerks write them: the code, or the label's first spelling. */
const cell = <T extends Record<string, string>>(r: Rng, values: T, code: keyof T & string): string =>
  r.chance(0.5) ? code : values[code]!.split('/')[0]!;
const dateCell = (r: Rng, d: Day): string => (r.chance(0.75) ? iso(d) : r.chance(0.6) ? slash(d) : chinese(d));

/** The street federation (or the root) above an area org: who handles the area's cases and inspections. */
function streetOf(tree: Tree, o: number): number {
  let x = o;
  while (x > 0 && tree.orgs[x]!.type !== 'street_federation') x = tree.orgs[x]!.parent;
  return Math.max(0, x);
}

export async function writeRights(out: string, seed: number, tree: Tree, units: Units, scale: number, bad: BadRow[]) {
  const files = [
    await writeCases(out, seed, tree, units, scale, bad),
    await writeInspections(out, seed, tree, units, scale, bad),
    ...(await writeContracts(out, seed, tree, units, bad)),
    await writeDemocracy(out, seed, units, bad),
  ];
  return files;
}

async function writeCases(out: string, seed: number, tree: Tree, units: Units, scale: number, bad: BadRow[]) {
  const file = '维权案件.csv';
  const inj: Injection[] = [
    {
      at: 20 + rngFor(seed, 'bad', 60).int(0, 20),
      column: 'closed_on',
      reason: 'date_order',
      // closed a month before it was received: the clerk swapped the two dates
      make: (last) => [['WQ2024-9000001', last[1]!, '2024-05-20', 'hotline', 'consultation', '1', '', '', '2024-04-20', 'resolved', '']],
    },
  ];
  const w = new CsvSink(join(out, file), file, keys('rights_cases'), zhOf('rights_cases'), bad, { injections: inj });
  const handlers = [0, ...tree.orgs.flatMap((o, i) => (o.type === 'street_federation' ? [i] : []))];
  let serial = 0;
  for (const y of YEARS) {
    const r = rngFor(seed, 'cases', y);
    const n = Math.max(4, Math.round(150 * scale * (0.85 + 0.3 * r.next())));
    const days: Day[] = Array.from({ length: n }, () => r.int(day(y, 1, 1), yearEnd(y))).sort((a, b) => a - b);
    for (const received of days) {
      const kind = r.weighted({ consultation: 40, legal_aid: 20, mediation: 25, wage_arrears: 10, complaint: 5 } as Record<keyof typeof CASE_KINDS, number>);
      const channel = r.weighted({ letter_visit: 40, hotline: 35, online: 15, other: 10 } as Record<keyof typeof CASE_CHANNELS, number>);
      // most cases are one worker; wage arrears and some disputes are collective
      const workers = kind === 'wage_arrears' || (kind === 'mediation' && r.chance(0.15)) ? r.int(2, 40) : r.chance(0.1) ? r.int(2, 5) : 1;
      const u = r.int(0, units.n - 1);
      const unit = units.existsAt(u, received) && kind !== 'consultation' && r.chance(0.7) ? units.code(u) : '';
      const org = handlers[r.chance(0.5) ? 0 : r.int(0, handlers.length - 1)]!;
      const closedOn = r.chance(0.92) ? received + (kind === 'consultation' ? r.int(0, 3) : r.int(5, 75)) : null;
      const closed = closedOn !== null && closedOn <= PERIOD_END ? closedOn : null;
      let outcome: keyof typeof CASE_OUTCOMES | null = null;
      if (closed !== null)
        outcome = kind === 'mediation'
          ? r.weighted({ mediated: 75, not_mediated: 15, referred: 10 } as Record<keyof typeof CASE_OUTCOMES, number>)
          : r.weighted({ resolved: 80, referred: 14, withdrawn: 6 } as Record<keyof typeof CASE_OUTCOMES, number>);
      const wages = closed !== null && kind === 'wage_arrears' && outcome === 'resolved' ? String(workers * r.int(15, 120) * 100) : '';
      await w.row([
        `WQ${y}-${String(++serial).padStart(6, '0')}`,
        tree.orgs[org]!.code,
        dateCell(r, received),
        cell(r, CASE_CHANNELS, channel),
        cell(r, CASE_KINDS, kind),
        workers === 1 && r.chance(0.5) ? '' : String(workers),
        person(seed, APPLICANT_BASE + serial).name,
        unit,
        closed === null ? '' : dateCell(r, closed),
        outcome === null ? '' : cell(r, CASE_OUTCOMES, outcome),
        wages,
      ]);
    }
  }
  return w.close();
}

async function writeInspections(out: string, seed: number, tree: Tree, units: Units, scale: number, bad: BadRow[]) {
  const file = '劳动法律监督.csv';
  const inj: Injection[] = [
    {
      at: 5 + rngFor(seed, 'bad', 61).int(0, 10),
      column: 'unit_code',
      reason: 'unknown_unit',
      // a valid credit code of a unit that is not in the unit register
      make: (last) => [[units.unregisteredCode(3), 'safety', '2024-06-18', last[3]!, '否', '', '']],
    },
  ];
  const w = new CsvSink(join(out, file), file, keys('inspections'), zhOf('inspections'), bad, { injections: inj });
  for (const y of YEARS) {
    const r = rngFor(seed, 'inspections', y);
    for (const [kind, per] of [['labour_law', 6], ['safety', 14]] as const) {
      const seen = new Set<number>();
      const n = Math.max(2, Math.round(per * scale * (0.7 + 0.6 * r.next())));
      for (let k = 0, tries = 0; k < n && tries < n * 20; tries++) {
        const u = r.int(0, units.n - 1);
        // 防暑降温 checks in summer, 两法一条例 through the year
        const on = kind === 'safety' ? r.int(day(y, 6, 1), day(y, 8, 31)) : r.int(day(y, 3, 1), day(y, 11, 30));
        if (seen.has(u) || !units.existsAt(u, on) || units.emp(u, y) < 10) continue;
        seen.add(u);
        k++;
        const issue = r.chance(kind === 'safety' ? 0.2 : 0.3);
        const fixed = issue && r.chance(0.7) ? on + r.int(10, 60) : null;
        await w.row([
          units.code(u),
          cell(r, INSPECTION_KINDS, kind),
          dateCell(r, on),
          tree.orgs[r.chance(0.6) ? streetOf(tree, units.area[u]!) : 0]!.code,
          issue ? '是' : '否',
          issue ? r.pick(kind === 'safety' ? ['消防通道堵塞', '防暑降温措施不到位', '未配发劳动防护用品'] : ['未签订劳动合同', '拖欠加班工资', '未足额缴纳社会保险']) : '',
          fixed !== null && fixed <= PERIOD_END ? iso(fixed) : '',
        ]);
      }
    }
  }
  return w.close();
}

async function writeContracts(out: string, seed: number, tree: Tree, units: Units, bad: BadRow[]) {
  const cFile = '集体合同.xlsx';
  const uFile = '合同覆盖单位.csv';
  const cInj: Injection[] = [
    {
      at: 8 + rngFor(seed, 'bad', 62).int(0, 10),
      column: 'unit_code',
      reason: 'required',
      // a single-unit contract without its unit
      make: (last) => [['HT2024-9000001', last[1]!, 'comprehensive', 'single', '', iso(day(2024, 3, 1)), iso(day(2027, 2, 28)), '', '80']],
    },
  ];
  const uInj: Injection[] = [
    {
      at: 10 + rngFor(seed, 'bad', 63).int(0, 10),
      column: 'contract_no',
      reason: 'unknown_contract',
      make: (last) => [['HT2023-9999999', last[1]!]],
    },
  ];
  const cw = new XlsxSink(join(out, cFile), cFile, '集体合同', keys('contracts'), zhOf('contracts'), bad, cInj);
  const uw = new CsvSink(join(out, uFile), uFile, keys('contract_units'), keys('contract_units'), bad, { injections: uInj });
  let serial = 0;
  const dateOf = (d: Day): Cell => new Date(d * 86_400_000);
  // Contracts run three years and are renewed; the first one is signed a while after unionising.
  const terms = async (r: Rng, from: Day, write: (signed: Day, expires: Day, no: string) => Promise<void>) => {
    for (let signed = from; signed <= PERIOD_END; ) {
      const expires = addYears(signed, 3) - 1;
      await write(signed, expires, `HT${new Date(signed * 86_400_000).getUTCFullYear()}-${String(++serial).padStart(6, '0')}`);
      if (!r.chance(0.85)) break;
      signed = expires + 1 + r.int(0, 60);
    }
  };
  // single contracts: units with their own grassroots union (the big ones)
  for (let u = 0; u < units.n; u++) {
    const un = units.union[u]!;
    if (un < 0 || tree.orgs[un]!.type !== 'grassroots_union') continue;
    const r = rngFor(seed, 'contracts', u);
    const own = unitKind(seed, u).ownership;
    if (!r.chance(own === 'state' || own === 'institution' ? 0.95 : 0.6)) continue;
    const first = Math.max(units.unionised[u]! + r.int(30, 400), day(2016, 1, 1) + r.int(0, 900));
    const closed = units.closed[u]! < 0 ? PERIOD_END + 1 : units.closed[u]!;
    await terms(r, first, async (signed, expires, no) => {
      if (signed >= closed) return;
      const y = Math.min(2025, Math.max(2021, new Date(signed * 86_400_000).getUTCFullYear()));
      const covered = String(Math.max(1, units.emp(u, y)));
      for (const type of ['comprehensive', ...(r.chance(0.35) ? ['wage'] : []), ...(r.chance(0.2) ? ['women'] : [])] as (keyof typeof CONTRACT_TYPES)[]) {
        const n = type === 'comprehensive' ? no : `${no}-${type === 'wage' ? 'GZ' : 'NZ'}`;
        await cw.row([n, tree.orgs[un]!.code, cell(r, CONTRACT_TYPES, type), cell(r, CONTRACT_SCOPES, 'single'), units.code(u), dateOf(signed), dateOf(expires), r.chance(0.9) ? dateOf(signed + r.int(5, 30)) : null, covered]);
      }
    });
  }
  // regional contracts of community unions and industry contracts of trade joint unions, covering
  // the small unionised units of the area or trade
  const members = new Map<number, number[]>();
  for (let u = 0; u < units.n; u++) {
    const un = units.union[u]!;
    if (un < 0 || tree.orgs[un]!.type !== 'joint_union') continue;
    const key = tree.orgs[un]!.name.includes('行业') ? un : units.area[u]!;
    (members.get(key) ?? members.set(key, []).get(key)!).push(u);
  }
  for (const [o, us] of [...members].sort((a, b) => a[0] - b[0])) {
    const r = rngFor(seed, 'regional', o);
    if (!r.chance(0.6)) continue;
    const scope = tree.orgs[o]!.type === 'joint_union' ? 'industry' : 'regional';
    const type = scope === 'industry' ? 'wage' : 'comprehensive';
    const from = Math.max(tree.orgs[o]!.founded, day(2019, 1, 1)) + r.int(30, 700);
    await terms(r, from, async (signed, expires, no) => {
      const covered = us.filter((u) => units.unionised[u]! <= signed && units.existsAt(u, signed));
      if (!covered.length) return;
      const workers = covered.reduce((s, u) => s + units.emp(u, Math.min(2025, Math.max(2021, new Date(signed * 86_400_000).getUTCFullYear()))), 0);
      await cw.row([no, tree.orgs[o]!.code, cell(r, CONTRACT_TYPES, type), cell(r, CONTRACT_SCOPES, scope), null, dateOf(signed), dateOf(expires), dateOf(signed + r.int(5, 30)), String(workers)]);
      for (const u of covered) await uw.row([no, units.code(u)]);
    });
  }
  return [await cw.close(), await uw.close()];
}

async function writeDemocracy(out: string, seed: number, units: Units, bad: BadRow[]) {
  const file = '职代会.csv';
  const inj: Injection[] = [
    {
      at: 15 + rngFor(seed, 'bad', 64).int(0, 20),
      column: 'sessions',
      reason: 'out_of_range',
      // sessions held, but no congress system: a contradiction the clerk must resolve
      make: (last) => [[units.code(units.withoutUnion(0)), '2023', '否', '2', '', '']],
    },
  ];
  const w = new CsvSink(join(out, file), file, keys('democracy'), zhOf('democracy'), bad, { injections: inj });
  for (let u = 0; u < units.n; u++) {
    if (units.union[u]! < 0) continue;
    const { ownership } = unitKind(seed, u);
    const publicSector = ownership === 'state' || ownership === 'institution';
    if (!publicSector && units.emp(u, 2025) < 25) continue;
    const r = rngFor(seed, 'democracy', u);
    let congress = publicSector ? r.chance(0.97) : r.chance(0.3);
    for (const y of YEARS) {
      if (units.unionised[u]! > yearEnd(y) || !units.existsAt(u, yearEnd(y))) continue;
      if (!congress && r.chance(0.15)) congress = true; // systems are set up over the years, rarely dropped
      const delegates = congress ? Math.max(5, Math.round(units.emp(u, y) * (0.08 + 0.1 * r.next()))) : 0;
      await w.row([
        units.code(u),
        r.chance(0.7) ? String(y) : `${y}年`,
        congress ? '是' : '否',
        congress ? String(r.chance(0.85) ? 1 : 2) : r.chance(0.5) ? '0' : '',
        congress ? String(delegates) : '',
        congress && r.chance(0.9) ? '是' : r.chance(0.5) ? '否' : '',
      ]);
    }
  }
  return w.close();
}
