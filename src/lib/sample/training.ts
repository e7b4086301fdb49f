// activities.csv and enrollments.csv (UTF-8, English headers). Every org runs activities each year it
// exists; trainings carry an audience and hours, and their trainees are written right after them.
import { join } from 'node:path';
import { ACTIVITY_KINDS, AUDIENCES, FAMILIES } from '../ingest/families.ts';
import { day, iso, PERIOD_END, slash, YEARS, type Day } from './calendar.ts';
import { ACTIVITY_TITLES } from './names.ts';
import type { Tree } from './orgs.ts';
import { memberNo, NON_MEMBER_BASE, person, type Pool } from './people.ts';
import { rngFor, type Rng } from './prng.ts';
import type { Holders } from './relief.ts';
import { CsvSink, type BadRow, type Injection } from './writers.ts';

type Kind = keyof typeof ACTIVITY_KINDS;
type Audience = keyof typeof AUDIENCES;
const ACT_KEYS = FAMILIES.activities.columns.map((c) => c.name);
const ENR_KEYS = FAMILIES.enrollments.columns.map((c) => c.name);
const KIND_WEIGHTS: Record<Kind, number> = {
  training: 18, culture_sports: 25, legal_education: 12, labour_competition: 8, safety: 10, volunteer: 12, congress: 6, legal_aid: 5, other: 4,
};
const PER_YEAR = { federation: 24, street_federation: 10, community_union: 6, joint_union: 3, grassroots_union: 2 };
/** Month each kind clusters in, if any (安全生产月 is June, 职代会 early in the year, 普法 in December). */
const SEASON: Partial<Record<Kind, [number, number]>> = { safety: [6, 6], congress: [1, 3], legal_education: [12, 12], culture_sports: [1, 5] };
const BOOLS = [['Y', 'N'], ['1', '0'], ['是', '否']] as const;

export async function writeTraining(out: string, seed: number, tree: Tree, pool: Pool, holders: Holders, bad: BadRow[]) {
  let firstOther = '';
  const aInj: Injection[] = [
    {
      at: 30 + rngFor(seed, 'bad', 40).int(0, 40),
      column: 'participants',
      reason: 'bad_int',
      make: (last) => [['HD2024-9000001', last[1]!, 'culture_sports', '职工趣味运动会', '2024-05-18', '2024-05-18', '约50', '', '']],
    },
  ];
  const eInj: Injection[] = [
    {
      at: 50 + rngFor(seed, 'bad', 41).int(0, 100),
      column: 'activity_no',
      reason: 'not_training',
      make: (last) => {
        if (!firstOther) throw new Error('enrollments: no non-training activity yet for the not_training bad row');
        return [[firstOther, ...last.slice(1, 4), 'Y', '', '']];
      },
    },
  ];
  const aw = new CsvSink(join(out, 'activities.csv'), 'activities.csv', ACT_KEYS, ACT_KEYS, bad, { injections: aInj });
  const ew = new CsvSink(join(out, 'enrollments.csv'), 'enrollments.csv', ENR_KEYS, ENR_KEYS, bad, { injections: eInj });
  let serial = 0;
  let outsiders = 0;
  const cadres: number[] = [];
  for (let i = 0; i < pool.size; i++) if (pool.cadre[i]) cadres.push(i);

  const trainees = async (r: Rng, no: string, audience: Audience, start: Day, end: Day, want: number): Promise<number> => {
    const seen = new Set<number>();
    const bools = r.pick(BOOLS);
    let n = 0;
    for (let t = 0; t < want * 3 && n < want; t++) {
      let i = -1;
      if (audience === 'cadre' && cadres.length) i = r.pick(cadres);
      else if (audience === 'hardship' && holders.size) i = holders.pool[r.int(0, holders.size - 1)]!;
      else if (audience === 'unemployed' && r.chance(0.5)) i = -2;
      else if (pool.size) i = r.int(0, pool.size - 1);
      if (i === -1 || seen.has(i)) continue;
      if (i >= 0 && audience !== 'unemployed' && !pool.activeAt(i, start)) continue;
      if (i >= 0 && audience === 'unemployed' && pool.leave[i]! > start) continue;
      seen.add(i);
      n++;
      const completed = r.chance(0.9);
      const certifiable = audience === 'hardship' || audience === 'unemployed';
      const certified = certifiable && completed && r.chance(0.65);
      const employedOn = certified && r.chance(0.45) ? end + r.int(7, 180) : null;
      const flags = [r.chance(0.1) && completed ? '' : completed ? bools[0] : bools[1], certifiable ? (certified ? bools[0] : bools[1]) : '', employedOn !== null && employedOn <= PERIOD_END ? (r.chance(0.5) ? iso(employedOn) : slash(employedOn)) : ''];
      if (i === -2) {
        const p = person(seed, NON_MEMBER_BASE + ++outsiders);
        await ew.row([no, '', p.id, p.name, ...flags]);
        continue;
      }
      const p = person(seed, pool.person[i]!);
      const who = r.next();
      await ew.row([no, who < 0.85 ? memberNo(pool.member[i]!) : '', who > 0.6 ? p.id : '', r.chance(0.8) ? p.name : '', ...flags]);
    }
    return n;
  };

  for (let o = 0; o < tree.size; o++) {
    const org = tree.orgs[o]!;
    for (const y of YEARS) {
      const a = Math.max(org.founded, day(y, 1, 1));
      const b = Math.min(org.dissolved === null ? PERIOD_END : org.dissolved - 1, day(y, 12, 31));
      if (a > b) continue;
      const r = rngFor(seed, 'activities', o * 8 + y - 2021);
      const count = Math.max(0, Math.round(PER_YEAR[org.type] * (0.6 + 0.8 * r.next())));
      for (let k = 0; k < count; k++) {
        const kind = r.weighted(KIND_WEIGHTS);
        const season = SEASON[kind];
        let start = r.int(a, b);
        if (season && r.chance(0.6)) start = Math.min(b, Math.max(a, r.int(day(y, season[0], 1), day(y, season[1], 28))));
        const no = `HD${y}-${String(++serial).padStart(6, '0')}`;
        const title = `${y}年${org.name.replace(/(工会联合会|联合工会|工会委员会|总工会|工会)$/, '')}${r.pick(ACTIVITY_TITLES[kind]!)}`;
        const kindCell = r.chance(0.7) ? kind : ACTIVITY_KINDS[kind];
        if (kind !== 'training') {
          const end = start + (r.chance(0.8) ? 0 : r.int(1, 3));
          if (!firstOther) firstOther = no;
          await aw.row([no, org.code, kindCell, title, iso(start), iso(Math.min(end, PERIOD_END)), String(r.int(20, 300)), '', '']);
          continue;
        }
        const audience = r.weighted({ cadre: 3, workers: 4.5, hardship: 1, unemployed: 1.5 } as Record<Audience, number>);
        const hours = r.pick([4, 8, 12, 16, 24, 32, 40, 56, 2.5]);
        const end = Math.min(PERIOD_END, start + Math.max(0, Math.ceil(hours / 8) - 1));
        const titled = audience === 'cadre' ? `${y}年${org.name}工会干部业务培训班` : title;
        // Trainees first so participants can equal the enrolment count.
        const n = await trainees(r, no, audience, start, end, r.int(12, 60));
        await aw.row([no, org.code, kindCell, titled, iso(start), iso(end), String(n), r.chance(0.8) ? audience : AUDIENCES[audience], String(hours)]);
      }
    }
  }
  return [await aw.close(), await ew.close()];
}
