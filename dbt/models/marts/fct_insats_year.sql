-- One row per association, insats and fiscal year: the latest budget, outcome
-- and forecast the reports give for it. "Latest" is the figure with the
-- latest period_end, then from the newest report (when two reports print the
-- same period, as a comparative column does), then the latest printed line,
-- each measure on its own, so an annual report's outcome replaces the interim
-- one while the interim report's forecast stays until a later one is printed.

with lines as (

    select
        budget.*,
        {
            'period_end': budget.period_end,
            'report_period_end': reports.period_end,
            'report_id': budget.report_id,
            'source_line': budget.source_line
        } as recency
    from {{ ref('fct_budget_vs_outcome') }} as budget
    inner join {{ ref('dim_report') }} as reports
        on reports.report_id = budget.report_id
    where budget.insats_id is not null

),

per_year as (

    select
        association_id,
        insats_id,
        fiscal_year,
        arg_max(budget_full_year_sek, recency) filter (where budget_full_year_sek is not null)
            as budget_full_year_sek,
        arg_max(report_id, recency) filter (where budget_full_year_sek is not null)
            as budget_report_id,
        arg_max(outcome_sek, recency) filter (where outcome_sek is not null) as outcome_sek,
        arg_max(period_end, recency) filter (where outcome_sek is not null) as outcome_period_end,
        arg_max(coalesce(budget_period_sek, budget_full_year_sek), recency)
            filter (where outcome_sek is not null) as outcome_budget_sek,
        arg_max(utilization_pct, recency) filter (where outcome_sek is not null) as utilization_pct,
        arg_max(report_id, recency) filter (where outcome_sek is not null) as outcome_report_id,
        arg_max(forecast_full_year_sek, recency) filter (where forecast_full_year_sek is not null)
            as forecast_full_year_sek,
        arg_max(report_id, recency) filter (where forecast_full_year_sek is not null)
            as forecast_report_id,
        count(distinct report_id) as report_count
    from lines
    group by association_id, insats_id, fiscal_year

)

select
    per_year.association_id,
    per_year.insats_id,
    insatser.display_name,
    insatser.category,
    per_year.fiscal_year,
    per_year.budget_full_year_sek,
    per_year.outcome_sek,
    per_year.outcome_period_end,
    per_year.outcome_budget_sek,
    per_year.utilization_pct,
    per_year.forecast_full_year_sek,
    per_year.outcome_period_end = make_date(per_year.fiscal_year, 12, 31) as is_year_complete,
    per_year.budget_report_id,
    per_year.outcome_report_id,
    per_year.forecast_report_id,
    cast(per_year.report_count as integer) as report_count
from per_year
left join {{ ref('insats') }} as insatser
    on insatser.insats_id = per_year.insats_id
