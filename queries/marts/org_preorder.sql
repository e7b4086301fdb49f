-- definition: the org closure in preorder numbers (indicator_orgs.preorder_no: a subtree is one
--   contiguous run). Built once per mart rebuild; relief.sql and training.sql count distinct people
--   per subtree with it (see the weights there).
-- unit: preorder number (integer)
-- grain: one row per ancestor per descendant
-- source: org_closure, indicator_orgs
with

final as (
    select a.org_code as ancestor_code, a.preorder_no as ancestor, d.preorder_no as descendant
    from org_closure as c
    join indicator_orgs as d on d.org_code = c.descendant
    join indicator_orgs as a on a.org_code = c.ancestor
)

select * from final
order by descendant, ancestor  -- the asof joins probe it by descendant, then ancestor
