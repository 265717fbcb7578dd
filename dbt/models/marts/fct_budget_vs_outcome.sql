-- One row per budget line (an insats, a cost block, or a total) per report.
-- Only reports in dim_report.

with budget_lines as (

    select lines.*
    from {{ ref('stg_budget_lines') }} as lines
    inner join {{ ref('dim_report') }} as reports
        on reports.report_id = lines.report_id

),

with_insats as (

    -- insats_id: the initiative, named the same across reports and years.
    -- Not mapped yet. A registry of budget-line names per insats (a seed) is
    -- joined here, e.g. on (association_id, budget_line), and supplies
    -- insats_id; until then it is NULL.
    select
        budget_lines.*,
        cast(null as varchar) as insats_id
    from budget_lines

),

with_utilization as (

    -- Outcome against the budget for the matching period: the period budget
    -- where printed, else the full-year budget.
    select
        with_insats.*,
        case
            when coalesce(budget_period_sek, budget_full_year_sek) <> 0
                then round(
                    cast(outcome_sek as double)
                    / cast(coalesce(budget_period_sek, budget_full_year_sek) as double)
                    * 100,
                    2
                )
        end as utilization_raw
    from with_insats

)

select
    -- contract columns
    report_id,
    association_id,
    fiscal_year,
    period_end,
    budget_line,
    insats_id,
    category,
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
    table_title,
    section,
    printed_difference_sek,
    unit,
    source_page,
    source_line,
    raw_text
from with_utilization
