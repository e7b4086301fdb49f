// orgs.csv (UTF-8, English headers), 单位.csv (GBK, Chinese headers in another order, an extra 联系人
// column, dates like 2024/3/5, 是/否) and 职工人数.csv (UTF-8 with BOM, Chinese headers).
import { join } from 'node:path';
import { FAMILIES } from '../ingest/families.ts';
import { iso, slash, yearEnd, YEARS } from './calendar.ts';
import type { OrgType, Tree } from './orgs.ts';
import { person, BAD_PERSON_BASE } from './people.ts';
import { rngFor } from './prng.ts';
import { unitKind, unitNameOf, type Units } from './units.ts';
import { INDUSTRIES, OWNERSHIP } from '../ingest/families-2.ts';
import { CsvSink, type BadRow, type Cell } from './writers.ts';
import { creditCheckChar, makeCreditCode } from '../ids/gb32100.ts';
import { COUNTY_CODE } from './orgs.ts';
import { permute } from './prng.ts';

const zh = (family: keyof typeof FAMILIES, name: string): string =>
  FAMILIES[family].columns.find((c) => c.name === name)!.zh;

/** A wrong check character for a 17-char prefix: the next one in the charset. */
function wrongCreditCode(code: string): string {
  const right = creditCheckChar(code.slice(0, 17));
  const cs = '0123456789ABCDEFGHJKLMNPQRTUWXY';
  return code.slice(0, 17) + cs[(cs.indexOf(right) + 7) % 31];
}

/**
 * 女职工委员会 (an added column, its own stream): every federation and street federation has one, most
 * community unions, about half the joint unions and a third of the grassroots unions. Blank = no.
 */
const WOMEN_SHARE: Record<OrgType, number> = { federation: 1, street_federation: 1, community_union: 0.7, joint_union: 0.5, grassroots_union: 0.35 };
function womenCommittee(seed: number, i: number, type: OrgType): string {
  const r = rngFor(seed, 'women-committee', i);
  return r.chance(WOMEN_SHARE[type]) ? (r.chance(0.7) ? '是' : 'Y') : r.chance(0.5) ? '否' : '';
}

export async function writeOrgs(out: string, seed: number, tree: Tree, bad: BadRow[]) {
  const keys = FAMILIES.orgs.columns.map((c) => c.name);
  const w = new CsvSink(join(out, 'orgs.csv'), 'orgs.csv', keys, keys, bad);
  for (const [i, o] of tree.orgs.entries()) {
    await w.row([o.code, o.name, o.parent < 0 ? '' : tree.orgs[o.parent]!.code, o.type, iso(o.founded), o.dissolved === null ? '' : iso(o.dissolved), womenCommittee(seed, i, o.type)]);
  }
  return w.close();
}

const UNIT_KEYS = ['unit_name', 'unit_code', 'contact', 'should_unionise', 'area_org_code', 'registered_on', 'union_org_code', 'unionised_on', 'closed_on', 'ownership', 'industry'];

/** 经济类型 as a label part (国有, 私营 …) or the code; 行业门类 as the letter or the section name. */
function kindCells(seed: number, u: number): [string, string] {
  const { ownership, industry } = unitKind(seed, u);
  const r = rngFor(seed, 'unit-kind-cells', u);
  if (r.chance(0.03)) return ['', '']; // not yet classified: the columns are optional
  const own = r.chance(0.7) ? OWNERSHIP[ownership].split('/')[0]! : ownership;
  return [own, r.chance(0.5) ? industry : INDUSTRIES[industry as keyof typeof INDUSTRIES]];
}

export async function writeUnits(out: string, seed: number, tree: Tree, units: Units, bad: BadRow[]) {
  const header = UNIT_KEYS.map((k) => (k === 'contact' ? '联系人' : zh('units', k)));
  const freshCode = (k: number) => makeCreditCode(COUNTY_CODE, String(permute(units.n + k, 1e8, seed)).padStart(8, '0'));
  const contact = (k: number) => person(seed, BAD_PERSON_BASE + 100 + k).name;
  const injections = [
    {
      at: 40 + rngFor(seed, 'bad', 1).int(0, 40),
      column: 'unit_code',
      reason: 'bad_credit_code' as const,
      make: (last: Cell[]) => [[`云岭县新锐商贸有限公司`, wrongCreditCode(freshCode(1)), contact(1), '是', last[4]!, '2019/5/8', '', '', '', '私营', 'F']],
    },
    {
      at: 90 + rngFor(seed, 'bad', 2).int(0, 40),
      column: 'unionised_on',
      reason: 'required' as const,
      make: (last: Cell[]) => [[`云岭县德丰物流有限公司`, freshCode(2), contact(2), '是', last[4]!, '2018/11/20', unionCodeNear(tree, units, last), '', '', '私营', 'G']],
    },
  ];
  const w = new CsvSink(join(out, '单位.csv'), '单位.csv', UNIT_KEYS, header, bad, { encoding: 'gbk', injections });
  for (let u = 0; u < units.n; u++) {
    const un = units.union[u]!;
    const c = units.closed[u]!;
    await w.row([
      unitNameOf(seed, u),
      units.code(u),
      person(seed, BAD_PERSON_BASE + 1000 + u).name,
      units.should[u] ? '是' : '否',
      tree.orgs[units.area[u]!]!.code,
      slash(units.registered[u]!),
      un < 0 ? '' : tree.orgs[un]!.code,
      un < 0 ? '' : slash(units.unionised[u]!),
      c < 0 ? '' : slash(c),
      ...kindCells(seed, u),
    ]);
  }
  return w.close();
}

/** Some union's code, for the bad "unionised but no date" row: the first unionised unit's. */
function unionCodeNear(tree: Tree, units: Units, _last: Cell[]): string {
  for (let u = 0; u < units.n; u++) if (units.union[u]! >= 0) return tree.orgs[units.union[u]!]!.code;
  return tree.orgs[0]!.code;
}

export async function writeHeadcounts(out: string, seed: number, units: Units, bad: BadRow[]) {
  const keys = FAMILIES.headcounts.columns.map((c) => c.name);
  const injections = [
    {
      at: 60 + rngFor(seed, 'bad', 3).int(0, 60),
      column: 'female_employees',
      reason: 'out_of_range' as const,
      // Mid-year date: the year-end rows own every (unit, year-end) key.
      make: (last: Cell[]) => [[last[0]!, '2023-06-30', '12', '15', '3']],
    },
  ];
  const w = new CsvSink(join(out, '职工人数.csv'), '职工人数.csv', keys, keys.map((k) => zh('headcounts', k)), bad, { bom: true, injections });
  for (let u = 0; u < units.n; u++) {
    const r = rngFor(seed, 'headcount', u);
    for (const y of YEARS) {
      const e = units.emp(u, y);
      if (!e || !units.existsAt(u, yearEnd(y))) continue;
      const female = Math.min(e, Math.round(e * units.femaleShare[u]! + r.normal()));
      const migrant = Math.min(e, Math.max(0, Math.round(e * units.migrantShare[u]! + r.normal())));
      await w.row([units.code(u), r.chance(0.8) ? iso(yearEnd(y)) : slash(yearEnd(y)), String(e), String(Math.max(0, female)), String(migrant)]);
    }
  }
  return w.close();
}
