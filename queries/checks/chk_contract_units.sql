-- Rules of the units covered by regional and industry contracts (合同覆盖单位). Reads stg and contracts
-- (which already holds this run's contracts).
select _row_no, 'contract_no', contract_no, 'unknown_contract', null
from stg
where contract_no is not null
  -- only the stored values this file names: a NOT IN over the whole table built a hash table of it
  and contract_no not in (select contract_no from contracts where contract_no in (select contract_no from stg))
union all
select _row_no, 'contract_no', contract_no, 'out_of_range',
  '该合同为单独签订，只覆盖其签约单位，不需登记覆盖单位|a single-unit contract covers its own unit only'
from stg
where contract_no in (select contract_no from contracts where scope = 'single')
