// Lineage: the rows behind a dashboard figure. For an indicator key, an org and a year, the SQL that
// lists the source rows of its numerator (and denominator), each with the batch, file and row it
// came from. The filters repeat the mart's (queries/marts/*.sql) row by row; the counts are checked
// against indicator_values in test/auditor/lineage.test.ts. The SQL runs in the sandbox like any
// auditor query: masked, limited to the account's subtree, and logged (source 'lineage').
import { resolve } from '../indicators/dictionary.ts';
import { LINEAGE_CODES } from './lineage-codes.ts';
import { AREA_DIM_COLUMNS, AREA_PARTS, unitCovered, unitHome } from './lineage-areas.ts';
import type { SessionUser } from '../auth/roles.ts';
import { runAudited } from './run.ts';
import type { QueryResult } from './sandbox.ts';
import { sandboxQuery } from './sandbox-process.ts';

export interface Part {
  /** The source table and the filter on its rows (alias t); $S = the org's subtree, y = the year. */
  table: string;
  where: string;
  /** Extra SQL after the filter (e.g. keeping the latest headcount per unit). */
  qualify?: string;
  /** How the figure is computed from the rows. */
  measure: { zh: string; en: string };
  /** For breakdowns: the expression holding the dimension, when not a column of the table. */
  dimExpr?: string;
  /** A column computed per row when the figure is not a plain count or sum of the table's columns. */
  computed?: string;
  /** A filter of the total only, not of its breakdowns (contracts.workers_covered: comprehensive). */
  totalWhere?: string;
}

const standing = `(t.registered_on is null or t.registered_on <= y.as_of) and (t.closed_on is null or t.closed_on > y.as_of)`;
const unitsShould = `t.should_unionise and ${standing} and ${unitHome()} in $S`;
const unitsUnionised = `${unitsShould} and ${unitCovered()}`;
const memberAtD = `t.org_code in $S and year(t.join_date) <= y.year and (t.leave_date is null or year(t.leave_date) > y.year)`;
const count = { zh: '行数', en: 'number of rows' };
// Training sessions of the subtree in the year, and enrollments in them.
const sessionsIn = (extra = '') =>
  `t.activity_no in (select a.activity_no from activities a, y where a.kind = 'training' and a.org_code in $S and year(a.start_date) = y.year${extra})`;
const sessionAudience = `(select a.audience from activities a where a.activity_no = t.activity_no)`;
const outcomeSessions = sessionsIn(" and a.audience in ('hardship', 'unemployed')");
// Per-session totals: what each session adds, as a column of its row, so the figure is its sum.
const enrolled = (extra = '') => `(select count(*) from enrollments e where e.activity_no = t.activity_no${extra})`;
const attended = `coalesce(nullif(${enrolled()}, 0), t.participants, 0)`;
const cadreAtD = `t.is_cadre and t.org_code in $S and t.join_date <= y.as_of and (t.leave_date is null or t.leave_date > y.as_of)`;

const PARTS: Record<string, Part> = {
  'coverage.units_should': { table: 'units', where: unitsShould, measure: count },
  'coverage.units_unionised': { table: 'units', where: unitsUnionised, measure: count },
  'coverage.employees': {
    table: 'headcounts',
    where: `year(t.as_of) = y.year and t.unit_code in (select t.unit_code from units t, y where ${unitsUnionised})`,
    qualify: 'qualify row_number() over (partition by t.unit_code order by t.as_of desc) = 1',
    measure: { zh: 'employees 之和 (每个已建会单位当年最近一次统计)', en: 'sum of employees (latest headcount of each unionised unit in the year)' },
  },
  'coverage.migrant_employees': {
    table: 'headcounts',
    where: `year(t.as_of) = y.year and t.unit_code in (select t.unit_code from units t, y where ${unitsUnionised})`,
    qualify: 'qualify row_number() over (partition by t.unit_code order by t.as_of desc) = 1',
    measure: { zh: 'migrant_employees 之和', en: 'sum of migrant_employees' },
  },
  'coverage.members': { table: 'members', where: memberAtD, measure: count },
  'coverage.migrant_members': { table: 'members', where: `${memberAtD} and coalesce(t.is_migrant_worker, false)`, measure: count },
  'coverage.new_members': { table: 'members', where: `t.org_code in $S and year(t.join_date) = y.year`, measure: count },
  'coverage.unions_by_type': {
    table: 'orgs',
    where: `t.org_code in $S and t.org_type in ('community_union', 'joint_union', 'grassroots_union')
      and (t.founded_on is null or t.founded_on <= y.as_of) and (t.dissolved_on is null or t.dissolved_on > y.as_of)`,
    measure: count,
  },
  'relief.amount': { table: 'aid', where: `t.org_code in $S and year(t.paid_on) = y.year`, measure: { zh: 'amount 之和', en: 'sum of amount' } },
  'relief.person_times': { table: 'aid', where: `t.org_code in $S and year(t.paid_on) = y.year`, measure: count },
  'relief.persons': { table: 'aid', where: `t.org_code in $S and year(t.paid_on) = y.year`, measure: { zh: '不同 person_key 的个数', en: 'distinct person_key' } },
  'relief.files_active': { table: 'hardship_files', where: `t.org_code in $S and t.registered_on <= y.as_of and (t.exit_on is null or t.exit_on >= y.starts_on)`, measure: count },
  'relief.files_open': { table: 'hardship_files', where: `t.org_code in $S and t.registered_on <= y.as_of and (t.exit_on is null or t.exit_on > y.as_of)`, measure: count },
  'relief.files_new': { table: 'hardship_files', where: `t.org_code in $S and t.registered_on between y.starts_on and y.as_of`, measure: count },
  'relief.exits': { table: 'hardship_files', where: `t.org_code in $S and t.registered_on <= y.as_of and t.exit_on between y.starts_on and y.as_of`, measure: count },
  'training.sessions': { table: 'activities', where: `t.kind = 'training' and t.org_code in $S and year(t.start_date) = y.year`, measure: count },
  'training.person_times': {
    table: 'activities',
    where: `t.kind = 'training' and t.org_code in $S and year(t.start_date) = y.year`,
    computed: `${attended} as _person_times`,
    measure: {
      zh: '_person_times 之和 (每期: 有学员名单时为名单人数, 否则为 participants)',
      en: 'sum of _person_times (per session: enrolled trainees when listed, else participants)',
    },
  },
  'training.hours': {
    table: 'activities',
    where: `t.kind = 'training' and t.org_code in $S and year(t.start_date) = y.year`,
    computed: `coalesce(t.hours, 0) * ${enrolled(' and coalesce(e.completed, true)')} as _hours`,
    measure: { zh: '_hours 之和 (每期: hours × 结业人数)', en: 'sum of _hours (per session: hours × completed trainees)' },
  },
  'training.persons': { table: 'enrollments', where: sessionsIn(), dimExpr: sessionAudience, measure: { zh: '不同 person_key 的个数', en: 'distinct person_key' } },
  'training.completed': { table: 'enrollments', where: `${outcomeSessions} and coalesce(t.completed, true)`, dimExpr: sessionAudience, measure: count },
  'training.certified': {
    table: 'enrollments', where: `${outcomeSessions} and coalesce(t.completed, true) and coalesce(t.certified, false)`, dimExpr: sessionAudience, measure: count,
  },
  'training.employed': {
    table: 'enrollments', where: `${outcomeSessions} and coalesce(t.completed, true) and t.employed_on is not null`, dimExpr: sessionAudience, measure: count,
  },
  'training.cadres': { table: 'members', where: cadreAtD, measure: count },
  'training.cadres_trained': {
    table: 'members',
    // (by member number: in masked mode the ID numbers the mart joins on are masked)
    where: `${cadreAtD} and t.member_no in (select e.member_no from enrollments e join activities a using (activity_no), y
      where a.kind = 'training' and a.audience = 'cadre' and year(a.start_date) = y.year and coalesce(e.completed, true))`,
    measure: count,
  },
  'activity.count': { table: 'activities', where: `t.org_code in $S and year(t.start_date) = y.year`, measure: count },
  'activity.participants': {
    table: 'activities',
    where: `t.org_code in $S and year(t.start_date) = y.year`,
    computed: `${attended} as _participants`,
    measure: {
      zh: '_participants 之和 (每项活动: 有学员名单时为名单人数, 否则为 participants)',
      en: 'sum of _participants (per activity: enrolled trainees when listed, else participants)',
    },
  },
  ...AREA_PARTS,
};

/** Breakdown dimension → the column of the part's table it filters (fund source 'unspecified' = null). */
const DIM_COLUMN: Record<string, string> = {
  category: 'category', fund_source: 'fund_source', org_type: 'org_type', kind: 'kind', audience: 'audience', ...AREA_DIM_COLUMNS,
};

export class LineageError extends Error {}

const lit = (s: string) => `'${s.replace(/'/g, "''")}'`;

/** The lineage SQL of one part of an indicator key, or undefined when it is not defined. */
export function partSql(key: string, org: string, year: number): string | undefined {
  const [code = '', dim] = key.split(':');
  const part = PARTS[code];
  if (!part) return undefined;
  let where = part.where.replaceAll('$S', `(select descendant from org_closure where ancestor = ${lit(org)})`);
  if (dim) {
    const r = resolve(key);
    const col = r?.breakdown ? (part.dimExpr ?? (DIM_COLUMN[r.breakdown.by] ? `t.${DIM_COLUMN[r.breakdown.by]}` : undefined)) : undefined;
    if (!col) return undefined;
    where += dim === 'unspecified' ? ` and ${col} is null` : ` and ${col} = ${lit(dim)}`;
  } else if (part.totalWhere) {
    where += ` and ${part.totalWhere}`;
  }
  return `-- lineage of ${key} for org ${org}, ${year}
with y as (select * from indicator_years where year = ${year})
select t.*,${part.computed ? ` ${part.computed},` : ''} f.file_name as _file_name
from ${part.table} as t
cross join y
left join ingest_file as f on f.file_id = t._file_id
where ${where}
${part.qualify ?? ''}
order by t._file_id, t._row_no`;
}

export interface LineagePart {
  key: string;
  zh: string;
  en: string;
  measure: { zh: string; en: string };
  sql: string;
  result: QueryResult;
}

export interface Lineage {
  key: string;
  zh: string;
  en: string;
  parts: { role: 'numerator' | 'denominator' | 'value'; part: LineagePart | null; key: string }[];
}

export async function lineage(
  dbPath: string,
  user: SessionUser,
  q: { key: string; org: string; year: number; unmask?: boolean; maxRows?: number },
): Promise<Lineage> {
  if (!/^[\p{L}\p{N}_.-]{1,64}$/u.test(q.org)) throw new LineageError(`组织代码无效 / invalid org code ${q.org}`);
  if (!Number.isInteger(q.year) || q.year < 1900 || q.year > 2200) throw new LineageError(`年份无效 / invalid year ${q.year}`);
  const r = resolve(q.key);
  if (!r) throw new LineageError(`没有指标 ${q.key} / no indicator key ${q.key}`);
  const roles: { role: 'numerator' | 'denominator' | 'value'; key: string }[] = r.numerator
    ? [{ role: 'numerator', key: r.numerator }, ...(r.denominator ? [{ role: 'denominator' as const, key: r.denominator }] : [])]
    : [{ role: 'value', key: q.key }];
  if (user.orgScope) {
    // The sandbox's org_closure of a limited account holds only pairs inside its subtree.
    const inside = await sandboxQuery(dbPath, `select count(*) from org_closure where descendant = ${lit(q.org)}`, { orgScope: user.orgScope }, user.name);
    if (!Number(inside.rows[0]?.[0])) {
      throw new LineageError(`组织 ${q.org} 不在您的查看范围内 (${user.orgScope}) / org ${q.org} is outside your scope (${user.orgScope})`);
    }
  }
  const parts: Lineage['parts'] = [];
  for (const { role, key } of roles) {
    const sql = partSql(key, q.org, q.year);
    if (!sql) {
      parts.push({ role, key, part: null });
      continue;
    }
    const pr = resolve(key);
    const result = await runAudited(dbPath, { user, sql, source: 'lineage', unmask: q.unmask, maxRows: q.maxRows ?? 10_000 });
    parts.push({ role, key, part: { key, zh: pr?.zh ?? key, en: pr?.en ?? key, measure: PARTS[key.split(':')[0]!]!.measure, sql, result } });
  }
  return { key: q.key, zh: r.zh, en: r.en, parts };
}

export { LINEAGE_CODES };

// Keep the list in lineage-codes.ts in step with PARTS (checked in test/auditor/lineage.test.ts).
export const PART_CODES = Object.keys(PARTS);
