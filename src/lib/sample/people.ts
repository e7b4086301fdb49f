// People: an identity (name, ID number, phone) recomputable from a person index, and the members of
// each unionised unit year by year (joiners, leavers, closures). A small "pool" of members is kept
// (all cadres and ~6% of the rest) for hardship files, aid and training to refer to.
import { makeIdNumber } from '../ids/gb11643.ts';
import { addYears, day, iso, PERIOD_END, yearEnd, yearStart, YEARS, type Day } from './calendar.ts';
import { ID_REGIONS, personName, phone } from './names.ts';
import { permute, rngFor, type Rng } from './prng.ts';

const BIRTH_FROM = day(1966, 1, 1);
const BIRTH_DAYS = day(2003, 6, 30) - BIRTH_FROM + 1;
const ID_SPACE = ID_REGIONS.length * BIRTH_DAYS * 1000;
/** Person indices at or above this are non-members (trainees) and bad-row people: never members. */
export const NON_MEMBER_BASE = 200_000_000;
export const BAD_PERSON_BASE = 220_000_000;

export interface Person {
  name: string;
  id: string;
  gender: '男' | '女';
  birth: Day;
  phone: string;
}

/** Just the birth date of person p (cheaper than person()). */
export function birthOf(seed: number, p: number): Day {
  return BIRTH_FROM + (Math.floor(permute(p, ID_SPACE, seed) / 1000) % BIRTH_DAYS);
}

/** Everything about person p, from p alone. IDs are one-to-one with p (no two people share one). */
export function person(seed: number, p: number): Person {
  const x = permute(p, ID_SPACE, seed);
  const seq3 = x % 1000;
  const rest = Math.floor(x / 1000);
  const birth = BIRTH_FROM + (rest % BIRTH_DAYS);
  const region = ID_REGIONS[Math.floor(rest / BIRTH_DAYS)]!;
  const gender = seq3 % 2 === 1 ? '男' : '女';
  const r = rngFor(seed, 'person', p);
  return { name: personName(r, gender), id: makeIdNumber(region, iso(birth), seq3 >> 1, gender), gender, birth, phone: phone(r) };
}

export const memberNo = (n: number): string => 'M' + String(n).padStart(8, '0');

/** Growable typed-array columns of the pooled members. */
export class Pool {
  size = 0;
  person = new Int32Array(1024);
  member = new Int32Array(1024);
  org = new Int32Array(1024);
  join = new Int32Array(1024);
  leave = new Int32Array(1024); // PERIOD_END + 1 when still a member
  cadre = new Uint8Array(1024);

  add(p: number, m: number, org: number, join: Day, leave: Day | null, cadre: boolean): void {
    if (this.size === this.person.length) {
      for (const k of ['person', 'member', 'org', 'join', 'leave', 'cadre'] as const) {
        const old = this[k];
        const grown = new (old.constructor as Int32ArrayConstructor)(old.length * 2);
        grown.set(old);
        (this as Record<typeof k, Int32Array | Uint8Array>)[k] = grown;
      }
    }
    const i = this.size++;
    this.person[i] = p;
    this.member[i] = m;
    this.org[i] = org;
    this.join[i] = join;
    this.leave[i] = leave ?? PERIOD_END + 1;
    this.cadre[i] = cadre ? 1 : 0;
  }

  activeAt(i: number, d: Day): boolean {
    return this.join[i]! <= d && this.leave[i]! > d;
  }
}

export interface MemberRow {
  m: number;
  p: number;
  join: Day;
  leave: Day | null;
  migrant: boolean;
  cadre: boolean;
}

export interface UnitLife {
  unionised: Day;
  closed: Day | null;
  /** Target members at each year end, 0 before unionisation or after closing. */
  target: (year: number) => number;
  /** Share of the unit's employees who are migrant workers (the headcount register's ratio). */
  migrantShare: number;
}

/**
 * The members of one unit over 2021–2025. `next` hands out member and person numbers. The unit's
 * active membership is kept near its target each year end: ~6% leave yearly, joiners fill the gap.
 */
export function unitMembers(seed: number, r: Rng, life: UnitLife, next: { member: number; person: number }): MemberRow[] {
  const rows: MemberRow[] = [];
  let active: MemberRow[] = [];
  // Migrant workers join a little less often than others, so 农民工入会率 stays below 入会率.
  const migrantRate = life.migrantShare * (0.85 + 0.1 * r.next());
  const newMember = (earliest: Day, latest: Day): MemberRow => {
    // A member is at least 18 on joining: draw people until one is old enough (or clamp the date).
    let p = next.person++;
    let join = r.int(earliest, Math.max(earliest, latest));
    for (let tries = 0; tries < 8 && addYears(birthOf(seed, p), 18) > join; tries++) p = next.person++;
    const adult = addYears(birthOf(seed, p), 18);
    if (adult > join) join = adult;
    const row: MemberRow = { m: next.member++, p, join, leave: null, migrant: r.chance(migrantRate), cadre: r.chance(0.03) };
    rows.push(row);
    return row;
  };
  const leave = (row: MemberRow, from: Day, to: Day) => {
    row.leave = Math.max(r.int(from, to), row.join + 1);
  };
  if (life.unionised < yearStart(2021)) {
    const initial = Math.round(life.target(2021) * (0.95 + 0.05 * r.next()));
    for (let i = 0; i < initial; i++) {
      const founding = r.chance(0.5);
      active.push(newMember(founding ? life.unionised : life.unionised, founding ? life.unionised : yearEnd(2020)));
    }
  }
  for (const y of YEARS) {
    const ys = yearStart(y);
    const ye = yearEnd(y);
    if (life.closed !== null && life.closed <= ye) {
      for (const row of active) row.leave = Math.max(life.closed, row.join + 1);
      active = [];
      break;
    }
    const stay: MemberRow[] = [];
    for (const row of active) {
      if (r.chance(0.06)) leave(row, ys, ye);
      else stay.push(row);
    }
    active = stay;
    const target = life.target(y);
    while (active.length > target) leave(active.splice(r.int(0, active.length - 1), 1)[0]!, ys, ye);
    const from = Math.max(ys, life.unionised);
    const founding = life.unionised >= ys && life.unionised <= ye;
    while (active.length < target && from <= ye) {
      active.push(founding && r.chance(0.7) ? newMember(life.unionised, life.unionised) : newMember(from, ye));
    }
  }
  for (const row of rows) if (row.leave !== null && row.leave > PERIOD_END) row.leave = null;
  return rows;
}
