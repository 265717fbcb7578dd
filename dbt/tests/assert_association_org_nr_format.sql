-- An organisation number, where known, is written NNNNNN-NNNN.
-- Returns the associations whose org_nr is malformed.
select association_id, org_nr
from {{ ref('dim_association') }}
where org_nr is not null
  and not regexp_full_match(org_nr, '[0-9]{6}-[0-9]{4}')
