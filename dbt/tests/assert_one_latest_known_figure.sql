-- Exactly one figure is the latest known value for each figure several
-- reports print. Returns the keys with none or more than one.
select
    association_id,
    statement,
    line_item,
    case when line_item = 'other' then coalesce(label, label_printed) end as other_label,
    period_start,
    period_end,
    count(*) filter (where is_latest_known) as n_latest
from {{ ref('fct_financial_statement') }}
group by all
having count(*) filter (where is_latest_known) <> 1
