// Employers: where they are, when they registered, unionised and closed, and their year-end headcounts.
// Kept in typed arrays (one slot per unit) so 750k units at --scale 250 stay small.
import { makeCreditCode } from '../ids/gb32100.ts';
import { day, PERIOD_END, PERIOD_START, yearEnd, YEARS, type Day } from './calendar.ts';
import type { Tree } from './orgs.ts';
import { COUNTY_CODE } from './orgs.ts';
import { unitName } from './names.ts';
import { permute, rngFor, type Rng } from './prng.ts';

export const UNITS_PER_SCALE = 3000;
/** Units at least this big form their own grassroots union; smaller ones join a joint union. */
const OWN_UNION_MIN = 50;
const JOINT_CAPACITY = 30;
const NONE = -1;
const JOINT_TRADES = ['餐饮', '商贸', '物流', '建筑', '家政', '快递', '汽修'];

export function unitNameOf(seed: number, u: number): string {
  return unitName(rngFor(seed, 'unit-name', u), u);
}

export class Units {
  readonly n: number;
  readonly area: Int32Array;
  readonly union: Int32Array;
  readonly unionised: Int32Array;
  readonly registered: Int32Array;
  readonly closed: Int32Array;
  readonly should: Uint8Array;
  /** Employees at each year end 2021–2025 (0 when the unit did not exist then). */
  readonly employees: Int32Array;
  readonly femaleShare: Float32Array;
  readonly migrantShare: Float32Array;
  /** Share of employees who are members, once unionised. */
  readonly memberRate: Float32Array;
  private readonly seed: number;

  constructor(n: number, seed: number) {
    this.n = n;
    this.seed = seed;
    this.area = new Int32Array(n);
    this.union = new Int32Array(n).fill(NONE);
    this.unionised = new Int32Array(n).fill(NONE);
    this.registered = new Int32Array(n);
    this.closed = new Int32Array(n).fill(NONE);
    this.should = new Uint8Array(n);
    this.employees = new Int32Array(n * YEARS.length);
    this.femaleShare = new Float32Array(n);
    this.migrantShare = new Float32Array(n);
    this.memberRate = new Float32Array(n);
  }

  /** The unit's credit code, recomputed from its index (one-to-one, so codes never collide). */
  code(u: number): string {
    return makeCreditCode(COUNTY_CODE, String(permute(u, 1e8, this.seed)).padStart(8, '0'));
  }

  /** A valid credit code that no unit of the register has (k ≥ 1; 1 and 2 are the bad unit rows'). */
  unregisteredCode(k: number): string {
    return makeCreditCode(COUNTY_CODE, String(permute(this.n + 100 + k, 1e8, this.seed)).padStart(8, '0'));
  }

  /** The k-th unit (from 0) that never unionised: no per-unit register row refers to it. */
  withoutUnion(k: number): number {
    for (let u = 0; u < this.n; u++) if (this.union[u]! < 0 && k-- === 0) return u;
    throw new Error('every unit is unionised');
  }

  emp(u: number, year: number): number {
    return this.employees[u * YEARS.length + year - YEARS[0]]!;
  }

  existsAt(u: number, d: Day): boolean {
    const c = this.closed[u]!;
    return this.registered[u]! <= d && (c === NONE || c > d);
  }
}

function baseEmployees(r: Rng): number {
  // Most employers are small, a few are large: mean ≈ 20.
  const u = r.next();
  if (u < 0.7) return r.int(2, 10);
  if (u < 0.92) return r.int(10, 45);
  if (u < 0.99) return r.int(45, 180);
  return r.int(180, 900);
}

/** Draws every unit and creates the unions that cover them in `tree`. */
export function buildUnits(tree: Tree, scale: number, seed: number): Units {
  const n = Math.max(20, Math.round(UNITS_PER_SCALE * scale));
  const units = new Units(n, seed);
  const areas = tree.areas;
  for (let u = 0; u < n; u++) {
    const r = rngFor(seed, 'unit', u);
    // Streets host fewer units directly than their communities.
    const area = r.chance(0.12) ? areas[r.int(0, 7) * 6]! : areas[r.int(0, 7) * 6 + r.int(1, 5)]!;
    units.area[u] = area;
    const isNew = r.chance(0.15);
    const registered = isNew ? r.int(PERIOD_START, PERIOD_END - 60) : r.int(day(1995, 1, 1), day(2020, 12, 31));
    units.registered[u] = registered;
    if (r.chance(0.1)) {
      const c = r.int(Math.max(PERIOD_START, registered + 365), PERIOD_END + 365 * 3);
      if (c <= PERIOD_END) units.closed[u] = c;
    }
    const should = r.chance(0.85);
    units.should[u] = should ? 1 : 0;
    const base = baseEmployees(r);
    const growth = 1.035 + 0.06 * r.normal();
    YEARS.forEach((y, i) => {
      const e = units.existsAt(u, yearEnd(y))
        ? Math.max(1, Math.round(0.8 * base * growth ** (y - 2021) * (1 + 0.05 * r.normal())))
        : 0;
      units.employees[u * YEARS.length + i] = e;
    });
    // about half: members are half women (ID parity), so the female membership rate stays below 100%
    units.femaleShare[u] = Math.min(0.9, Math.max(0.15, 0.5 + 0.15 * r.normal()));
    units.migrantShare[u] = Math.min(0.8, Math.max(0, 0.25 + 0.15 * r.normal()));
    units.memberRate[u] = 0.88 + 0.09 * r.next();
    if (!should) continue;
    // Unionisation rises over the period: ~85% of older units before 2021, the rest at a yearly hazard.
    let on = NONE;
    if (!isNew && r.chance(0.85)) on = r.int(Math.max(registered + 30, day(2000, 1, 1)), day(2020, 12, 31));
    else {
      const hazard = isNew ? 0.55 : 0.33;
      for (const y of YEARS) {
        const from = Math.max(registered + 20, day(y, 1, 1));
        if (from <= yearEnd(y) && r.chance(hazard)) {
          on = r.int(from, yearEnd(y));
          break;
        }
      }
    }
    if (on === NONE || on > PERIOD_END || (units.closed[u] !== NONE && on >= units.closed[u]!)) continue;
    if (on < registered) on = registered;
    units.unionised[u] = on;
    const own = base >= OWN_UNION_MIN;
    const trade = r.pick(JOINT_TRADES);
    const closed = units.closed[u] === NONE ? null : units.closed[u]!;
    units.union[u] = own
      ? tree.addUnion(area, 'grassroots_union', `${unitNameOf(seed, u)}工会委员会`, on, closed)
      : tree.jointFor(area, on, JOINT_CAPACITY, trade);
  }
  return units;
}

export type Ownership = 'state' | 'collective' | 'institution' | 'private' | 'foreign' | 'hmt' | 'other';
const OWNERSHIP_WEIGHTS: Record<Ownership, number> = { private: 72, institution: 9, state: 4, collective: 3, foreign: 1.5, hmt: 1.5, other: 9 };
/** GB/T 4754 sections by ownership: schools and clinics are 事业单位, utilities and transport state-owned. */
const INDUSTRY_WEIGHTS: Record<Ownership, Record<string, number>> = {
  state: { D: 3, G: 3, J: 2, C: 2, B: 1, K: 1 },
  collective: { A: 3, C: 2, F: 2, O: 1 },
  institution: { P: 5, Q: 3, R: 1, M: 1, N: 1, S: 1 },
  private: { F: 6, H: 4, C: 4, E: 2, O: 2, L: 2, I: 1, K: 1, G: 1, A: 1, P: 0.5, Q: 0.3 },
  foreign: { C: 3, I: 1, F: 1 },
  hmt: { C: 2, F: 1, H: 1 },
  other: { O: 2, F: 1, L: 1, H: 1 },
};

/** A unit's 经济类型 and 行业门类, recomputed from its index (an own stream: nothing else shifts). */
export function unitKind(seed: number, u: number): { ownership: Ownership; industry: string } {
  const r = rngFor(seed, 'unit-kind', u);
  const ownership = r.weighted(OWNERSHIP_WEIGHTS);
  return { ownership, industry: r.weighted(INDUSTRY_WEIGHTS[ownership]!) };
}
