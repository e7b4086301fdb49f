-- Rules of the funds-raised register (募集资金). Reads stg.
-- money or goods: a receipt for nothing is a mistake
select _row_no, 'amount', null, 'required', null
from stg
where amount__t is null
  and items__t is null
union all
select _row_no, 'donors', donors__t, 'out_of_range', '捐款人数至少为1|at least 1'
from stg
where donors < 1
union all
select _row_no, 'items', items__t, 'out_of_range', '捐物件数至少为1，没有捐物请留空|at least 1; leave it blank when no goods were given'
from stg
where items < 1
