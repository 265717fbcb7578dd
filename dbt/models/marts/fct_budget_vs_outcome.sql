-- One row per budget line (an insats, a cost block, or a total) per report.
-- Only reports in dim_report. The cost lines of per-insats reports are in
-- fct_budget_cost_line.

with budget_lines as (

    select *
    from {{ ref('int_budget_lines') }}
    where line_kind <> 'cost_line'

),

with_utilization as (

    -- Outcome against the budget for the matching period: the period budget
    -- where printed, else the full-year budget.
    select
        budget_lines.*,
        case
            when coalesce(budget_period_sek, budget_full_year_sek) <> 0
                then round(
                    cast(outcome_sek as double)
                    / cast(coalesce(budget_period_sek, budget_full_year_sek) as double)
                    * 100,
                    2
                )
        end as utilization_raw
    from budget_lines

)

select
    -- contract columns
    report_id,
    association_id,
    fiscal_year,
    period_end,
    budget_line,
    insats_id,
    line_category as category,
    is_total,
    budget_full_year_sek,
    budget_period_sek,
    outcome_sek,
    forecast_full_year_sek,
    -- A ratio too large for DECIMAL(9,2) can only come from a misread figure;
    -- it is left NULL rather than failing the build.
    cast(
        case when abs(utilization_raw) < 10000000 then utilization_raw end
        as decimal(9, 2)
    ) as utilization_pct,
    -- further columns
    insats_display_name,
    insats_label,
    insats_label_printed,
    line_kind,
    table_title,
    table_number,
    section,
    label_printed,
    outcome_previous_year_sek,
    printed_difference_sek,
    difference_basis,
    unit,
    line_order,
    parent_line_order,
    source_page,
    source_line,
    raw_text
from with_utilization
