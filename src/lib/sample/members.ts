// members.csv: UTF-8, English headers, ISO dates; the big file (≈40k rows per unit of scale).
// Written unit by unit; only the pool (see people.ts) stays in memory.
import { join } from 'node:path';
import { FAMILIES } from '../ingest/families.ts';
import { idCheckChar } from '../ids/gb11643.ts';
import { iso, yearEnd } from './calendar.ts';
import type { Tree } from './orgs.ts';
import { BAD_PERSON_BASE, memberNo, person, Pool, unitMembers } from './people.ts';
import { rngFor } from './prng.ts';
import type { Units } from './units.ts';
import { CsvSink, type BadRow, type Cell, type Injection } from './writers.ts';

const KEYS = FAMILIES.members.columns.map((c) => c.name);
const col = (k: string) => KEYS.indexOf(k);

function badMember(seed: number, k: number, last: Cell[], change: (cells: Cell[]) => void): Cell[][] {
  const p = person(seed, BAD_PERSON_BASE + k);
  const cells: Cell[] = [`M9${String(k).padStart(7, '0')}`, p.name, p.id, p.gender, iso(p.birth), p.phone, last[col('org_code')]!, last[col('unit_code')]!, '2022-03-01', '', '0', '0'];
  change(cells);
  return [cells];
}

function injections(seed: number): Injection[] {
  const at = (k: number, lo: number) => lo + rngFor(seed, 'bad-member', k).int(0, 300);
  const CHECK = '10X98765432';
  return [
    {
      at: at(1, 100),
      column: 'id_number',
      reason: 'bad_id_number',
      make: (last) => badMember(seed, 1, last, (c) => {
        const id = String(c[2]);
        c[2] = id.slice(0, 17) + CHECK[(CHECK.indexOf(idCheckChar(id.slice(0, 17))) + 3) % 11];
      }),
    },
    { at: at(2, 500), column: 'gender', reason: 'gender_mismatch', make: (last) => badMember(seed, 2, last, (c) => void (c[3] = c[3] === '男' ? '女' : '男')) },
    { at: at(3, 900), column: 'leave_date', reason: 'date_order', make: (last) => badMember(seed, 3, last, (c) => void (c[9] = '2021-11-15')) },
    { at: at(4, 1300), column: 'org_code', reason: 'unknown_org', make: (last) => badMember(seed, 4, last, (c) => void (c[6] = '5304239990001')) },
    { at: at(5, 1700), column: 'name', reason: 'required', make: (last) => badMember(seed, 5, last, (c) => void (c[1] = '')) },
  ];
}

export async function writeMembers(out: string, seed: number, tree: Tree, units: Units, bad: BadRow[]) {
  const w = new CsvSink(join(out, 'members.csv'), 'members.csv', KEYS, KEYS, bad, { injections: injections(seed) });
  const pool = new Pool();
  const next = { member: 1, person: 0 };
  for (let u = 0; u < units.n; u++) {
    const on = units.unionised[u]!;
    if (on < 0) continue;
    const closed = units.closed[u]! < 0 ? null : units.closed[u]!;
    const rate = units.memberRate[u]!;
    const r = rngFor(seed, 'members', u);
    const rows = unitMembers(seed, r, {
      unionised: on,
      closed,
      target: (y) => (on <= yearEnd(y) && units.existsAt(u, yearEnd(y)) ? Math.round(rate * units.emp(u, y)) : 0),
      migrantShare: units.migrantShare[u]!,
    }, next);
    const org = units.union[u]!;
    const orgCode = tree.orgs[org]!.code;
    const unitCode = units.code(u);
    for (const m of rows) {
      const p = person(seed, m.p);
      if (m.cadre || r.chance(0.06)) pool.add(m.p, m.m, org, m.join, m.leave, m.cadre);
      await w.row([
        memberNo(m.m),
        p.name,
        p.id,
        r.chance(0.97) ? p.gender : '',
        r.chance(0.85) ? iso(p.birth) : '',
        r.chance(0.96) ? p.phone : '',
        orgCode,
        unitCode,
        iso(m.join),
        m.leave === null ? '' : iso(m.leave),
        m.migrant ? '1' : '0',
        m.cadre ? '1' : '0',
      ]);
    }
  }
  return { ...(await w.close()), pool, members: next.member - 1 };
}
