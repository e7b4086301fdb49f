-- definition: the org closure in the mart's two numberings (indicator_orgs.sql): descendant_code
--   and ancestor_no (level order) roll each org's own figures up to every ancestor in the family
--   queries; ancestor and descendant (preorder, a subtree is one contiguous run) let relief.sql and
--   training.sql count distinct people per subtree (see the weights there). Built once per rebuild.
-- unit: org numbers (integer)
-- grain: one row per ancestor per descendant
-- source: org_closure, indicator_orgs
with

final as (
    select
        c.descendant as descendant_code,
        a.preorder_no as ancestor,
        d.preorder_no as descendant,
        a.org_no as ancestor_no
    from org_closure as c
    join indicator_orgs as d on d.org_code = c.descendant
    join indicator_orgs as a on a.org_code = c.ancestor
)

select * from final
order by descendant, ancestor  -- the asof joins probe it by descendant, then ancestor
