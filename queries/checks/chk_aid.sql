-- Rules of the aid-payment register. Reads stg (persons resolved), orgs and hardship_files.
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
select _row_no, 'file_no', file_no, 'unknown_file', null
from stg
where file_no is not null
  and file_no not in (select file_no from hardship_files)
