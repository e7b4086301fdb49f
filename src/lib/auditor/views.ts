// The sandbox's view of the warehouse: one view per warehouse table, with the same name, that
// masks personal columns (unless unmasked) and keeps only the rows of the account's org subtree
// (when it is limited to one). The user's SQL can only reach these views (guard.ts refuses any
// reference to the attached warehouse itself), so masking and scope hold whatever the SQL does
// with the values afterwards: they are applied where the data is read, not on result columns.
import { MASK_MACRO, PERSONAL_COLUMNS, personalKindOfHeader } from './masking.ts';

/** The catalog name under which the warehouse is attached inside the sandbox. */
export const WH = 'wh';

export interface ViewOptions {
  unmask: boolean;
  /** Root org code of the subtree, or null for the whole federation. */
  orgScope: string | null;
}

const q = (s: string): string => `'${s.replace(/'/g, "''")}'`;
const ident = (s: string): string => `"${s.replace(/"/g, '""')}"`;

/** How to keep a table's rows to a subtree `S` (a subquery of org codes). null = no rule known. */
function scopeRule(table: string, columns: Set<string>, S: string): string | null {
  // Raw files keep the clerk's own headers, so their org column cannot be told reliably: hidden.
  if (RAW_FILE.test(table)) return null;
  const base = table.replace(/^raw_/, '').replace(/_history$/, '');
  const unitsIn = `(select unit_code from ${WH}.main.units where area_org_code in ${S} or union_org_code in ${S})`;
  switch (base) {
    case 'units':
      return `area_org_code in ${S} or union_org_code in ${S}`;
    case 'headcounts':
    // registers kept per unit (data-contract-2): the unit's area or union decides, as for headcounts
    case 'democracy':
    case 'dues':
    case 'contract_units':
      return `unit_code in ${unitsIn}`;
    case 'enrollments':
      return `activity_no in (select activity_no from ${WH}.main.activities where org_code in ${S})`;
    case 'org_closure':
      return `ancestor in ${S} and descendant in ${S}`;
    case 'indicator_cells':
      return `org_no in (select org_no from ${WH}.main.indicator_orgs where org_code in ${S})`;
    // File and batch metadata hold no rows of people (the lineage of visible rows needs them);
    // the indicator years and keys are reference lists.
    case 'ingest_file':
    case 'ingest_batch':
    case 'indicator_years':
    case 'reportable_years':
    case 'indicator_keys':
      return 'true';
  }
  if (columns.has('org_code')) return `org_code in ${S}`;
  return null;
}

/** raw_file_<id>: one table per ingested file, all text, with the file's own headers. */
export const RAW_FILE = /^raw_file_\d+$/;

function maskedSelect(table: string, columns: string[], unmask: boolean): string {
  if (unmask) return `select * from ${WH}.main.${ident(table)}`;
  const replace: string[] = [];
  const raw = RAW_FILE.test(table);
  for (const c of columns) {
    // Raw headers are whatever the clerk typed (身份证号, 手机号码 …): matched like the ingest does,
    // and every other raw column is scanned for ID and mobile numbers too.
    const kind = raw ? personalKindOfHeader(c) : PERSONAL_COLUMNS[c];
    // Typed birth dates stay dates (the year's first day), so date arithmetic still works.
    if (kind === 'birth' && !raw) replace.push(`date_trunc('year', ${ident(c)})::date as ${ident(c)}`);
    else if (kind) replace.push(`${MASK_MACRO[kind]}(${ident(c)}::varchar) as ${ident(c)}`);
    else if (raw && c !== '_row_no') replace.push(`ua_mask_text(${ident(c)}::varchar) as ${ident(c)}`);
    else if (c === '_extra') replace.push(`ua_mask_text(_extra::varchar)::json as _extra`);
  }
  if (table === 'quarantine' && columns.includes('value')) {
    const cases = Object.entries(PERSONAL_COLUMNS)
      .map(([col, kind]) => `when column_name = ${q(col)} then ${MASK_MACRO[kind]}(value)`)
      .join(' ');
    const masked = `case ${cases} when column_name is null then ua_mask_row(value) else ua_mask_text(value) end`;
    replace.push(`${masked} as value`);
    // The messages quote the offending value ("身份证号 … 不是有效的…"): replaced by its masked form.
    for (const m of ['message_zh', 'message_en']) {
      if (columns.includes(m)) replace.push(`ua_mask_text(case when coalesce(value, '') = '' then ${m} else replace(${m}, value, ${masked}) end) as ${m}`);
    }
  }
  const rep = replace.length ? ` replace (${replace.join(', ')})` : '';
  return `select *${rep} from ${WH}.main.${ident(table)}`;
}

export interface ViewPlan {
  table: string;
  sql: string;
  /** True when the account's scope hides every row of this table (no way to tell their org). */
  hidden: boolean;
}

/** The CREATE VIEW statements for the given warehouse tables and their columns. */
export function planViews(tables: Map<string, string[]>, opts: ViewOptions): ViewPlan[] {
  const S = opts.orgScope ? `(select descendant from ${WH}.main.org_closure where ancestor = ${q(opts.orgScope)})` : '';
  const plans: ViewPlan[] = [];
  for (const [table, columns] of tables) {
    let body = maskedSelect(table, columns, opts.unmask);
    let hidden = false;
    if (opts.orgScope) {
      const rule = scopeRule(table, new Set(columns), S);
      hidden = rule === null;
      body = `select * from (${body}) where ${rule ?? 'false'}`;
    }
    plans.push({ table, hidden, sql: `create view main.${ident(table)} as ${body};` });
  }
  return plans;
}
