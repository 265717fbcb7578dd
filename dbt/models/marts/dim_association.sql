-- One row per association (from the association registry).
select
    association_id,
    name,
    org_nr,
    short_name,
    county,
    members
from {{ ref('stg_associations') }}
