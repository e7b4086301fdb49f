-- Rules of the orgs register beyond single cells. Reads stg (this file) and orgs (stored).
-- Output: _row_no, column_name, value, reason, detail ('中文|English').
with known as (
  select org_code from orgs
  union
  select org_code from stg where org_code is not null
),
stored_root as (
  select org_code from orgs where parent_code is null
)
-- the parent must be an org of this file or one already stored
select _row_no, 'parent_code', parent_code, 'unknown_org', null
from stg
where parent_code is not null
  and parent_code not in (select org_code from known)
union all
-- an org cannot be its own parent
select _row_no, 'parent_code', parent_code, 'out_of_range', '上级组织不能是其本身|an org cannot be its own parent'
from stg
where parent_code = org_code
union all
-- one root only: the federation already stored
select _row_no, 'parent_code', org_code, 'root_conflict', (select string_agg(org_code, ',') from stored_root)
from stg
where parent_code__t is null
  and org_code is not null
  and exists (select 1 from stored_root)
  and org_code not in (select org_code from stored_root)
union all
select _row_no, 'dissolved_on', dissolved_on__t, 'date_order', '成立日期|the founding date'
from stg
where dissolved_on < founded_on
