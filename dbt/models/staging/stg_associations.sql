-- The association registry (seed), one row per association.
select
    cast(association_id as varchar)  as association_id,
    cast(name as varchar)            as name,
    cast(short_name as varchar)      as short_name,
    cast(org_nr as varchar)          as org_nr,
    cast(county as varchar)          as county,
    cast(members as varchar)         as members
from {{ ref('associations') }}
