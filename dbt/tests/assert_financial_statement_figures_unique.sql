-- A printed figure appears once: a statement line (line_order) has at most one
-- figure per printed column (period and comparative flag) in a report.
-- Returns the duplicated keys.
select
    report_id,
    statement,
    line_order,
    line_item,
    label,
    period_start,
    period_end,
    is_comparative,
    count(*) as n_rows
from {{ ref('fct_financial_statement') }}
group by
    report_id,
    statement,
    line_order,
    line_item,
    label,
    period_start,
    period_end,
    is_comparative
having count(*) > 1
