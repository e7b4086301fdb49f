// Who may write which rows, checked per row inside the ingest (after the family checks, before
// apply), so out-of-scope rows are quarantined with a reason and the rest of the file loads.
//
// 1. Scope (accounts limited to an org subtree): every org, unit, activity and contract a row refers
//    to must be inside the subtree, and a natural key already stored outside it cannot be superseded
//    from inside (an aid voucher of another street keeps its amount whoever reuses its number). An org
//    row may only be created or moved inside the subtree; the subtree's own root stays where it is.
// 2. The org tree stays a tree whatever is uploaded, by anyone: no cycle, one root, every parent
//    exists. Checked on the tree as it would be after this file (stored orgs with this file's rows
//    over them), repeated until no more rows fall out (a quarantined parent detaches its children).
//
// The scope is the temp table `ua_scope(code)`, rebuilt from the current `orgs` for every file, so
// orgs created earlier in the same upload count as inside it.
import type { Db } from '../db/duckdb.ts';
import type { Family, FamilyName } from './families.ts';

type Via = 'org' | 'unit' | 'activity' | 'contract';

/**
 * What places a row inside a subtree: the first reference owns the row (a stored row is outside when
 * it is); every reference given must be inside for a new row. Families not listed: their org_code.
 * References that name nothing registered are left to the family checks (unknown_org …).
 */
export const SCOPE_REFS: Partial<Record<FamilyName, [column: string, via: Via][]>> = {
  units: [['area_org_code', 'org'], ['union_org_code', 'org']],
  headcounts: [['unit_code', 'unit']],
  democracy: [['unit_code', 'unit']],
  dues: [['unit_code', 'unit']],
  inspections: [['org_code', 'org'], ['unit_code', 'unit']],
  contract_units: [['contract_no', 'contract'], ['unit_code', 'unit']],
  enrollments: [['activity_no', 'activity']],
};

export function scopeRefs(f: Family): [string, Via][] {
  if (f.name === 'orgs') return [['org_code', 'org']];
  const listed = SCOPE_REFS[f.name];
  if (listed) return listed;
  if (f.columns.some((c) => c.name === 'org_code')) return [['org_code', 'org']];
  throw new Error(`internal: no scope rule for family ${f.name} (add it to SCOPE_REFS in write-scope.ts)`);
}

const IN_SCOPE: Record<Via, string> = {
  org: '(select code from ua_scope)',
  unit: '(select unit_code from units where area_org_code in (select code from ua_scope))',
  activity: '(select activity_no from activities where org_code in (select code from ua_scope))',
  contract: '(select contract_no from contracts where org_code in (select code from ua_scope))',
};
const REGISTERED: Record<Via, string> = {
  org: '(select org_code from orgs)',
  unit: '(select unit_code from units)',
  activity: '(select activity_no from activities)',
  contract: '(select contract_no from contracts)',
};

const lit = (s: string) => `'${s.replace(/'/g, "''")}'`;

/** Adds the scope and org-tree problems of the staged file (`stg`) to `problems`. */
export async function checkWrite(db: Db, f: Family, scope: string | null): Promise<void> {
  if (scope) await checkScope(db, f, scope);
  if (f.name === 'orgs') await checkOrgTree(db);
}

async function checkScope(db: Db, f: Family, scope: string): Promise<void> {
  await db.run(
    `create or replace temp table ua_scope as
     with recursive sub(code) as (
       select $root
       union
       select o.org_code from orgs o join sub on o.parent_code = sub.code
     )
     select code from sub`,
    { root: scope },
  );
  const detail = lit(`${scope}|${scope}`);
  const refs = scopeRefs(f);
  const keyValue = `concat_ws(' / ', ${f.key.map((k) => `g.${k}`).join(', ')})`;
  const keyCol = f.key.length === 1 ? lit(f.key[0]!) : 'null';
  const [owner, ownerVia] = refs[0]!;
  // A key stored outside the subtree cannot be superseded from inside it.
  const parts = [
    `select g._row_no, ${keyCol}, ${keyValue}, 'key_outside_scope', null
     from stg g join ${f.name} t using (${f.key.join(', ')})
     where t.${owner} is null or t.${owner} not in ${IN_SCOPE[ownerVia]}`,
  ];
  if (f.name === 'orgs') {
    // New orgs may hang under orgs of this file that are themselves inside the subtree.
    await db.run(`create or replace temp table ua_scope_new as
      with recursive s(code) as (
        select code from ua_scope
        union
        select g.org_code from stg g join s on g.parent_code = s.code
        where g.org_code not in (select org_code from orgs)
      )
      select code from s`);
    parts.push(
      // the subtree's own root keeps its parent (moving it would move the whole subtree)
      `select g._row_no, 'parent_code', g.parent_code, 'out_of_scope', ${detail}
       from stg g join orgs t using (org_code)
       where g.org_code = $root and g.parent_code is distinct from t.parent_code`,
      `select _row_no, 'parent_code', coalesce(parent_code, ''), 'out_of_scope', ${detail}
       from stg
       where org_code is not null and org_code <> $root
         and (parent_code is null or parent_code not in (select code from ua_scope_new))`,
    );
  } else {
    for (const [col, via] of refs) {
      parts.push(
        `select _row_no, ${lit(col)}, ${col}, 'out_of_scope', ${detail}
         from stg
         where ${col} is not null and ${col} in ${REGISTERED[via]} and ${col} not in ${IN_SCOPE[via]}`,
      );
    }
  }
  await db.run(`insert into problems ${parts.join('\nunion all\n')}`, f.name === 'orgs' ? { root: scope } : undefined);
}

/**
 * The tree after this file: stored orgs, with this file's candidate rows (passed every check so far,
 * one content per code) over them. Each candidate walks up its parents: reaching itself is a cycle,
 * reaching no root means a parent is missing (or quarantined, or a cycle above). Quarantining rows
 * changes the tree, so it repeats until nothing more falls out.
 */
async function checkOrgTree(db: Db): Promise<void> {
  for (let round = 0; round < 50; round++) {
    await db.run(`create or replace temp table ua_cand as
      select org_code, any_value(parent_code) as parent_code
      from stg anti join problems using (_row_no)
      where org_code is not null
      group by org_code
      having count(distinct _hash) = 1`);
    await db.run(`create or replace temp table ua_tree as
      select org_code, parent_code from orgs where org_code not in (select org_code from ua_cand)
      union all
      select org_code, parent_code from ua_cand`);
    const before = Number(await db.value('select count(*) from problems'));
    await db.run(`insert into problems
      with recursive walk(start, cur, depth, path) as (
        select org_code, parent_code, 1, org_code || ' → ' || parent_code from ua_cand where parent_code is not null
        union all
        select w.start, t.parent_code, w.depth + 1, w.path || ' → ' || t.parent_code
        from walk w join ua_tree t on t.org_code = w.cur
        where w.cur <> w.start and t.parent_code is not null
          and w.depth <= (select count(*) from ua_tree)
      ),
      roots as (select org_code from ua_tree where parent_code is null),
      verdict as (
        select start,
          bool_or(cur = start) as cycle,
          bool_or(cur in (select org_code from roots)) as rooted,
          arg_min(path, case when cur = start then depth end) as loop_path
        from walk group by start
      )
      select g._row_no, 'parent_code', g.org_code,
        case when v.cycle then 'org_cycle' else 'org_detached' end,
        case when v.cycle then v.loop_path || '|' || v.loop_path else g.parent_code || '|' || g.parent_code end
      from stg g join verdict v on v.start = g.org_code
      where (v.cycle or not v.rooted)
        and g._row_no not in (select _row_no from problems)
      union all
      -- one root: when there are several (only possible before any is stored; chk_orgs.sql refuses a
      -- second one after), every root row of this file is quarantined: we cannot tell which is right
      select g._row_no, 'parent_code', g.org_code, 'multiple_roots', r.list || '|' || r.list
      from stg g
      join ua_cand c on c.org_code = g.org_code and c.parent_code is null
      cross join (select string_agg(org_code, ', ' order by org_code) as list, count(*) as n from roots) r
      where r.n > 1 and g.parent_code is null
        and g._row_no not in (select _row_no from problems)`);
    if (Number(await db.value('select count(*) from problems')) === before) return;
  }
}
