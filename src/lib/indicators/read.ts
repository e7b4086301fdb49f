// Reading the indicator mart: the one function the CLI and the HTTP API share (getIndicators), and
// what pages and PDFs need beyond one org-year (trends, child breakdowns, months, years, the org list).
// Every query binds $org / $year; nothing is spliced into SQL text.
import { sql, type Db } from '../db/duckdb.ts';
import { resolve } from './dictionary.ts';
import { martKeys } from './mart-keys.ts';
import { cellsOf, computeEarly, earlyYears, valuesOf } from './early-years.ts';
import { filled, indicatorValue, jsonValue, type Parts } from './report.ts';
import {
  NotFoundError,
  type AreaMonthRow,
  type ChildValues,
  type IndicatorReport,
  type MonthlyRow,
  type OrgListing,
  type OrgRef,
  type TrendPoint,
} from './types.ts';

type MartRead = Parts & { year: number; code: string };

async function orgRef(db: Db, org: string): Promise<OrgRef> {
  const row = await db.one<{ code: string; name: string; type: string }>(
    'select org_code as code, org_name as name, org_type as type from orgs where org_code = $org',
    { org },
  );
  if (!row) {
    throw new NotFoundError(
      `未找到组织代码为 ${org} 的组织，请核对组织代码（看板的组织列表或 npm run query 可查）。`,
      `No organisation with code ${org}; check the code against the org list.`,
    );
  }
  return row;
}

/**
 * The reportable years (every year from the first to the last dated event: reportable_years, the
 * same for every org) and those the stored mart holds (indicator_years: from the first year with
 * headcounts, aid or activities on). A warehouse from before reportable_years: the stored ones.
 */
async function yearSets(db: Db): Promise<{ reportable: number[]; stored: number[] }> {
  const stored = (await db.all<{ year: number }>('select year from indicator_years order by year')).map((r) => r.year);
  const has = await db.value<number>(
    "select count(*) from duckdb_tables() where database_name = current_database() and table_name = 'reportable_years'",
  );
  if (!Number(has)) return { reportable: stored, stored };
  const reportable = (await db.all<{ year: number }>('select year from reportable_years order by year')).map((r) => r.year);
  return { reportable, stored };
}

/** The reporting years (the same for every org), oldest first: every reportable year, stored or computed when asked for. */
export async function getYears(db: Db, org: string): Promise<number[]> {
  await orgRef(db, org);
  return (await yearSets(db)).reportable;
}

/**
 * Throws NotFoundError unless `year` is a reportable year; makes sure `want` (reportable years the
 * read needs, e.g. the year and the one before) have figures: a year the stored mart does not hold
 * is computed on this connection (early-years.ts). Returns the reportable years.
 */
async function checkYear(db: Db, org: OrgRef, year: number, want: number[] = [year]): Promise<number[]> {
  const { reportable, stored } = await yearSets(db);
  if (!reportable.includes(year)) {
    const span = reportable.length ? `${reportable[0]}–${reportable[reportable.length - 1]}` : '';
    throw new NotFoundError(
      reportable.length
        ? `${org.name}（${org.code}）${year}年没有数据；有数据的年份为 ${span}。`
        : '数据仓库中还没有任何年度数据，请先导入登记表（npm run ingest）。',
      reportable.length
        ? `No data for ${year}; the warehouse has data for ${span}.`
        : 'The warehouse holds no yearly data yet; load the registers first (npm run ingest).',
    );
  }
  const early = earlyYears(db);
  const missing = want.filter((y) => reportable.includes(y) && !stored.includes(y) && !early.has(y));
  if (missing.length) await computeEarly(db, missing);
  return reportable;
}

/** The full report of one org (and its subtree) for one year, with last year's values beside. */
export async function getIndicators(db: Db, org: string, year: number): Promise<IndicatorReport> {
  const ref = await orgRef(db, org);
  const years = await checkYear(db, ref, year, [year, year - 1]);
  const rows = await db.all<MartRead>(
    `select year, code, value, numerator, denominator from ${valuesOf(db, [year, year - 1])}
     where org_code = $org and year in ($year, $year - 1)`,
    { org, year },
  );
  const cur = new Map<string, Parts>();
  const prev = new Map<string, Parts>();
  for (const r of rows) (r.year === year ? cur : prev).set(r.code, r);
  // the mart is sparse: absent keys of a reporting year are zero; the year before the first reportable one has none
  const hasPrevious = years.includes(year - 1);
  const indicators: IndicatorReport['indicators'] = {};
  for (const { key, kind } of martKeys()) {
    indicators[key] = indicatorValue(key, filled(kind, cur.get(key)), hasPrevious ? filled(kind, prev.get(key)) : undefined);
  }
  const batch = await db.value<number | null>('select max(batch_id) from ingest_batch');
  return { org: ref, year, as_of: `${year}-12-31`, batch: batch ?? null, indicators };
}

function kindOf(code: string) {
  const r = resolve(code);
  if (!r) throw new Error(`Unknown indicator key ${code}`);
  return r.indicator.kind;
}

/** A trend: the given keys for each year in [fromYear, toYear] (which years: see below). */
export async function getTrend(db: Db, org: string, codes: string[], fromYear: number, toYear: number): Promise<TrendPoint[]> {
  const ref = await orgRef(db, org);
  codes.forEach(kindOf);
  // A trend ending in a stored year covers the stored years of its range: a page of a stored year
  // never waits for an early year to be computed (after every ingest, on a new connection). One
  // ending in an early year, whose page computes it anyway, covers every reportable year of its range.
  const { reportable, stored } = await yearSets(db);
  const endsStored = stored.includes(toYear);
  const years = reportable.filter((y) => y >= fromYear && y <= toYear && (!endsStored || stored.includes(y)));
  if (years.length && !endsStored) await checkYear(db, ref, years[years.length - 1]!, years);
  const rows = await db.all<MartRead>(
    `select year, code, value, numerator, denominator from ${valuesOf(db, years)}
     where org_code = $org
       and year between $from and $to
       and code in (select unnest(string_split($codes, '|')))`,
    { org, from: fromYear, to: toYear, codes: codes.join('|') },
  );
  const got = new Map(rows.map((r) => [`${r.year}|${r.code}`, r]));
  const sorted = [...codes].sort();
  return years.flatMap((year) =>
    sorted.map((code) => {
      const p = filled(kindOf(code), got.get(`${year}|${code}`));
      return { year, code, value: jsonValue(kindOf(code), p), numerator: p.numerator, denominator: p.denominator };
    }),
  );
}

/** The direct child orgs of `org` with their values of the given keys for `year`. */
export async function getChildren(db: Db, org: string, year: number, codes: string[]): Promise<ChildValues[]> {
  const ref = await orgRef(db, org);
  await checkYear(db, ref, year);
  codes.forEach(kindOf);
  const children = await db.all<{ code: string; name: string; type: string }>(
    `select c.descendant as code, o.org_name as name, o.org_type as type
     from org_closure as c
     join orgs as o on o.org_code = c.descendant
     where c.ancestor = $org
       and c.depth = 1
     order by code`,
    { org },
  );
  // the cells, not the view: joined from the children, DuckDB reads only their run of org numbers
  // (through the view it joined every org of the year before keeping the children: 5× slower)
  const rows = await db.all<MartRead & { org_code: string }>(
    `select o.org_code, v.year, k.code, v.value, v.numerator, v.denominator
     from org_closure as c
     join indicator_orgs as o on o.org_code = c.descendant
     join ${cellsOf(db, [year])} as v on v.org_no = o.org_no
     join indicator_keys as k on k.key_no = v.key_no
     where c.ancestor = $org
       and c.depth = 1
       and v.year = $year
       and k.code in (select unnest(string_split($codes, '|')))`,
    { org, year, codes: codes.join('|') },
  );
  const got = new Map(rows.map((r) => [`${r.org_code}|${r.code}`, r]));
  return children.map((child) => ({
    org: child,
    values: Object.fromEntries(
      codes.map((code) => {
        const p = filled(kindOf(code), got.get(`${child.code}|${code}`));
        return [code, { value: jsonValue(kindOf(code), p), numerator: p.numerator, denominator: p.denominator }];
      }),
    ),
  }));
}

/** Aid amount and person-times by month and category, and new members by month. */
export async function getMonthly(db: Db, org: string, year: number): Promise<MonthlyRow[]> {
  const ref = await orgRef(db, org);
  await checkYear(db, ref, year, []);  // the months are read from the registers: nothing to compute
  return db.all<MonthlyRow & Record<string, string | number | null>>(sql('marts/monthly.sql'), { org, year });
}

/** The work areas' flows by month: cases, contracts signed, awards, funds received, placements. */
export async function getAreaMonths(db: Db, org: string, year: number): Promise<AreaMonthRow[]> {
  const ref = await orgRef(db, org);
  await checkYear(db, ref, year, []);  // read from the registers: nothing to compute
  return db.all<AreaMonthRow & Record<string, string | number | null>>(sql('marts/monthly_areas.sql'), { org, year });
}

/** Every org with its parent and its depth below the root (root = 0), root first. */
export async function listOrgs(db: Db): Promise<OrgListing[]> {
  return db.all<OrgListing & Record<string, string | number | null>>(
    `select o.org_code as code, o.org_name as name, o.org_type as type, o.parent_code as parent,
            coalesce(max(c.depth), 0)::integer as depth
     from orgs as o
     left join org_closure as c on c.descendant = o.org_code
     group by all
     order by depth, code`,
  );
}
