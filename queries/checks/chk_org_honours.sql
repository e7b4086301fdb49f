-- Rules of the workers' home register (职工之家). Reads stg.
select _row_no, 'revoked_on', revoked_on__t, 'date_order', '命名日期 ' || awarded_on || '|the award date ' || awarded_on
from stg
where revoked_on < awarded_on
