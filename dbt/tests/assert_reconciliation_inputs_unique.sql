-- Each reconciliation is checked once: one input row per check, report,
-- date and subject. Returns the duplicated keys.
select
    check_name,
    report_id,
    period_end,
    subject,
    count(*) as n_rows
from {{ ref('int_reconciliation_inputs') }}
group by check_name, report_id, period_end, subject
having count(*) > 1
