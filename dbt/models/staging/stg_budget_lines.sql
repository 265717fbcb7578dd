-- One row per line of a budget / outcome / forecast table.
select
    cast(report_id as varchar)                      as report_id,
    cast(association_id as varchar)                 as association_id,
    cast(table_title as varchar)                    as table_title,
    cast(fiscal_year as integer)                    as fiscal_year,
    cast(period_end as date)                        as period_end,
    cast(budget_line as varchar)                    as budget_line,
    cast(label_printed as varchar)                  as label_printed,
    cast(section as varchar)                        as section,
    cast(category as varchar)                       as category,
    cast(is_total as boolean)                       as is_total,
    cast(budget_full_year_sek as decimal(18, 2))    as budget_full_year_sek,
    cast(budget_period_sek as decimal(18, 2))       as budget_period_sek,
    cast(outcome_sek as decimal(18, 2))             as outcome_sek,
    cast(forecast_full_year_sek as decimal(18, 2))  as forecast_full_year_sek,
    cast(printed_difference_sek as decimal(18, 2))  as printed_difference_sek,
    cast(unit as varchar)                           as unit,
    cast(line_order as integer)                     as line_order,
    cast(source_page as integer)                    as source_page,
    cast(source_line as integer)                    as source_line,
    cast(raw_text as varchar)                       as raw_text
from {{ source('raw', 'budget_lines') }}
