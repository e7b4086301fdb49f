-- definition: every org with the two numbers the mart keys it by. org_no numbers the tree level by
--   level, siblings side by side (an org's children are one run of numbers: a page that compares
--   them reads one stretch of the mart); preorder_no numbers it depth first (an org's whole subtree
--   is one run: relief.sql and training.sql count distinct people with it). The mart stores org numbers, not
--   codes: sorting and writing 15M rows keyed by an integer costs a fraction of keying them by a string.
-- unit: numbers (integer, 1 = the first root)
-- grain: one row per org
-- source: org_closure
with recursive

parents as (
    select descendant as org_code, ancestor as parent_code
    from org_closure
    where depth = 1
),

-- each org's path, root first, as one string: its ancestors' codes joined by chr(1), which sorts
-- below every character of a code, so the strings sort as the lists of codes would (a list grouped
-- per org in depth order cost ~1 s of the rebuild at scale 250, on one thread; this walks the tree
-- down from the roots, one step per level). A code holding chr(1) could sort apart from its own
-- subtree: refused, never misnumbered.
org_paths (org_code, level, path) as (
    select descendant, 1, descendant
    from org_closure
    where depth = 0
      and descendant not in (select org_code from parents)  -- the roots
    union all
    select
        p.org_code,
        o.level + 1,
        o.path || chr(1) || case
            when contains(p.org_code, chr(1)) then error('indicator_orgs: an org code holds the character chr(1): ' || p.org_code)
            else p.org_code
        end
    from org_paths as o
    join parents as p on p.parent_code = o.org_code
),

-- a path sorts right after its parent's path and before its next sibling's: preorder. By level
-- first, paths of one level sort by their parent's path first: siblings together, level by level.
final as (
    select
        (row_number() over (order by level, path))::integer as org_no,
        org_code,
        (row_number() over (order by path))::integer as preorder_no
    from org_paths
)

select * from final
order by org_no
