-- Rules of the units register. Reads stg.
-- a unionised unit needs the date its union was set up, or coverage at a date cannot be computed
select _row_no, 'unionised_on', null, 'required', null
from stg
where union_org_code is not null
  and unionised_on__t is null
union all
select _row_no, 'closed_on', closed_on__t, 'date_order', '注册日期|the registration date'
from stg
where closed_on < registered_on
