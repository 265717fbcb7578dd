-- A report's period starts before it ends.
-- Returns the reports whose period is inverted.
select report_id, period_start, period_end
from {{ ref('dim_report') }}
where period_start > period_end
