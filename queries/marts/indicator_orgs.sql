-- definition: every org with the two numbers the mart keys it by. org_no numbers the tree level by
--   level, siblings side by side (an org's children are one run of numbers: a page that compares
--   them reads one stretch of the mart); preorder_no numbers it depth first (an org's whole subtree
--   is one run: relief.sql and training.sql count distinct people with it). The mart stores org numbers, not
--   codes: sorting and writing 15M rows keyed by an integer costs a fraction of keying them by a string.
-- unit: numbers (integer, 1 = the first root)
-- grain: one row per org
-- source: org_closure
with

org_paths as (
    select descendant as org_code, list(ancestor order by depth desc) as path  -- root first
    from org_closure
    group by descendant
),

-- a path sorts right after its parent's path and before its next sibling's: preorder. By length
-- first, paths of one depth sort by their parent's path first: siblings together, level by level.
final as (
    select
        (row_number() over (order by len(path), path))::integer as org_no,
        org_code,
        (row_number() over (order by path))::integer as preorder_no
    from org_paths
)

select * from final
order by org_no
