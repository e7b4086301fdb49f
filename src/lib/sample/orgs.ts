// The org tree: the county federation, 8 street/township federations, 40 community unions (fixed at
// every scale), and the grassroots and joint unions that units.ts adds as employers unionise.
import { day, type Day } from './calendar.ts';
import { COMMUNITY_SUFFIX, COMMUNITY_WORDS, STREETS } from './names.ts';
import { rngFor } from './prng.ts';

export type OrgType = 'federation' | 'street_federation' | 'community_union' | 'joint_union' | 'grassroots_union';

export interface Org {
  code: string;
  name: string;
  parent: number; // index into Tree.orgs, -1 for the root
  type: OrgType;
  founded: Day;
  dissolved: Day | null;
  /** Unions created so far under this org (areas only), for their codes. */
  children: number;
  /** Joint unions: the one currently taking new units, and how many it holds. */
  openJoint: number;
  jointLoad: number;
}

export const COUNTY_CODE = '530423';
export const ROOT_CODE = '530423000';
export const ROOT_NAME = '云岭县总工会';

export class Tree {
  readonly orgs: Org[] = [];
  /** Indices of the orgs a unit can be located in (streets and communities). */
  readonly areas: number[] = [];

  constructor(seed: number) {
    this.add({ code: ROOT_CODE, name: ROOT_NAME, parent: -1, type: 'federation', founded: day(1951, 5, 1), dissolved: null });
    STREETS.forEach((street, s) => {
      const r = rngFor(seed, 'street', s);
      const code = `${COUNTY_CODE}${s + 1}00`;
      const si = this.add({ code, name: `${street}工会联合会`, parent: 0, type: 'street_federation', founded: day(r.int(1984, 1996), r.int(1, 12), r.int(1, 28)), dissolved: null });
      this.areas.push(si);
      for (let c = 1; c <= 5; c++) {
        const word = COMMUNITY_WORDS[s * 5 + c - 1]!;
        const suffix = street.endsWith('街道') ? '社区' : COMMUNITY_SUFFIX[c - 1]!;
        const name = `${street}${word}${suffix}${suffix === '村' ? '联合工会' : '工会'}`;
        const founded = day(r.int(2002, 2014), r.int(1, 12), r.int(1, 28));
        this.areas.push(this.add({ code: `${COUNTY_CODE}${s + 1}${String(c).padStart(2, '0')}`, name, parent: si, type: 'community_union', founded, dissolved: null }));
      }
    });
  }

  private add(o: Omit<Org, 'children' | 'openJoint' | 'jointLoad'>): number {
    this.orgs.push({ ...o, children: 0, openJoint: -1, jointLoad: 0 });
    return this.orgs.length - 1;
  }

  /** A new union under an area org: code = area code + 4-digit serial. */
  addUnion(area: number, type: 'joint_union' | 'grassroots_union', name: string, founded: Day, dissolved: Day | null): number {
    const a = this.orgs[area]!;
    a.children++;
    return this.add({ code: `${a.code}${String(a.children).padStart(4, '0')}`, name, parent: area, type, founded, dissolved });
  }

  /** The joint union of an area that takes the next small unit; opens a new one when full. */
  jointFor(area: number, unionisedOn: Day, capacity: number, trade: string): number {
    const a = this.orgs[area]!;
    if (a.openJoint < 0 || a.jointLoad >= capacity) {
      const n = a.children + 1;
      const base = a.name.replace(/(联合)?工会(联合会)?$/, '');
      const name = n % 3 === 0 ? `${base}${trade}行业联合工会` : `${base}第${n}区域联合工会`;
      a.openJoint = this.addUnion(area, 'joint_union', name, unionisedOn, null);
      a.jointLoad = 0;
    }
    a.jointLoad++;
    const j = this.orgs[a.openJoint]!;
    if (unionisedOn < j.founded) j.founded = unionisedOn;
    return a.openJoint;
  }

  get size(): number {
    return this.orgs.length;
  }
}
