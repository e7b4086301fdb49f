// The sandbox's view of the warehouse: one view per warehouse table, with the same name, that
// masks personal columns (unless unmasked) and keeps only the rows of the account's org subtree
// (when it is limited to one). The user's SQL can only reach these views (guard.ts refuses any
// reference to the attached warehouse itself), so masking and scope hold whatever the SQL does
// with the values afterwards: they are applied where the data is read, not on result columns.
// What each masked form shows and which oracles were considered: docs/threat-model.md.
import type { Db } from '../db/duckdb.ts';
import { FAMILY_MASKS, PERSONAL_COLUMNS, hideInMessageSql, maskSql, rawMaskKind, type MaskKind } from './masking.ts';
import { PERSON_REFS, PERSON_REFS_TABLES } from './pseudonym.ts';

/** The catalog name under which the warehouse is attached inside the sandbox. */
export const WH = 'wh';

export interface ViewOptions {
  unmask: boolean;
  /** Root org code of the subtree, or null for the whole federation. */
  orgScope: string | null;
}

/** A warehouse table as the sandbox plans its view: columns, their DuckDB types, and (raw files) the family. */
export interface TableInfo {
  columns: string[];
  types: string[];
  family: string | null;
  /** The pseudonym tables: read by the masked views, never given a view of their own when masked. */
  internal?: boolean;
}

const q = (s: string): string => `'${s.replace(/'/g, "''")}'`;
const ident = (s: string): string => `"${s.replace(/"/g, '""')}"`;

/** raw_file_<id>: one table per ingested file, all text, with the file's own headers. */
export const RAW_FILE = /^raw_file_\d+$/;

/** Tables of reference data and figures: nothing about a person, shown as they are. */
const PLAIN_TABLES = new Set(['org_closure', 'ingest_batch', 'indicator_values', 'indicator_cells', 'indicator_orgs', 'indicator_keys', 'indicator_years']);

/**
 * The warehouse's tables and columns (read before the sandbox locks itself). The pseudonym tables
 * (clear person key → pseudonym) are marked internal: a masked session gets no view of them.
 */
export async function readTables(db: Db): Promise<Map<string, TableInfo>> {
  const cols = await db.all<{ t: string; c: string; ty: string }>(
    `select table_name as t, column_name as c, data_type as ty from duckdb_columns()
      where database_name = '${WH}' and schema_name = 'main' order by table_name, column_index`,
  );
  const tables = new Map<string, TableInfo>();
  for (const { t, c, ty } of cols) {
    const info = tables.get(t) ?? { columns: [], types: [], family: null, internal: PERSON_REFS_TABLES.includes(t) };
    info.columns.push(c);
    info.types.push(ty);
    tables.set(t, info);
  }
  if (tables.has('ingest_file')) {
    for (const r of await db.all<{ t: string; f: string | null }>(`select raw_table t, family f from ${WH}.main.ingest_file where raw_table is not null`)) {
      const info = tables.get(r.t);
      if (info) info.family = r.f;
    }
  }
  return tables;
}

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

/** The mask of every column of a table (undefined = shown as stored). */
function columnMasks(table: string, info: TableInfo): (MaskKind | 'typed_birth' | undefined)[] {
  if (RAW_FILE.test(table)) return info.columns.map((c) => (c === '_row_no' ? undefined : rawMaskKind(c, info.family)));
  const base = table.replace(/_history$/, '');
  const fam = FAMILY_MASKS[base];
  if (fam) {
    // Typed birth dates stay dates (the year's first day), so date arithmetic still works.
    return info.columns.map((c, i) => (fam[c] === 'birth' && info.types[i] === 'DATE' ? 'typed_birth' : fam[c]));
  }
  if (table === 'ingest_file') {
    // sha256 of a small CSV is an oracle (all of it is known but the hidden digits): hidden.
    return info.columns.map((c) => (c === 'sha256' ? 'hidden' : ['path', 'file_name', 'refused'].includes(c) ? 'text' : undefined));
  }
  if (table === 'quarantine' || PLAIN_TABLES.has(table)) return info.columns.map(() => undefined);
  // Any other table (one added later, not yet described here): its text scanned, to be safe.
  return info.columns.map((_, i) => (info.types[i] === 'VARCHAR' ? 'text' : undefined));
}

/** The quarantine's value and messages: masked by the column each row names (family and column). */
function quarantineReplace(columns: string[]): string[] {
  const out: string[] = [];
  const kinds: [string | null, string, MaskKind][] = [];
  for (const [fam, cols] of Object.entries(FAMILY_MASKS)) for (const [c, k] of Object.entries(cols)) kinds.push([fam, c, k]);
  // rows of a family this build does not know: by the column name alone
  for (const [c, k] of Object.entries(PERSONAL_COLUMNS)) kinds.push([null, c, k]);
  const cond = (fam: string | null, c: string) => `${fam ? `family = ${q(fam)} and ` : ''}column_name = ${q(c)}`;
  const asMask = (k: MaskKind): Exclude<MaskKind, 'key'> => (k === 'key' ? 'hidden' : k);
  const masked = `case ${kinds.map(([f, c, k]) => `when ${cond(f, c)} then ${maskSql(asMask(k), 'value')}`).join(' ')}
    when column_name is null then ua_mask_row(value) else ua_mask_text(value) end`;
  const personalKinds = new Set<MaskKind>(['id', 'phone', 'name', 'birth', 'key']);
  const personal = `(${kinds.filter(([, , k]) => personalKinds.has(k)).map(([f, c]) => `(${cond(f, c)})`).join(' or ') || 'false'})`;
  if (columns.includes('value')) out.push(`${masked} as value`);
  // The messages may quote the value (older ones: what the ID says): the value swapped for its masked
  // form, then what a personal cell's message may still hold blanked.
  for (const m of ['message_zh', 'message_en']) {
    if (!columns.includes(m)) continue;
    const swapped = `case when coalesce(value, '') = '' then ${m} else replace(${m}, value, coalesce(${masked}, '')) end`;
    out.push(`${hideInMessageSql(swapped, `(${personal} or column_name is null)`)} as ${m}`);
  }
  return out;
}

function maskedSelect(table: string, info: TableInfo, tables: Map<string, TableInfo>, unmask: boolean): string {
  if (unmask) return `select * from ${WH}.main.${ident(table)}`;
  const replace: string[] = [];
  let join = '';
  const masks = columnMasks(table, info);
  info.columns.forEach((c, i) => {
    const kind = masks[i];
    const col = `t.${ident(c)}`;
    if (!kind) return;
    if (kind === 'typed_birth') replace.push(`date_trunc('year', ${col})::date as ${ident(c)}`);
    else if (kind === 'key') {
      // The pseudonym computed at ingest with a key the sandbox never sees (pseudonym.ts); member
      // numbers (M:…) are not personal.
      const refs = tables.has(PERSON_REFS);
      if (refs) join = `left join ${WH}.main.${PERSON_REFS} as r on r.person_key = ${col}`;
      // Without them, a refusal that says why (never a silent null: distinct counts would be wrong).
      const ref = refs ? 'r.ref' : `error(${q('这个数据仓库还没有人员标识的化名：请先运行一次导入 (npm run ingest) / this warehouse has no person pseudonyms yet: run an ingest first')})`;
      replace.push(`case when starts_with(${col}, 'M:') then ${col} else ${ref} end as ${ident(c)}`);
    } else if (kind === 'hidden') replace.push(`${maskSql('hidden', `${col}::varchar`)} as ${ident(c)}`);
    else {
      const expr = maskSql(kind, `${col}::varchar`);
      // keep the column's type where it is not text (a list, JSON …): masked through its text form
      replace.push(info.types[i] === 'VARCHAR' ? `${expr} as ${ident(c)}` : `try_cast(${expr} as ${info.types[i]}) as ${ident(c)}`);
    }
  });
  if (table === 'quarantine') replace.push(...quarantineReplace(info.columns));
  const rep = replace.length ? ` replace (${replace.join(', ')})` : '';
  return `select t.*${rep} from ${WH}.main.${ident(table)} as t ${join}`.trimEnd();
}

export interface ViewPlan {
  table: string;
  sql: string;
  /** True when the account's scope hides every row of this table (no way to tell their org). */
  hidden: boolean;
}

/** The CREATE VIEW statements for the given warehouse tables. */
export function planViews(todo: Map<string, TableInfo>, opts: ViewOptions, all: Map<string, TableInfo> = todo): ViewPlan[] {
  const S = opts.orgScope ? `(select descendant from ${WH}.main.org_closure where ancestor = ${q(opts.orgScope)})` : '';
  const plans: ViewPlan[] = [];
  for (const [table, info] of todo) {
    if (info.internal && !opts.unmask) continue;
    let body = maskedSelect(table, info, all, opts.unmask);
    let hidden = false;
    if (opts.orgScope) {
      const rule = scopeRule(table, new Set(info.columns), S);
      hidden = rule === null;
      body = `select * from (${body}) where ${rule ?? 'false'}`;
    }
    plans.push({ table, hidden, sql: `create view main.${ident(table)} as ${body};` });
  }
  return plans;
}
