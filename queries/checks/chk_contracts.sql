-- Rules of the collective-contract register (集体合同). Reads stg.
-- a single-unit contract names its unit ...
select _row_no, 'unit_code', null, 'required', null
from stg
where scope = 'single'
  and unit_code__t is null
union all
-- ... a regional or industry one lists its units in contract_units instead
select _row_no, 'unit_code', unit_code__t, 'out_of_range',
  '区域/行业合同不填签约单位，其覆盖单位请登记在“合同覆盖单位”表中|a regional or industry contract lists its units in contract_units, not here'
from stg
where scope in ('regional', 'industry')
  and unit_code__t is not null
union all
select _row_no, 'expires_on', expires_on__t, 'date_order', '签订日期 ' || signed_on || '|the signing date ' || signed_on
from stg
where expires_on < signed_on
union all
select _row_no, 'filed_on', filed_on__t, 'date_order', '签订日期 ' || signed_on || '|the signing date ' || signed_on
from stg
where filed_on < signed_on
