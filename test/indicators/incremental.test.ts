// The incremental mart equals the full rebuild after every batch of a randomized sequence of uploads
// (new rows, corrected re-issues, re-issues of re-issued rows: history) over the sample federation.
// Each batch goes through the real ingest (the spare file, the scoped mart update, the swap); the full
// rebuild runs on a copy of the result, and the two indicator_values must agree row for row
// (EXCEPT ALL both ways empty). UA_TEST_SEED=n replays a sequence.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyFileSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { Db } from '../../src/lib/db/duckdb.ts';
import { rebuildMart } from '../../src/lib/indicators/mart.ts';
import { ingestPaths, type IngestResult } from '../../src/lib/ingest/pipeline.ts';
import { FAMILIES, cleanColumns, type FamilyName } from '../../src/lib/ingest/families.ts';
import { generateSample } from '../../src/lib/sample/index.ts';
import { tempDir } from '../helpers/warehouse.ts';

const SEED = Number(process.env.UA_TEST_SEED ?? Math.floor(Math.random() * 1e6));
const dir = tempDir('ua-incremental-');
const db = join(dir, 'warehouse.duckdb');

const cols = (f: FamilyName) => cleanColumns(FAMILIES[f]).map((c) => c.name).filter((c) => c !== 'person_key');
/** Rows of a family in an order fixed by the seed and a salt: hash(key || salt). */
const pick = (f: FamilyName, salt: string, n: number, where = 'true') =>
  `(select *, row_number() over () as i from (select * from ${f} where ${where} order by hash(${FAMILIES[f].key.join(" || '|' || ")} || '${SEED}${salt}') limit ${n}))`;

/** One upload: each family's rows from a SELECT over the warehouse (columns as the contract names them). */
async function batch(step: number, files: Partial<Record<FamilyName, string>>): Promise<IngestResult> {
  const out = join(dir, `batch-${step}`);
  mkdirSync(out);
  const r = await Db.open(db, { readOnly: true });
  try {
    for (const [f, select] of Object.entries(files) as [FamilyName, string][]) {
      await r.run(`copy (select ${cols(f).join(', ')} from (${select})) to '${join(out, `${FAMILIES[f].fileAliases[0]}.csv`)}' (header)`);
    }
  } finally {
    r.close();
  }
  return ingestPaths(db, [out]);
}

const membersFix = (s: number) => `select a.* replace (a.join_date + interval 400 day as leave_date, b.org_code as org_code, not coalesce(a.is_cadre, false) as is_cadre)
      from ${pick('members', `m${s}`, 12, 'leave_date is null')} a join ${pick('members', `n${s}`, 12)} b using (i)`;

const STEPS: Record<string, (s: number) => Partial<Record<FamilyName, string>>> = {
  // new payments: stored rows with new vouchers, moved to another row's org and date
  aidNew: (s) => ({ aid: `select a.* replace ('T${s}-' || a.i as voucher_no, b.org_code as org_code, b.paid_on as paid_on)
      from ${pick('aid', `a${s}`, 6)} a join ${pick('aid', `b${s}`, 6)} b using (i)` }),
  // corrected re-issues: other amount, org and category (the old and the new org both change)
  aidFix: (s) => ({ aid: `select a.* replace (a.amount + 13 as amount, b.org_code as org_code, b.category as category)
      from ${pick('aid', `a${s}`, 5)} a join ${pick('aid', `b${s}`, 5)} b using (i)` }),
  // a re-issue of rows that were re-issued before (their history grows), moved to another year
  aidHistory: (s) => ({ aid: `select a.* replace (a.amount + 1 as amount, b.paid_on as paid_on)
      from ${pick('aid', `h${s}`, 4, '_batch_id = (select max(_batch_id) from aid)')} a join ${pick('aid', `c${s}`, 4)} b using (i)` }),
  // members leave, move, become cadres
  membersFix: (s) => ({ members: membersFix(s) }),
  // new members at another member's org and join date; some are people who already have courses
  // (a second member row of a trainee: as a cadre, trained by the courses of their ID)
  membersNew: (s) => ({ members: `select a.* replace ('T${s}-M' || a.i as member_no, b.org_code as org_code, b.join_date as join_date,
        null::date as leave_date, a.i % 2 = 0 as is_cadre)
      from ${pick('members', `a${s}`, 10, 'id_number in (select person_key from enrollments)')} a join ${pick('members', `b${s}`, 10)} b using (i)
    union all
    select a.* replace ('T${s}-N' || a.i as member_no, b.org_code as org_code, b.join_date as join_date, null::date as leave_date)
      from ${pick('members', `c${s}`, 10)} a join ${pick('members', `d${s}`, 10)} b using (i)` }),
  // trained cadres move, leave or stop being cadres (training.cadre_rate's numerator follows their
  // courses: the mart reads their enrollments along, mart-delta.ts)
  membersTrained: (s) => ({ members: `select a.* replace (b.org_code as org_code,
        case when a.i % 3 = 0 then a.join_date + interval 400 day end as leave_date, a.i % 3 <> 1 as is_cadre)
      from ${pick('members', `t${s}`, 8, "is_cadre and id_number in (select e.person_key from enrollments as e join activities as a using (activity_no) where a.audience = 'cadre')")} a
      join ${pick('members', `o${s}`, 8)} b using (i)` }),
  // a re-issue of the latest members batch's rows (their history grows), moved and back in the register
  membersHistory: (s) => ({ members: `select a.* replace (b.org_code as org_code, null::date as leave_date, not coalesce(a.is_cadre, false) as is_cadre)
      from ${pick('members', `h${s}`, 6, '_batch_id = (select max(_batch_id) from members)')} a join ${pick('members', `g${s}`, 6)} b using (i)` }),
  // members and payments in one upload: three families by difference at once
  membersAid: (s) => ({ members: membersFix(s), aid: STEPS.aidNew!(s).aid! }),
  // members and units in one upload: coverage is recomputed (units), training by difference
  membersUnits: (s) => ({ members: membersFix(s), units: STEPS.unitsUnion!(s).units! }),
  // a new cadre course with trainees who are members elsewhere (training.cadres_trained counts at their org)
  cadreCourse: (s) => ({
    activities: `select a.* replace ('T${s}-C' as activity_no, 'training' as kind, 'cadre' as audience, 8 as hours, b.org_code as org_code)
      from ${pick('activities', `a${s}`, 1, "kind = 'training'")} a join ${pick('activities', `b${s}`, 1)} b using (i)`,
    enrollments: `select 'T${s}-C' as activity_no, m.member_no, m.id_number, m.name, true as completed, false as certified, null::date as employed_on
      from ${pick('members', `e${s}`, 8, 'is_cadre and leave_date is null')} m`,
  }),
  // trainees' results corrected
  enrollmentsFix: (s) => ({ enrollments: `select * replace (not coalesce(completed, true) as completed, true as certified)
      from ${pick('enrollments', `e${s}`, 10)}` }),
  // headcounts and units: the denominators of the coverage rates
  coverageFix: (s) => ({
    // (event dates stay inside the reporting years: a new first or last year rebuilds the whole mart)
    units: `select * replace (unionised_on + interval 30 day as unionised_on)
      from ${pick('units', `u${s}`, 5, "unionised_on is not null and unionised_on > (select min(unionised_on) from units) and unionised_on < (select max(as_of) from headcounts) - interval 60 day")}`,
    headcounts: `select * replace (employees + 5 as employees) from ${pick('headcounts', `h${s}`, 8)}`,
  }),
  // units change union, also to a union of another street (coverage counts a covered unit at its
  // union: the old union's and the new union's cells both change, and their ancestors')
  unitsUnion: (s) => ({ units: `select a.* replace (b.union_org_code as union_org_code)
      from ${pick('units', `a${s}`, 5, 'union_org_code is not null')} a
      join ${pick('units', `b${s}`, 5, 'union_org_code is not null')} b using (i)
      where a.union_org_code <> b.union_org_code` }),
  hardshipFix: (s) => ({ hardship_files: `select * replace ((select max(as_of) from headcounts) as exit_on)
      from ${pick('hardship_files', `f${s}`, 6, 'exit_on is null and registered_on < (select max(as_of) from headcounts)')}` }),

  // part 2 (indicators-2.md), each register's REACH in mart-reach.ts. Dates are taken from other
  // stored rows of the same register, so the reporting years stay as they are.
  // new cases at another case's org and dates; cases moved to another org with more workers
  rightsCases: (s) => ({ rights_cases: `select a.* replace ('T${s}-' || a.i as case_no, b.org_code as org_code, b.received_on as received_on,
        b.closed_on as closed_on, b.outcome as outcome, b.kind as kind, b.wages_recovered as wages_recovered)
      from ${pick('rights_cases', `a${s}`, 4)} a join ${pick('rights_cases', `b${s}`, 4)} b using (i)
    union all
    select a.* replace (b.org_code as org_code, coalesce(a.workers_involved, 1) + 2 as workers_involved)
      from ${pick('rights_cases', `c${s}`, 4)} a join ${pick('rights_cases', `d${s}`, 4)} b using (i)` }),
  // issues found are put right (rectification counts from the inspection's year on)
  inspectionsFix: (s) => ({ inspections: `select * replace (true as issue_found, least(inspected_on + interval 20 day, (select max(inspected_on) from inspections)) as rectified_on)
      from ${pick('inspections', `i${s}`, 6, 'rectified_on is null')}` }),
  // contracts moved to another org, expiring earlier (in force in fewer years), covering fewer workers
  contractsFix: (s) => ({ contracts: `select a.* replace (b.org_code as org_code, a.signed_on + interval 400 day as expires_on,
        greatest(coalesce(a.workers_covered, 0) - 3, 1) as workers_covered)
      from ${pick('contracts', `a${s}`, 4)} a join ${pick('contracts', `b${s}`, 4)} b using (i)` }),
  // a regional or industry contract covers more units (contracts.units_covered at the units' areas)
  contractUnitsNew: (s) => ({ contract_units: `select c.contract_no, u.unit_code
      from ${pick('contracts', `c${s}`, 3, "scope <> 'single'")} c join ${pick('units', `u${s}`, 3)} u using (i)
      where not exists (select 1 from contract_units as x where x.contract_no = c.contract_no and x.unit_code = u.unit_code)` }),
  // congresses set up or given up, more delegates
  democracyFix: (s) => ({ democracy: `select * replace (not congress as congress, case when congress then 0 else 1 end as sessions,
        coalesce(delegates, 0) + 7 as delegates)
      from ${pick('democracy', `d${s}`, 6)}` }),
  // titles revoked a year after the award (they leave the stocks), homes moved to another org
  honoursFix: (s) => ({
    person_honours: `select * replace (awarded_on + interval 366 day as revoked_on, not coalesce(hardship, false) as hardship)
      from ${pick('person_honours', `p${s}`, 5, 'revoked_on is null')}`,
    org_honours: `select a.* replace (b.org_code as org_code) from ${pick('org_honours', `a${s}`, 4)} a
      join ${pick('org_honours', `b${s}`, 4)} b using (i)
      where not exists (select 1 from org_honours as x where x.org_code = b.org_code and x.title = a.title and x.level = a.level)`,
  }),
  // new receipts at another receipt's org and date; union funds paid in part
  fundsDues: (s) => ({
    funds: `select a.* replace ('T${s}-' || a.i as receipt_no, b.org_code as org_code, b.received_on as received_on)
      from ${pick('funds', `a${s}`, 5)} a join ${pick('funds', `b${s}`, 5)} b using (i)`,
    dues: `select * replace (round(payroll * 0.01, 2) as paid, coalesce(paid_on, period_end) as paid_on)
      from ${pick('dues', `d${s}`, 6)}`,
  }),
  // stations closed, placements moved to another org
  servicesFix: (s) => ({
    stations: `select * replace (opened_on + interval 200 day as closed_on) from ${pick('stations', `s${s}`, 3, 'closed_on is null')}`,
    placements: `select a.* replace (b.org_code as org_code, b.channel as channel)
      from ${pick('placements', `a${s}`, 5)} a join ${pick('placements', `b${s}`, 5)} b using (i)`,
  }),
  // units moved to another area and ownership: their inspections, congresses and dues move with them
  unitsArea: (s) => ({ units: `select a.* replace (b.area_org_code as area_org_code, b.ownership as ownership)
      from ${pick('units', `a${s}`, 5, 'unit_code in (select unit_code from inspections union select unit_code from democracy union select unit_code from dues)')} a
      join ${pick('units', `b${s}`, 5)} b using (i)` }),
};

/** The registers whose batches the mart takes by difference (the families reading them declare `-- delta:`). */
const BY_DIFFERENCE = ['aid', 'hardship_files', 'members'];

async function mismatches(): Promise<[number, number]> {
  const full = join(dir, 'full.duckdb');
  rmSync(full, { force: true });
  copyFileSync(db, full);
  const w = await Db.open(full);
  try {
    await rebuildMart(w);
    await w.run(`attach '${db}' as inc (read_only)`);
    const a = Number(await w.value('select count(*) from (select * from indicator_values except all select * from inc.indicator_values)'));
    const b = Number(await w.value('select count(*) from (select * from inc.indicator_values except all select * from indicator_values)'));
    return [a, b];
  } finally {
    w.close();
  }
}

describe(`incremental mart == full rebuild (seed ${SEED})`, () => {
  beforeAll(async () => {
    const sample = join(dir, 'sample');
    await generateSample({ out: sample, scale: 0.05, seed: 3 });
    rmSync(join(sample, 'bad-rows.json'));
    await ingestPaths(db, [sample]);
  }, 120_000);
  afterAll(() => {
    delete process.env.UA_DELTA_REWRITE_GROUPS;
    rmSync(dir, { recursive: true, force: true });
  });

  // a random order of the steps (aidHistory re-issues the latest batch's payments: history after history)
  const order = Object.keys(STEPS);
  let x = SEED || 1;
  for (let i = order.length - 1; i > 0; i--) {
    x = (x * 48271) % 2147483647;
    const j = x % (i + 1);
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  // the small sample may have no trainees yet: the new course comes before their corrections and
  // before the trained cadres change; a members batch before the re-issue of its rows
  const after = (first: string, then: string) => {
    const [c, e] = [order.indexOf(first), order.indexOf(then)];
    if (e < c) [order[c], order[e]] = [order[e]!, order[c]!];
  };
  after('cadreCourse', 'enrollmentsFix');
  after('cadreCourse', 'membersTrained');
  after('membersNew', 'membersHistory');

  it('after every batch', async () => {
    for (const [step, name] of order.entries()) {
      // cells changed by difference: deleted and inserted again (many row groups: mart-delta.ts
      // applyDiff) at every other step, else updated in place
      process.env.UA_DELTA_REWRITE_GROUPS = step % 2 ? '-1' : '';
      const r = await batch(step, STEPS[name]!(step));
      const changed = r.files.reduce((n, f) => n + f.loaded + f.superseded, 0);
      // the rows were loaded (a quarantined batch would test nothing)
      expect({ name, quarantined: r.files.reduce((n, f) => n + f.quarantined, 0), refused: r.files.filter((f) => f.refused) }).toEqual({ name, quarantined: 0, refused: [] });
      expect({ name, changed: changed > 0, files: changed > 0 ? [] : r.files }).toEqual({ name, changed: true, files: [] });
      // scoped, not a rebuild in disguise: the reporting years and the org tree stay as they were
      expect({ name, mode: r.mart?.mode }).toEqual({ name, mode: 'incremental' });
      // payments, hardship files and members change the cells by their difference (relief.sql,
      // coverage.sql and training.sql declare '-- delta:'), the others are recomputed over the
      // scope, a family at a time: all are held to the full rebuild here
      const files = Object.keys(STEPS[name]!(step));
      const how = files.every((f) => BY_DIFFERENCE.includes(f)) ? 'delta' : files.some((f) => BY_DIFFERENCE.includes(f)) ? 'mixed' : 'recompute';
      expect({ name, how: r.mart?.how }).toEqual({ name, how });
      // and applied to the spare brought level by replay, not to a fresh copy (the first write after
      // the load makes the spare by copying)
      expect({ name, via: r.via }).toEqual({ name, via: step === 0 ? 'copy' : 'spare' });
      expect({ name, diff: await mismatches() }).toEqual({ name, diff: [0, 0] });
    }
  }, 600_000);
});
