-- definition: every (ancestor, descendant) pair of the org tree, (org, org) at depth 0 included
-- grain: one row per ancestor per descendant
-- source: orgs (current versions)
-- Rebuilt after every ingest so that subtree roll-ups are plain joins. The depth guard stops a
-- parent cycle (which the org checks make unlikely) from recursing forever.
create or replace table org_closure as
with recursive walk (ancestor, descendant, depth) as (
  select org_code, org_code, 0
  from orgs
  union all
  select o.parent_code, w.descendant, w.depth + 1
  from walk w
  join orgs o on o.org_code = w.ancestor
  where o.parent_code is not null
    and w.depth < 32
)
select distinct ancestor, descendant, depth
from walk
