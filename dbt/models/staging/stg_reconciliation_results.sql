-- One row per reconciliation the pipeline checked.
select
    cast(check_name as varchar)         as check_name,
    cast(report_id as varchar)          as report_id,
    cast(association_id as varchar)     as association_id,
    cast(period_end as date)            as period_end,
    cast(subject as varchar)            as subject,
    cast(expected as decimal(18, 2))    as expected,
    cast(actual as decimal(18, 2))      as actual,
    cast(difference as decimal(18, 2))  as difference,
    cast(tolerance as decimal(18, 2))   as tolerance,
    cast(status as varchar)             as status,
    cast(detail as varchar)             as detail,
    cast(checked_at as timestamp)       as checked_at,
    cast(repairs as varchar)            as repairs
from {{ source('reconciliation', 'check_results') }}
