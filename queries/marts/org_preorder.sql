-- definition: the org tree numbered in preorder (a subtree is one contiguous run of numbers), with
--   the closure in those numbers. Built once per mart rebuild; relief.sql and training.sql count
--   distinct people per subtree with it (see the weights there).
-- unit: preorder number (integer)
-- grain: one row per ancestor per descendant (pre_closure); org_pre holds one row per org
-- source: org_closure
with

org_paths as (
    select descendant as org_code, list(ancestor order by depth desc) as path  -- root first
    from org_closure
    group by descendant
),

-- a path sorts right after its parent's path and before its next sibling's: preorder
org_pre as (
    select org_code, (row_number() over (order by path))::integer as pre from org_paths
),

final as (
    select c.ancestor as ancestor_code, a.pre as ancestor, d.pre as descendant
    from org_closure as c
    join org_pre as d on d.org_code = c.descendant
    join org_pre as a on a.org_code = c.ancestor
)

select * from final
order by descendant, ancestor  -- the asof joins probe it by descendant, then ancestor
