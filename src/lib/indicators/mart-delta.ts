// The mart after a small batch, at the cost of the batch: for families whose every figure is a sum
// over entities (declared in the family file: `-- delta: aid by person_key, hardship_files by
// file_no`), the cells change by the family computed over the rows of the changed entities now,
// minus the same computed over those entities' rows before the batch. Recomputing instead reads
// every row of the years and orgs touched: the root of a province is every payment of the year.
// Distinct people stay exact: a person is an entity, and all of their rows are read. Rates and
// ratios are stored as numerator and denominator, both sums, so they follow.
//
// The family queries are the full rebuild's, unchanged: the tables they read are shadowed by temp
// tables of the same name (DuckDB resolves temp before main). The header says what each holds:
//   `T by c`        T may change by difference; its changed entities' rows (values of c), now and
//                   before; another `by` table the batch did not change: empty (its figures are
//                   sums of their own: zero difference);
//   `apart T, U`    T and U carry figures of their own that read nothing of the `by` tables (the
//                   units and unions beside coverage's members): empty; a batch that changes them
//                   recomputes the family;
//   `along T.c = U.d`  T's rows whose c is among the d of U's rows read (U a `by` table, both sides,
//                   or an earlier `along` one): a figure of a `by` entity also reads these rows
//                   (a cadre's courses), the same rows on both sides, so what they count alone cancels.
// Segments are separated by `;`; a parenthesised remark is ignored. Each family is decided on its own
// (src/lib/indicators/mart-update.ts): a batch that changes a table a family reads but does not
// declare `by` recomputes that family (and those sharing its keys), the others take the difference.
import type { Db } from '../db/duckdb.ts';
import { FAMILIES, type FamilyName } from '../ingest/families.ts';
import { computeParts } from './mart.ts';

export interface Along { table: string; column: string; from: string; fromColumn: string }
export interface DeltaSpec { by: Map<string, string>; apart: Set<string>; along: Along[] }

const WORD = '[a-z_][a-z0-9_]*';

/** A family file's `-- delta:` header, or null when it has none. */
export function deltaOf(text: string): DeltaSpec | null {
  // the header: the comment lines before the query (the query's own comments are not read)
  const lines = text.split('\n');
  const header = lines.slice(0, Math.max(0, lines.findIndex((l) => !l.startsWith('--')))).join('\n');
  const m = /--\s*delta:([\s\S]*?)(?:\n--\s*[a-z]+:|$)/.exec(header);
  if (!m) return null;
  let s = m[1]!.replace(/\n--/g, ' ');
  for (let t = ''; t !== s; ) [t, s] = [s, s.replace(/\([^()]*\)/g, ' ')];  // remarks, nested or not
  const spec: DeltaSpec = { by: new Map(), apart: new Set(), along: [] };
  for (const seg of s.split(';').map((x) => x.trim())) {
    if (/^apart\b/.test(seg)) {
      for (const w of seg.slice(5).match(new RegExp(WORD, 'g')) ?? []) spec.apart.add(w);
    } else if (/^along\b/.test(seg)) {
      for (const p of seg.matchAll(new RegExp(`(${WORD})\\.(${WORD})\\s*=\\s*(${WORD})\\.(${WORD})`, 'g'))) {
        spec.along.push({ table: p[1]!, column: p[2]!, from: p[3]!, fromColumn: p[4]! });
      }
    } else {
      for (const p of seg.matchAll(new RegExp(`(${WORD})\\s+by\\s+(${WORD})`, 'g'))) spec.by.set(p[1]!, p[2]!);
    }
  }
  return spec.by.size ? spec : null;
}

/**
 * Whether a family can take a batch that changed `changed` by difference: it declares `by` every
 * changed table it reads. (A family reading no changed table has nothing to take.)
 */
export function takesDelta(text: string, changed: string[], sources: Set<string>): DeltaSpec | null {
  const spec = deltaOf(text);
  if (!spec) return null;
  return changed.every((t) => !sources.has(t) || spec.by.has(t)) ? spec : null;
}

/** Whether `by` names the whole key of the clean table `t` (a changed entity's rows now are then the batch's own). */
const isKey = (t: string, by: string) => {
  const f = FAMILIES[t as FamilyName];
  return !!f && f.key.length === 1 && f.key[0] === by;
};

/**
 * Where the copy of the org tree that holds the before side starts (org_no, preorder numbers): far
 * past any real number (they count the orgs).
 */
const MIRROR = 1_000_000_000;
/** Appended to the before side's org codes and entity keys: no real code or key holds \u0001. */
const TAG = "chr(1) || 'before'";
const TAG_NULL = "chr(1) || 'before-null'";

/** Adds to `table` its copy in the mirrored tree: `texts` tagged, `numbers` moved past MIRROR. */
const mirror = (table: string, texts: string[], numbers: string[]) =>
  `insert into ${table} select * replace (${[...texts.map((c) => `${c} || ${TAG} as ${c}`), ...numbers.map((c) => `${c} + ${MIRROR} as ${c}`)].join(', ')})
   from ${table};`;

/** The columns and their types of each of `tables` (qualified names), in one statement. */
async function columnsOf(db: Db, tables: string[]): Promise<Map<string, Map<string, string>>> {
  const out = new Map<string, Map<string, string>>();
  if (!tables.length) return out;
  const rows = await db.all<{ t: string; name: string; type: string }>(tables
    .map((t) => `select '${t.replace(/'/g, "''")}' as t, name, type from pragma_table_info('${t.replace(/'/g, "''")}')`)
    .join(' union all '));
  for (const r of rows) {
    if (!out.has(r.t)) out.set(r.t, new Map());
    out.get(r.t)!.set(r.name, r.type);
  }
  return out;
}

/**
 * Whether a family's `-- source:` words name no stored table but its shadowed tables and the org
 * lookups (a family that joins, say, units by org would not find the mirrored orgs there).
 */
async function readsOnly(db: Db, sources: Set<string>, shadowed: string[]): Promise<boolean> {
  // the dictionary (indicator_keys) and the years hold no orgs
  const allowed = new Set([...shadowed, 'indicator_orgs', 'org_numbers', 'indicator_years', 'indicator_keys']);
  const words = [...sources].filter((w) => !allowed.has(w) && !w.startsWith('_'));
  if (!words.length) return true;
  return !(await db.value<boolean>(
    `select count(*) > 0 from duckdb_tables() where database_name = current_database() and schema_name = 'main'
     and table_name in (${words.map((w) => `'${w}'`).join(', ')})`,
  ));
}

/** A family taken by difference: its query (body), its `-- delta:` header and its `-- source:` words. */
export interface DeltaFamily { query: string; spec: DeltaSpec; sources: Set<string> }

/**
 * Fills the temp table _diff with what batch `batch` changed in the cells in scope (_org_rollup
 * ancestors × _mart_years, the families' keys): after − before of the changed entities, per cell,
 * only where it is not nothing. applyDiff then adds it to the stored cells. Returns the temp tables
 * to drop.
 */
export async function deltaParts(
  db: Db, families: DeltaFamily[], changed: string[], batch: number, rollup: string,
): Promise<string[]> {
  const cur = String(await db.value('select current_database()')).replace(/"/g, '""');
  const main = (t: string) => `"${cur}".main.${t}`;
  // one entity column and one `along` rule per table across the families (mart-update.ts plans so)
  const by = new Map(families.flatMap((f) => [...f.spec.by]));
  const along = new Map(families.flatMap((f) => f.spec.along.map((a) => [a.table, a] as const)));
  const mine = [...by.keys()].filter((t) => changed.includes(t));
  const shadows = [...new Set(families.flatMap((f) => [...f.spec.by.keys(), ...f.spec.apart, ...f.spec.along.map((a) => a.table)]))];
  // one statement for all (each one run costs a round trip, however small)
  const drop = () => shadows.map((t) => `drop table if exists temp.main.${t};`).join('\n');
  await db.run(`create or replace temp table _delta (org_no integer, year integer, key_no smallint,
    numerator decimal(18, 2), denominator decimal(18, 2))`);
  let parts: string[] = [];
  let shadowedOrgs = false;
  try {
    // the changed entities' rows now. An entity that is the table's key (members by member_no,
    // hardship_files by file_no) has one row, the batch's new version: no scan of the column (15M
    // member numbers at scale 250). Else a semi-join on the column (an OR with "or the entity is
    // null" in the same filter read every column of every row: 3.6 s for 10 people at 2M payments,
    // 0.3 s without); fetching by row id after a scan of the column alone was slower (0.5-0.8 s
    // against 0.3-0.5 s at 2M payments, a fresh process)
    for (const t of mine) {
      const c = by.get(t)!;
      if (isKey(t, c)) {
        await db.run(`create or replace temp table _rows_${t} as select * from ${main(t)} where _batch_id = ${batch}`);
        continue;
      }
      await db.run(`create or replace temp table _entities_${t} as
        select ${c} as e from ${main(t)} where _batch_id = ${batch}
        union select ${c} from ${main(`${t}_history`)} where _superseded_by_batch = ${batch}`);
      const nullEntity = Boolean(await db.value(`select count(*) > 0 from _entities_${t} where e is null`));
      await db.run(`create or replace temp table _rows_${t} as
        select * from ${main(t)} where ${c} in (select e from _entities_${t})` +
        (nullEntity ? ` union all select * from ${main(t)} where ${c} is null` : ''));
    }
    // the rows read along (both sides': the same rows), in the order declared
    const values = (t: string, c: string) => {
      if (mine.includes(t)) return `select ${c} from _rows_${t} union select ${c} from ${main(`${t}_history`)} where _superseded_by_batch = ${batch}`;
      return along.has(t) ? `select ${c} from _along_${t}` : `select ${c} from ${main(t)} limit 0`;
    };
    const built: string[] = [];
    for (const a of along.values()) {
      if (along.has(a.from) && !built.includes(a.from)) throw new Error(`internal: delta: ${a.table} is read along ${a.from}, declared after it`);
      await db.run(`create or replace temp table _along_${a.table} as
        select * from ${main(a.table)} where ${a.column} in (${values(a.from, a.fromColumn)})`);
      built.push(a.table);
    }
    // The org lookups a delta family makes are for its rows' own orgs only (relief: each row's
    // preorder number in indicator_orgs, the ancestors of its org in _org_numbers for the lowest
    // common ancestors): in a delta both hold only the orgs of the rows read, before and after
    // (the scans and asof joins over 85k orgs and their 400k closure rows cost more than the few
    // rows they served). A delta family must not read them for anything else.
    // each table's own columns, one look (duckdb_columns() lists every column of every table, raw
    // files included: 0.14 s at scale 250)
    const info = await columnsOf(db, [...mine, ...along.keys()].map(main));
    const hasOrg = (t: string) => info.get(main(t))?.has('org_code');
    if (mine.length && mine.every(hasOrg)) {
      await db.run(`create or replace temp table _delta_orgs as select * from ${main('indicator_orgs')} where org_code in (${[
        ...mine.map((t) => `select org_code from _rows_${t} union all select org_code from ${main(`${t}_history`)} where _superseded_by_batch = ${batch}`),
        ...[...along.keys()].filter(hasOrg).map((t) => `select org_code from _along_${t}`),
      ].join(' union all ')});
        create or replace temp table _delta_org_numbers as select * from org_numbers
          where descendant in (select preorder_no from _delta_orgs);
        create or replace temp view _org_numbers as select * from _delta_org_numbers;
        create or replace temp view indicator_orgs as select * from _delta_orgs;`);
      shadowedOrgs = true;
      // the roll-up of the orgs in scope (rollup: each with every descendant) needs only the
      // descendants a figure can sit at: the rows' orgs, their ancestors (relief's lowest common
      // ancestors) and the scope's own orgs (so the set of orgs recomputed stays the same). At the
      // root the whole one is every org: 88k rows written for 40 payments.
      await db.run(`create or replace temp table _org_rollup as select * from (${rollup}) where descendant in (
        select ancestor from _delta_org_numbers union select preorder_no from _delta_orgs
        union select preorder_no from ${main('indicator_orgs')} where org_code in (select org_code from _scope))`);
    } else {
      await db.run(`create or replace temp table _org_rollup as ${rollup}`);
    }
    // before the batch: its new versions out, the versions it replaced back
    const before = (t: string) => `select * from _rows_${t} where _batch_id <> ${batch}
      union all by name
      select * exclude (_superseded_by_batch) from ${main(`${t}_history`)} where _superseded_by_batch = ${batch}`;
    // a family's shadows: `side` gives a changed `by` table's rows
    const shadow = (f: DeltaFamily, side: (t: string) => string) => drop() + '\n' + shadows.map((t) => {
      if (f.spec.by.has(t) && changed.includes(t)) return `create temp table ${t} as ${side(t)};`;
      if (f.spec.by.has(t) || f.spec.apart.has(t)) return `create temp table ${t} as select * from ${main(t)} limit 0;`;
      if (f.spec.along.some((a) => a.table === t)) return `create temp table ${t} as select * from _along_${t};`;
      return '';
    }).join('\n');
    // One run for both sides when it can be (planning and running relief twice was most of a small
    // upload's mart step): the rows before the batch go in beside the rows after it, under a copy of
    // the org tree numbered from MIRROR on (their org codes and entity keys tagged, so no person or
    // org of one side meets the other's), and the cells of that copy count negatively. Each figure
    // is a sum over entities, and the copy is a tree of its own: its cells are exactly the before
    // side's, as if computed apart. Not for a family that reads rows along (their join columns
    // would need the tag too) or reads another stored table carrying orgs, nor when a changed table
    // has no text org code or entity key: two runs, after and before.
    const oneRun = new Map<DeltaFamily, boolean>();
    for (const f of families) {
      const its = mine.filter((t) => f.spec.by.has(t));
      oneRun.set(f, shadowedOrgs && !f.spec.along.length &&
        its.every((t) => [by.get(t)!, 'org_code'].every((c) => info.get(main(t))?.get(c) === 'VARCHAR')) &&
        (await readsOnly(db, f.sources, [...f.spec.by.keys(), ...f.spec.apart])));
    }
    for (const f of families.filter((x) => !oneRun.get(x))) {
      for (const [side, sign] of [['after', 1], ['before', -1]] as const) {
        await db.run(shadow(f, (t) => (side === 'after' ? `select * from _rows_${t}` : before(t))));
        parts = await computeParts(db, [f.query], false);
        await db.run(`insert into _delta select org_no, year, key_no, ${sign} * numerator, ${sign} * denominator from _mart_parts`);
      }
    }
    const mirrored = families.filter((x) => oneRun.get(x));
    if (mirrored.length) {
      await db.run(`${mirror('_delta_orgs', ['org_code'], ['org_no', 'preorder_no'])}
        ${mirror('_delta_org_numbers', ['descendant_code'], ['ancestor', 'descendant', 'ancestor_no'])}
        ${mirror('_org_rollup', ['descendant_code'], ['ancestor', 'descendant', 'ancestor_no'])}`);
      for (const f of mirrored) {
        await db.run(shadow(f, (t) => `select * from _rows_${t} union all by name
          select * replace (org_code || ${TAG} as org_code, coalesce(${by.get(t)} || ${TAG}, ${TAG_NULL}) as ${by.get(t)})
          from (${before(t)})`));
        parts = await computeParts(db, [f.query], false);
        await db.run(`insert into _delta select org_no % ${MIRROR}, year, key_no,
            case when org_no >= ${MIRROR} then -numerator else numerator end,
            case when org_no >= ${MIRROR} then -denominator else denominator end
          from _mart_parts`);
      }
      await db.run(`delete from _org_rollup where ancestor_no >= ${MIRROR};`);
    }
  } finally {
    // one statement for the clean-up (a round trip each cost ~1-3 ms in a small upload)
    await db.run((shadowedOrgs
      ? 'create or replace temp view _org_numbers as select * from org_numbers; drop view if exists temp.main.indicator_orgs;' +
        ' drop table if exists _delta_org_numbers; drop table if exists _delta_orgs;\n'
      : '') + drop() + mine.map((t) => `drop table if exists _entities_${t}; drop table if exists _rows_${t};`).join('\n') +
      [...along.keys()].map((t) => `drop table if exists _along_${t};`).join('\n'));
  }
  await db.run(`create or replace temp table _diff as select org_no, year, key_no, sum(numerator)::decimal(18, 2) as numerator,
      sum(denominator)::decimal(18, 2) as denominator from _delta group by all
    having coalesce(sum(numerator), 0) <> 0 or coalesce(sum(denominator), 0) <> 0`);
  return [...parts, '_delta', '_diff'];
}

/**
 * The tables a delta reads whole rows of by a scan of their entity column when `changed` changes
 * (the `by` tables of the families reading them whose entity is not the table's key: a key's rows
 * are the batch's own): a warm writer loads them after levelling (src/lib/db/warm.ts), so the next
 * upload of the same kind finds their blocks in memory (at scale 250 the first read of the changed
 * people's payments cost 0.7 s of CPU cold, 0.2 s warm).
 */
export function deltaReads(texts: string[], changed: string[], sourcesOf: (t: string) => Set<string>): string[] {
  const out = new Set<string>();
  for (const text of texts) {
    const d = deltaOf(text);
    if (d && changed.some((t) => sourcesOf(text).has(t) && d.by.has(t))) for (const [t, c] of d.by) if (!isKey(t, c)) out.add(t);
  }
  return [...out];
}
