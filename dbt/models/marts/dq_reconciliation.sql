-- One row per reconciliation that was checked, whether it passed or not:
-- which reports don't add up, where, and by how much.
select
    -- contract columns
    check_name,
    report_id,
    association_id,
    period_end,
    subject,
    expected,
    actual,
    difference,
    status,
    detail,
    -- further columns
    tolerance,
    checked_at,
    repairs
from {{ ref('stg_reconciliation_results') }}
