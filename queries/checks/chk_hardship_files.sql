-- Rules of the hardship-file register. Reads stg (persons resolved) and orgs.
select _row_no, 'org_code', org_code, 'unknown_org', null
from stg
where org_code is not null
  and org_code not in (select org_code from orgs)
union all
select _row_no, null, null, 'missing_person', '会员编号、身份证号|member_no, id_number'
from stg
where member_no__t is null
  and id_number__t is null
union all
select _row_no, 'member_no', member_no__t, 'unknown_member', null
from stg
where member_no__t is not null
  and _member_id is null
union all
select _row_no, 'id_number', id_number__t, 'person_mismatch', member_no__t
from stg
where id_number__t is not null
  and _member_id is not null
  and _member_id <> id_number
union all
select _row_no, 'exit_on', exit_on__t, 'date_order', '建档日期 ' || registered_on || '|the registration date ' || registered_on
from stg
where exit_on < registered_on
union all
select _row_no, 'household_size', household_size__t, 'out_of_range', '家庭人口至少为1|at least 1'
from stg
where household_size < 1
