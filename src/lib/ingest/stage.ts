// Staging: one file's raw text → typed rows (`stg`) and every problem found in them (`problems`).
// The generic, per-column checks (required, parse, enum, check characters) are generated from the
// data contract, and so are the references to orgs and units (a column's `references`); the rules of
// each family (date order, ranges, …) live in queries/checks/chk_<family>.sql and run against `stg`
// and the clean tables.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Db } from '../db/duckdb.ts';
import { QUERIES_DIR, sql } from '../db/duckdb.ts';
import { ENUM_SYNONYMS, type Column, type Family } from './families.ts';
import type { HeaderMapping } from './detect.ts';
import { releaseReaderGarbage, type RawLoad } from './load-raw.ts';
import { classifyNoise } from './noise.ts';
import { roleOf } from './workbook.ts';
import { ROW_GROUP_ROWS } from './threads.ts';

const q = (id: string) => `"${id.replace(/"/g, '""')}"`;
const lit = (s: string) => `'${s.replace(/'/g, "''")}'`;

function enumCase(c: Column, t: string): string {
  const pairs: [string, string][] = [];
  for (const [code, label] of Object.entries(c.values ?? {})) {
    pairs.push([code.toLowerCase(), code], [label, code]);
    for (const part of label.split(/[/()（）]/).filter(Boolean)) pairs.push([part, code]);
  }
  for (const [syn, code] of Object.entries(c.synonyms ?? {})) pairs.push([syn.toLowerCase(), code]);
  for (const [syn, code] of Object.entries(ENUM_SYNONYMS)) if (c.values && code in c.values) pairs.push([syn, code]);
  const seen = new Set<string>();
  const whens = pairs
    .filter(([k]) => !seen.has(k) && seen.add(k))
    .map(([k, v]) => `when ${lit(k)} then ${lit(v)}`)
    .join(' ');
  return `case lower(replace(${t}, ' ', '')) ${whens} end`;
}

function typed(c: Column, t: string): string {
  switch (c.type) {
    case 'text':
      return t;
    case 'date':
      return `ua_date(${t})`;
    case 'bool':
      return `ua_bool(${t})`;
    case 'int':
      return `ua_int(${t})`;
    case 'decimal':
      return `ua_decimal(${t})`;
    case 'money':
      return `ua_money(${t})`;
    case 'enum':
      return enumCase(c, t);
    case 'id_number':
    case 'credit_code':
      return `upper(${t})`;
    case 'gender':
      return `case when lower(${t}) in ('男', 'm', 'male') then '男' when lower(${t}) in ('女', 'f', 'female') then '女' end`;
    case 'year':
      return `ua_year(${t})`;
  }
}

const PARSE_REASON: Partial<Record<Column['type'], string>> = {
  date: 'bad_date',
  bool: 'bad_bool',
  int: 'bad_int',
  decimal: 'bad_decimal',
  enum: 'bad_enum',
  gender: 'bad_gender',
  year: 'bad_int',
};

/**
 * `stg`: _row_no, <col>__t (trimmed text), <col> (typed), <col>__problem for ID numbers and credit
 * codes, and _hash, the content fingerprint over the typed values (so 2024/3/5 = 2024-03-05).
 *
 * DuckDB expands macros textually, so a macro argument that is itself an expression is evaluated
 * once per use, and bound and optimised once per use: ua_text inside ua_code_digits inside
 * ua_id_digits made the members' statement 0.1 s of planning before its first row. The trimmed
 * text, then the normalised text and the ID digits are therefore computed first, as columns of
 * their own, then the typed values and problems from those plain columns, then the hash from the typed
 * columns (written into the hash, each typed expression was computed twice). Each step is a
 * projection under the next, not a materialized copy: writing 100,000 rows of text aside and reading
 * them back cost about a third of the statement (bench:ingest --format xlsx).
 */
export function stagingSql(f: Family, raw: RawLoad, m: HeaderMapping): string {
  const trimmed = f.columns.filter((c) => m.columns.has(c.name)).map((c) => `ua_text(${q(m.columns.get(c.name)!)}) as ${c.name}__s`);
  const cell = (c: Column) => normalised(c, `${c.name}__s`);
  const text = f.columns.map((c) => (m.columns.has(c.name) ? `${cell(c)} as ${c.name}__t` : `null::varchar as ${c.name}__t`));
  const digits = f.columns
    .filter((c) => c.type === 'id_number' && m.columns.has(c.name))
    .map((c) => `ua_id_digits(upper(${cell(c)})) as ${c.name}__digits`);
  const digitCols = f.columns
    .filter((c) => c.type === 'id_number')
    .map((c) => (m.columns.has(c.name) ? `${c.name}__digits` : `null::bigint as ${c.name}__digits`));
  const typedExpr = (c: Column) => {
    const e = typed(c, `${c.name}__t`);
    return DERIVED[f.name]?.[c.name]?.(e) ?? e;
  };
  const problems = f.columns
    .filter((c) => c.type === 'id_number' || c.type === 'credit_code')
    .map((c) =>
      c.type === 'id_number'
        ? m.columns.has(c.name)
          ? `ua_id_problem_with(upper(${c.name}__t), ${c.name}__digits) as ${c.name}__problem`
          : `null::varchar as ${c.name}__problem`
        : `ua_credit_problem(upper(${c.name}__t)) as ${c.name}__problem`,
    );
  // concat_ws skips nulls: a blank added column leaves the hash of rows stored before it unchanged.
  const hashPart = (c: Column) => (c.added ? `${lit(`${c.name}=`)} || ${q(c.name)}::varchar` : `coalesce(${q(c.name)}::varchar, chr(0))`);
  const hash = `md5(concat_ws(chr(31), ${f.columns.map(hashPart).join(', ')})) as _hash`;
  return `create or replace temp table stg as
with trimmed as not materialized (
  select ${[`${raw.rowNoExpr} as _row_no`, ...trimmed].join(',\n    ')}
  from ${raw.table}
),
text_cells as not materialized (
  select _row_no,
    ${[...text, ...digits].join(',\n    ')}
  from trimmed
),
typed as not materialized (
  select _row_no,
    ${[
      ...f.columns.map((c) => `${c.name}__t`),
      ...digitCols,
      ...problems,
      ...f.columns.map((c) => `${typedExpr(c)} as ${c.name}`),
    ].join(',\n    ')}
  from text_cells anti join skipped using (_row_no)
)
select *, ${hash}
from typed`;
}

/**
 * ID numbers, credit codes, phones and codes as stored: full-width → ASCII, spaces and a leading '
 * dropped; dashes too where the value is digits and letters only. The stored value is this one.
 */
function normalised(c: Column, t: string): string {
  if (c.type === 'id_number' || c.type === 'credit_code' || c.name === 'phone') return `ua_code_digits(${t})`;
  if (roleOf(c.name, c.type) === 'identifier') return `ua_code(${t})`;
  return t;
}

/**
 * A code that names no stored org or unit. A malformed credit code is reported by its own check
 * only: "unknown unit" would send the clerk looking for a unit that a typo invented. The stored
 * codes are first narrowed to those the file names (a semi-join DuckDB filters in the scan): a NOT IN
 * over the whole table built a hash table of 750k units for a 10-row file.
 */
function referenceCheckSql(c: Column, table: 'orgs' | 'units'): string {
  const [reason, key] = table === 'orgs' ? ['unknown_org', 'org_code'] : ['unknown_unit', 'unit_code'];
  const wellFormed = c.type === 'credit_code' ? ` and ${c.name}__problem is null` : '';
  return `select _row_no, ${lit(c.name)}, ${c.name}, '${reason}', null from stg
    where ${c.name} is not null${wellFormed}
      and ${c.name} not in (select ${key} from ${table} where ${key} in (select ${c.name} from stg))`;
}

/** Per-column problems, generated from the contract. Columns: _row_no, column_name, value, reason, detail. */
export function genericChecksSql(f: Family): string {
  const parts: string[] = [];
  for (const c of f.columns) {
    const t = `${c.name}__t`;
    // A value masked in the reject report (张**, 530423********0029, 1990-**-**) sent back as it was.
    // Names mask to 赵* (one star), and a star is never part of a name, ID or phone.
    const masked = c.personal || c.type === 'id_number' ? `${t} like '%*%'` : `${t} like '%**%'`;
    parts.push(`select _row_no, ${lit(c.name)}, ${t}, 'masked_value', null from stg where ${masked}`);
    const otherwise = c.blankIfGiven ? ` and ${c.blankIfGiven}__t is null` : '';
    if (c.required) parts.push(`select _row_no, ${lit(c.name)}, null, 'required', null from stg where ${t} is null${otherwise}`);
    const reason = PARSE_REASON[c.type];
    if (roleOf(c.name, c.type) === 'identifier')
      parts.push(`select _row_no, ${lit(c.name)}, ${t}, 'id_as_number', null from stg where ${t} is not null and ua_sci_number(${t})`);
    if (c.type === 'date')
      parts.push(`select _row_no, ${lit(c.name)}, ${t}, case when ua_partial_date(${t}) then 'partial_date' else 'bad_date' end, null from stg where ${t} is not null and ${c.name} is null`);
    else if (reason) {
      // 'zh list|en list': apply.ts picks the reader's half (an English message once read "Allowed: .")
      const values = Object.entries(c.values ?? {});
      const detail = c.type === 'enum' ? lit(`${values.map(([k, v]) => `${v}(${k})`).join('、')}|${values.map(([k, v]) => `${k} (${v})`).join(', ')}`) : 'null';
      parts.push(`select _row_no, ${lit(c.name)}, ${t}, ${lit(reason)}, ${detail} from stg where ${t} is not null and ${c.name} is null`);
    }
    if (c.type === 'money')
      parts.push(
        `select _row_no, ${lit(c.name)}, ${t}, case when ua_money_in_wan(${t}) then 'money_in_wan' else 'bad_money' end, null
         from stg where ${t} is not null and (${c.name} is null or ${c.name} ${c.zeroAllowed ? '< 0' : '<= 0'})`,
      );
    if (c.type === 'id_number' || c.type === 'credit_code') {
      const code = c.type === 'id_number' ? 'bad_id_number' : 'bad_credit_code';
      parts.push(`select _row_no, ${lit(c.name)}, ${t}, '${code}', ${c.name}__problem from stg where ${t} is not null and ${c.name}__problem is not null and not ua_sci_number(${t})`);
    }
    if (c.references) parts.push(referenceCheckSql(c, c.references));
  }
  return parts.join('\nunion all\n');
}

/**
 * Values the contract derives when a cell is blank (only when blank: a bad value must still fail).
 * A row whose ID number is invalid is quarantined anyway, so what is derived from it does not matter.
 */
const DERIVED: Partial<Record<Family['name'], Record<string, (typed: string) => string>>> = {
  members: {
    birth_date: (e) => `case when birth_date__t is null then ua_id_birth_of(id_number__digits) else ${e} end`,
    gender: (e) => `case when gender__t is null and id_number__digits is not null then ua_id_gender(upper(id_number__t)) else ${e} end`,
  },
  enrollments: { completed: (e) => `case when completed__t is null then true else ${e} end` },
  rights_cases: { workers_involved: (e) => `case when workers_involved__t is null then 1 else ${e} end` },
  funds: { donors: (e) => `case when donors__t is null then 1 else ${e} end` },
  // 2% of the payroll, half-up to the fen (DuckDB rounds decimals half away from zero; both are > 0)
  dues: {
    due: (e) => `case when due__t is null then round(ua_money(payroll__t) * 0.02, 2)::decimal(18, 2) else ${e} end`,
    paid: (e) => `case when paid__t is null then 0::decimal(18, 2) else ${e} end`,
  },
};

/**
 * Fills member_no from the ID number and the ID number from member_no through `members`, and sets
 * person_key (ID number, else M:member_no, else N:name). _member_id is the ID number of the member
 * that member_no names (null when no such member), for the checks.
 */
function resolvePersonSql(f: Family): string {
  const name = f.personColumns?.includes('name') ? `, 'N:' || s.name` : '';
  return `create or replace temp table stg as
with by_id as (
  -- only the IDs (and below, member numbers) this file names: grouping all members cost seconds at
  -- 15M (a 10-row upload), and a join on every member number read two columns of all of them
  select id_number, min(member_no) as member_no from members
  where id_number in (select id_number from stg where id_number is not null)
  group by id_number
)
select s.* replace (
    coalesce(s.member_no, i.member_no) as member_no,
    coalesce(s.id_number, m.id_number) as id_number
  ),
  m.id_number as _member_id,
  coalesce(s.id_number, m.id_number, 'M:' || coalesce(s.member_no, i.member_no)${name}) as person_key
from stg s
left join (select member_no, id_number from members where member_no in (select member_no from stg)) m on m.member_no = s.member_no
left join by_id i on i.id_number = s.id_number`;
}

/** Checks on the person a hardship file, payment or enrollment is about (after resolvePersonSql). */
function personChecksSql(f: Family): string {
  const cols = f.columns.filter((c) => f.personColumns!.includes(c.name));
  const detail = lit(`${cols.map((c) => c.zh).join('、')}|${cols.map((c) => c.name).join(', ')}`);
  return `select _row_no, null, null, 'missing_person', ${detail}
from stg
where ${cols.map((c) => `${c.name}__t is null`).join(' and ')}
union all
-- a member number that names no member
select _row_no, 'member_no', member_no__t, 'unknown_member', null
from stg
where member_no__t is not null
  and _member_id is null
union all
-- both given, but the member's registered ID is another one
select _row_no, 'id_number', id_number__t, 'person_mismatch', member_no__t
from stg
where id_number__t is not null
  and _member_id is not null
  and _member_id <> id_number`;
}

/** Builds `stg` and `problems` for one raw file; returns how many noise rows were skipped. */
export async function stage(db: Db, f: Family, raw: RawLoad, m: HeaderMapping): Promise<number> {
  const skipped = await onOneThread(db, raw.rows, async () => {
    const n = await classifyNoise(db, raw, m, raw.headingRows);
    const staging = db.run(stagingSql(f, raw, m));
    releaseReaderGarbage(); // on this thread, while DuckDB parses the rows on its own
    await staging;
    return n;
  });
  // Who a row about a person (hardship file, payment, enrollment, honour, placement) is about: fills
  // member_no / id_number from `members`.
  const aboutPerson = f.personColumns !== undefined;
  if (aboutPerson) await db.run(resolvePersonSql(f));
  const checks = aboutPerson ? `${genericChecksSql(f)}\nunion all\n${personChecksSql(f)}` : genericChecksSql(f);
  await db.run(`create or replace temp table problems as
    select * from (${checks}) g(_row_no, column_name, value, reason, detail)`);
  // A family's own rules; a family may have none beyond the generated ones (placements).
  if (existsSync(join(QUERIES_DIR, `checks/chk_${f.name}.sql`))) await db.run(`insert into problems select * from (${sql(`checks/chk_${f.name}.sql`)})`);
  // A masked cell is that and nothing else (not also a bad ID or date).
  await db.run(`delete from problems p where p.reason <> 'masked_value' and exists
    (select 1 from problems m where m.reason = 'masked_value' and m._row_no = p._row_no and m.column_name = p.column_name)`);
  if (raw.cellIssues) await cellProblems(db, raw.cellIssues, m);
  return skipped;
}

/**
 * `work` (statements that scan a raw table of `rows` rows and what is made from it) with one DuckDB
 * thread when that table is one row group, then the threads setting put back. Such a scan runs on
 * one thread anyway, and a second one only costs: with threads = 2 (the default on two cores) the
 * staging of the 100,000-row members workbook took three times the CPU (0.55 → 1.75 s) and twice the
 * time on the shared 2-core machine. Only the noise rows and the staging query: the checks read the
 * stored orgs and units too, millions of rows at scale, where two threads help.
 */
async function onOneThread<T>(db: Db, rows: number, work: () => Promise<T>): Promise<T> {
  const before = db.threads;
  if (before === 1 || rows >= ROW_GROUP_ROWS) return work();
  await db.setThreads(1);
  try {
    return await work();
  } finally {
    await db.setThreads(before);
  }
}

/**
 * Cells the workbook reader could not trust (error values, identifiers typed as numbers) replace
 * whatever the parsers said about the same cell: the clerk is told the real cause, once.
 */
async function cellProblems(db: Db, issues: string, m: HeaderMapping): Promise<void> {
  const pairs = [...m.columns].map(([name, h]) => `(${lit(name)}, ${lit(h)})`).join(', ');
  if (!pairs) return;
  // A row issue (null header: a line in another encoding) is the row's one cause: what the parsers
  // made of its garbled cells is not said.
  await db.run(`create or replace temp table cell_problems as
    select i._row_no, c.name as column_name, i.value, i.reason, null::varchar as detail
    from ${issues} i join (values ${pairs}) c(name, header) on c.header = i.header
    semi join stg using (_row_no);
    insert into cell_problems select i._row_no, null, null, i.reason, i.value from ${issues} i where i.header is null
      and i._row_no in (select _row_no from stg);
    delete from problems p where exists (select 1 from cell_problems x where x._row_no = p._row_no
      and (x.column_name = p.column_name or x.column_name is null));
    insert into problems select * from cell_problems;`);
}
