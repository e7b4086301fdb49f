-- definition: every org numbered in preorder of the org tree: a subtree is one contiguous run of
--   numbers (the org, then its descendants). The mart stores org numbers, not codes: sorting and
--   writing 15M rows keyed by an integer costs a fraction of keying them by a string.
-- unit: org number (integer, 1 = the first root)
-- grain: one row per org
-- source: org_closure
with

org_paths as (
    select descendant as org_code, list(ancestor order by depth desc) as path  -- root first
    from org_closure
    group by descendant
),

-- a path sorts right after its parent's path and before its next sibling's: preorder
final as (
    select (row_number() over (order by path))::integer as org_no, org_code
    from org_paths
)

select * from final
order by org_no
