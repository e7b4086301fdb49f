// The mart after an ingest batch: only the cells the batch can have changed are recomputed. Which
// family queries: those whose `-- source:` header names a table the batch changed (with every other
// family that emits keys of the same dictionary family, since cells are replaced by key). Which
// cells: the years from the earliest year a changed row counts in (stocks carry it to every later
// year), for the orgs its rows belong to and all their ancestors (REACH, mart-reach.ts). The family queries
// are the full rebuild's, unchanged: they read the years from _mart_years and roll up only to the
// orgs in _org_rollup, so a subtree is still summed over all its descendants. A change to the org
// tree, the reporting years or the dictionary rebuilds the whole mart (they renumber it).
// queries/marts/README.md has the contract a new family follows.
import type { Db } from '../db/duckdb.ts';
import { MART_FAMILY_FILES, body, computeParts, dropTemps, rebuildMart } from './mart.ts';
import { upgradeInPlace } from './mart-upgrade.ts';
import { expectedKeySignatures, keySignature } from './mart-keys.ts';
import { sql } from '../db/duckdb.ts';
import { FAMILY_ORDER } from '../ingest/families.ts';
import { applyDiff, cellScope, replaceCells } from './mart-cells.ts';
import { deltaParts, takesDelta, type DeltaSpec } from './mart-delta.ts';
import { REACH } from './mart-reach.ts';

export interface MartUpdate {
  mode: 'full' | 'incremental' | 'none';
  /**
   * Incremental: cells recomputed over the scope, changed by the difference the batch made
   * (mart-delta.ts), or some families each way (`byDifference` names those taken by difference).
   */
  how?: 'recompute' | 'delta' | 'mixed';
  byDifference?: string[];
  /** Why the whole mart was rebuilt. */
  reason?: string;
  /** An earlier version's mart brought to today's layout first (mart-upgrade.ts). */
  upgraded?: { parts: number; cells: number };
  families: string[];
  years: number[];
  orgs: number;
  cells: number;
  ms: number;
}

/** The tables a family file reads, from its `-- source:` header. */
export function sourcesOf(text: string): Set<string> {
  const header = text.split('\n').filter((l) => l.startsWith('--')).join('\n');
  const m = /--\s*source:([\s\S]*?)(?:\n--\s*[a-z]+:|$)/.exec(header);
  return new Set((m?.[1] ?? '').match(/[a-z_][a-z0-9_]*/g) ?? []);
}

/** The code prefixes a family file emits ('relief.amount' → relief), among those the dictionary has. */
function codeFamilies(text: string, known: Set<string>): Set<string> {
  return new Set([...text.matchAll(/'([a-z_]+)\.[a-z_]/g)].map((m) => m[1]!).filter((f) => known.has(f)));
}

/**
 * The clean tables batch `batch` changed. Only the families its files loaded can have been
 * (ingest_file.family, as the spare's replay reads them: a file loads one family, and a new version
 * supersedes only its own family's rows); asking every family's table and history cost two scans of
 * metadata per family, and duckdb_columns() lists every column of every table (0.17 s at scale 250).
 */
async function changedTables(db: Db, batch: number): Promise<string[]> {
  // every family has its table and history (ingest/ddl.ts, made before every write's work); a join
  // with duckdb_tables() to be sure listed every raw table too (14 ms at scale 250)
  const families = (await db.all<{ t: string }>(
    'select distinct family as t from ingest_file where batch_id = $b and family is not null order by t',
    { b: batch },
  )).filter(({ t }) => (FAMILY_ORDER as readonly string[]).includes(t));
  if (!families.length) return [];
  const rows = await db.all<{ t: string }>(
    families
      .map(({ t }) => `select '${t}' as t where exists (select 1 from ${t} where _batch_id = $b)
        or exists (select 1 from ${t}_history where _superseded_by_batch = $b)`)
      .join(' union all '),
    { b: batch },
  );
  return rows.map((r) => r.t);
}

const changedRows = (t: string, batch: number) =>
  `(select * exclude (_superseded_by_batch) from ${t}_history where _superseded_by_batch = ${batch}
    union all by name
    select * from ${t} where _batch_id = ${batch})`;

/** The mart tables there are, and the stored dictionary's codes (null without indicator_keys): one look. */
async function martState(db: Db): Promise<{ tables: Set<string>; codes: string[] | null }> {
  const tables = new Set((await db.all<{ t: string }>(
    `select table_name as t from duckdb_tables() where database_name = current_database() and schema_name = 'main'
     and table_name in ('indicator_cells', 'indicator_orgs', 'org_numbers', 'reportable_years', 'indicator_keys')`,
  )).map((r) => r.t));
  const codes = tables.has('indicator_keys')
    ? (await db.all<{ code: string; part_of?: number; part?: string }>('select * from indicator_keys order by key_no')).map(keySignature)  // * : a mart from before part_of has no such column
    : null;
  return { tables, codes };
}

async function fullReason(db: Db, changed: string[], batch: number, { tables, codes }: Awaited<ReturnType<typeof martState>>): Promise<string | null> {
  if (!tables.has('indicator_cells') || !tables.has('indicator_orgs')) return 'no mart yet';
  if (!tables.has('org_numbers')) return 'the mart predates its stored closure (org_numbers)';
  if (changed.includes('orgs')) return 'the org tree changed';
  if ((codes ?? []).join('\u001f') !== expectedKeySignatures().join('\u001f')) return 'the dictionary (or which keys are stored) changed';
  if (!tables.has('reportable_years')) return 'no reportable years yet';
  if (!(await yearsMayChange(db, changed, batch))) return null;
  // indicator_years is derived from the stored reportable_years: compare that one with the data now
  const yearsDiffer = await db.value<boolean>(
    `with now_years as (${body('marts/reportable_years.sql')})
     select exists (select * from now_years except select * from reportable_years)
         or exists (select * from reportable_years except select * from now_years)`,
  );
  return yearsDiffer ? 'the reporting years changed' : null;
}

/**
 * Whether the batch can have moved the reporting years (reportable_years.sql: the first and last
 * year of the dated events, `annual` from the first year of the annual registers), judged from the
 * batch's own rows instead of a min/max over every register: new versions inside the stored span,
 * replaced versions inside it and off its first and last year unless a new version holds that year
 * (a removed row may have been the year's last),
 * and annual rows only where annual registers already had rows. When in doubt: true (the caller
 * then compares with the full computation).
 */
async function yearsMayChange(db: Db, changed: string[], batch: number): Promise<boolean> {
  const text = sql('marts/reportable_years.sql');
  const annualPart = text.slice(text.indexOf('annual_bounds as ('), text.indexOf('event_bounds as ('));
  // the dated columns, from the file itself: "min(paid_on) from aid", "make_date(min(year), 1, 1) from democracy"
  const dated = [...text.matchAll(/min\((\w+)\)(, 1, 1\))? from (\w+)/g)].map((m) => ({
    col: m[2] ? `make_date(${m[1]}, 1, 1)` : m[1]!, table: m[3]!, annual: annualPart.includes(`min(${m[1]}) from ${m[3]}`),
  }));
  const stored = await db.one<{ first: number | null; last: number | null; annual: number | null; n: number }>(
    'select min(year) as first, max(year) as last, min(year) filter (where annual) as annual, count(*) as n from reportable_years',
  );
  if (!stored?.n || stored.first === null || stored.last === null || stored.annual === null) return true;
  const mine = dated.filter((d) => changed.includes(d.table));
  if (!mine.length) return false;
  const span = await db.one<Record<string, number | null>>(
    `select ${['new', 'old'].flatMap((v) => ['all', 'annual'].flatMap((a) => [`min(${v}_${a}) as ${v}_${a}_min`, `max(${v}_${a}) as ${v}_${a}_max`])).join(', ')}
     from (${mine.map((d) => `select year(${d.col}) as new_all, ${d.annual ? `year(${d.col})` : 'null'} as new_annual, null as old_all, null as old_annual
              from ${d.table} where _batch_id = ${batch}
            union all select null, null, year(${d.col}), ${d.annual ? `year(${d.col})` : 'null'}
              from ${d.table}_history where _superseded_by_batch = ${batch}`).join(' union all ')})`,
  );
  const v = (k: string) => span?.[k] ?? null;
  const inside = (lo: number | null, hi: number | null, a: number, b: number) => lo === null || (lo >= a && hi! <= b);
  // a replaced version on the first (last) year may have been its only row, unless a new version is there too
  const kept = (kind: string, a: number, b: number) => {
    const [lo, hi, nlo, nhi] = [v(`old_${kind}_min`), v(`old_${kind}_max`), v(`new_${kind}_min`), v(`new_${kind}_max`)];
    return lo === null || ((lo > a || (nlo !== null && nlo <= a)) && (hi! < b || (nhi !== null && nhi >= b)));
  };
  if (!inside(v('new_all_min'), v('new_all_max'), stored.first, stored.last) || !kept('all', stored.first, stored.last)) return true;
  if (!inside(v('new_annual_min'), v('new_annual_max'), stored.annual, stored.last) || !kept('annual', stored.annual, stored.last)) return true;
  // annual rows where there were none before: `annual` then starts at their year, not the first event
  if (v('new_annual_min') !== null) {
    const before = await db.value<boolean>(
      dated.filter((d) => d.annual).map((d) => `exists (select 1 from ${d.table} where _batch_id <> ${batch})`).join(' or ').replace(/^/, 'select '),
    );
    if (!before) return true;
  }
  return false;
}

/**
 * Which of the families to run take the batch by difference (mart-delta.ts) and which are
 * recomputed, each on its own: by difference when the family declares `by` every changed table it
 * reads; recomputed otherwise, and so is every family sharing a dictionary family with a recomputed
 * one (a recompute replaces its keys' cells) or naming a table's entity or rows read along otherwise
 * than the families already by difference (they share the shadow tables). A family that reads no
 * changed table (run for its keys) is in neither: its difference is nothing, its cells stay.
 */
export function planFamilies(families: string[], texts: Map<string, string>, changed: string[], known: Set<string>) {
  const reads = (f: string) => changed.some((t) => sourcesOf(texts.get(f)!).has(t));
  const specs = new Map<string, DeltaSpec>();
  const recompute = new Set<string>();
  for (const f of families.filter(reads)) {
    const spec = takesDelta(texts.get(f)!, changed, sourcesOf(texts.get(f)!));
    if (spec) specs.set(f, spec);
    else recompute.add(f);
  }
  for (let grew = true; grew; ) {
    grew = false;
    const taken = new Set([...recompute].flatMap((f) => [...codeFamilies(texts.get(f)!, known)]));
    const by = new Map<string, string>();
    const along = new Map<string, string>();
    for (const f of families.filter((x) => !recompute.has(x))) {
      const spec = specs.get(f);
      const clash = spec && ([...spec.by].some(([t, c]) => (by.get(t) ?? c) !== c) ||
        spec.along.some((a) => (along.get(a.table) ?? JSON.stringify(a)) !== JSON.stringify(a)));
      if (clash || [...codeFamilies(texts.get(f)!, known)].some((p) => taken.has(p))) {
        recompute.add(f);
        grew = true;
        break;
      }
      for (const [t, c] of spec?.by ?? []) by.set(t, c);
      for (const a of spec?.along ?? []) along.set(a.table, JSON.stringify(a));
    }
  }
  return { recompute: families.filter((f) => recompute.has(f)), delta: families.filter((f) => specs.has(f) && !recompute.has(f)), specs };
}

/** Brings the mart up to date with ingest batch `batch`, recorded as write `writeId` in mart_change. */
export async function updateMart(db: Db, { writeId, batch }: { writeId: number; batch: number }): Promise<MartUpdate> {
  const t0 = performance.now();
  const changed = await changedTables(db, batch);
  if (!changed.length) return { mode: 'none', families: [], years: [], orgs: 0, cells: 0, ms: Math.round(performance.now() - t0) };
  // a mart stored by an earlier version (normally upgraded when the server starts): brought to
  // today's layout in place (mart-upgrade.ts), then updated
  const upgraded = (await upgradeInPlace(db, writeId)) ?? undefined;
  const done = (u: Omit<MartUpdate, 'ms'>): MartUpdate => ({ ...u, ...(upgraded && { upgraded }), ms: Math.round(performance.now() - t0) });
  const state = await martState(db);
  const reason = await fullReason(db, changed, batch, state);
  if (reason) {
    const r = await rebuildMart(db);
    await db.run('insert into mart_change values ($w, true, null, null, null)', { w: writeId });
    return done({ mode: 'full', reason, families: MART_FAMILY_FILES, years: [], orgs: 0, cells: r.rows });
  }

  // the families to run: those reading a changed table, and any sharing a dictionary family with them
  // a file's keys: those whose code starts with a prefix the file writes as a literal ('relief.…')
  const known = new Set((state.codes ?? []).map((c) => c.split('.')[0]!));
  const texts = new Map(MART_FAMILY_FILES.map((f) => [f, sql(f)]));
  const chosen = new Set(MART_FAMILY_FILES.filter((f) => changed.some((t) => sourcesOf(texts.get(f)!).has(t))));
  const prefixes = new Set<string>();
  for (let grew = true; grew; ) {
    grew = false;
    for (const f of chosen) for (const p of codeFamilies(texts.get(f)!, known)) prefixes.add(p);
    for (const f of MART_FAMILY_FILES) {
      if (!chosen.has(f) && [...codeFamilies(texts.get(f)!, known)].some((p) => prefixes.has(p))) {
        chosen.add(f);
        grew = true;
      }
    }
  }
  const families = MART_FAMILY_FILES.filter((f) => chosen.has(f));
  if (!families.length) return done({ mode: 'none', families: [], years: [], orgs: 0, cells: 0 });

  // the scope: (org, first year) of every changed row; unknown tables reach everything
  const reach = changed.map((t) =>
    REACH[t] ? `select org_code, from_year from (${REACH[t]!.replaceAll('{rows}', changedRows(t, batch))})` : 'select null::varchar, null::integer',
  );
  let tables: string[] = [];
  try {
    await db.run(`create or replace temp table _scope as select * from (${reach.join('\nunion all\n')}) as s (org_code, from_year)`);
    // "every year" / "every org" decided here, not as an OR inside the filter (an OR with a subquery
    // is not pushed into the scan: it read the whole closure twice)
    const every = (await db.one<{ years: boolean; orgs: boolean }>(
      'select count(*) filter (where from_year is null) > 0 as years, count(*) filter (where org_code is null) > 0 as orgs from _scope',
    ))!;
    // the years from the earliest the scope reaches; the orgs to recompute: the scope's orgs and
    // their ancestors, found by preorder number (the closure is stored sorted by it, so only their
    // blocks are read) (one statement: a round trip each cost 1-3 ms)
    await db.run(`create or replace temp table _mart_years as
        select * from indicator_years ${every.years ? '' : 'where year >= (select min(from_year) from _scope)'};
      create or replace temp view _org_numbers as select * from org_numbers;
      create or replace temp table _org_anc as select distinct ancestor_no from org_numbers
        ${every.orgs ? '' : 'where descendant in (select preorder_no from indicator_orgs where org_code in (select org_code from _scope))'};`);
    // _org_rollup: each of those orgs with every descendant (the root: every org); a delta narrows
    // the descendants to the changed rows' orgs (mart-delta.ts)
    // (their numbers as a literal list: a filter on the closure's scan, not a semi-join: 0.08 s less at scale 250)
    const anc = every.orgs ? '' : (await db.all<{ n: number }>('select ancestor_no as n from _org_anc')).map((r) => Number(r.n)).join(', ') || 'null';
    const rollup = `select * from org_numbers ${every.orgs ? '' : `where ancestor_no in (${anc})`}`;
    // by difference (mart-delta.ts) the families that can take the batch so, the others recomputed
    const plan = planFamilies(families, texts, changed, known);
    let cells = 0;
    if (plan.recompute.length) {
      // recomputed over the scope: their keys' cells in scope replaced
      await db.run(`create or replace temp table _org_rollup as ${rollup};
        create or replace temp table _mart_keys as select key_no from indicator_keys
          where split_part(code, '.', 1) in (${[...new Set(plan.recompute.flatMap((f) => [...codeFamilies(texts.get(f)!, known)]))].map((p) => `'${p}'`).join(', ') || 'null'});`);
      tables = await computeParts(db, plan.recompute.map(body), false);
      await replaceCells(db, writeId, await cellScope(db));
      cells += Number(await db.value('select count(*) from _mart_parts'));
    }
    if (plan.delta.length) {
      // by difference: the stored cells plus what the batch changed, only those it changed
      tables.push(...await deltaParts(db, plan.delta.map((f) => ({ query: body(f), spec: plan.specs.get(f)!, sources: sourcesOf(texts.get(f)!) })),
        changed, batch, rollup));
      cells += await applyDiff(db, writeId);
    }
    const s = await db.one<{ years: string; orgs: number }>(
      `select (select string_agg(year::varchar, ',' order by year) from _mart_years) as years,
        (select count(distinct ancestor_no) from _org_rollup) as orgs`,
    );
    return done({
      mode: 'incremental', how: !plan.delta.length ? 'recompute' : plan.recompute.length ? 'mixed' : 'delta', byDifference: plan.delta, families, years: String(s?.years ?? '').split(',').filter(Boolean).map(Number),
      orgs: Number(s?.orgs ?? 0), cells,
    });
  } finally {
    await dropTemps(db, [...tables, '_scope', '_mart_keys', '_org_anc']);
  }
}
