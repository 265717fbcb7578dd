/*
    One row per reconciliation to check: the two figures that must agree, the
    tolerance for rounding, and where to look. The pipeline evaluates these
    rows and writes the outcome (pass / warn / fail / not_run) to
    reconciliation.check_results, which becomes marts.dq_reconciliation.

    Every check is one CTE with exactly the columns of `balance_sheet_balances`
    below; add a new check as its own CTE and UNION ALL it in the final select.
    A missing figure still yields a row (expected or actual NULL) that names the
    missing figure in missing_inputs, so the check is reported as not run.
*/

with reports as (

    select report_id, association_id
    from {{ ref('stg_reports') }}
    where parse_status = 'ok'

),

statement_facts as (

    select facts.*
    from {{ ref('stg_statement_facts') }} as facts
    inner join reports using (report_id)

),

-- Check balance_sheet_balances ----------------------------------------------
-- Per balance date: Summa tillgångar = Summa eget kapital och skulder.

balance_dates as (

    select
        report_id,
        period_end,
        max({{ rounding_tolerance('unit') }}) as date_tolerance
    from statement_facts
    where statement = 'balance_sheet'
      and period_end is not null
    group by report_id, period_end

),

balance_totals as (

    -- The first printed line of each total per balance date.
    select
        report_id,
        period_end,
        line_item,
        amount_sek,
        coalesce(label, label_printed) as label,
        source_page,
        source_line,
        {{ rounding_tolerance('unit') }} as tolerance
    from statement_facts
    where statement = 'balance_sheet'
      and line_item in ('total_assets', 'total_equity_and_liabilities')
    qualify row_number() over (
        partition by report_id, period_end, line_item
        order by line_order nulls last, source_line nulls last, is_comparative
    ) = 1

),

balance_sheet_balances as (

    select
        'balance_sheet_balances' as check_name,
        dates.report_id,
        reports.association_id,
        dates.period_end,
        'Summa tillgångar vs Summa eget kapital och skulder' as subject,
        assets.amount_sek as expected,
        equity_and_liabilities.amount_sek as actual,
        coalesce(
            greatest(assets.tolerance, equity_and_liabilities.tolerance),
            dates.date_tolerance
        ) as tolerance,
        case
            when assets.report_id is null then 'total_assets not found'
            else {{ source_location('assets.label', 'assets.source_page', 'assets.source_line') }}
        end
        || ' vs '
        || case
            when equity_and_liabilities.report_id is null then 'total_equity_and_liabilities not found'
            else {{ source_location(
                'equity_and_liabilities.label',
                'equity_and_liabilities.source_page',
                'equity_and_liabilities.source_line'
            ) }}
        end as detail,
        case
            when assets.report_id is null and equity_and_liabilities.report_id is null
                then 'total_assets and total_equity_and_liabilities not found'
            when assets.report_id is null
                then 'total_assets not found'
            when equity_and_liabilities.report_id is null
                then 'total_equity_and_liabilities not found'
        end as missing_inputs
    from balance_dates as dates
    inner join reports
        on reports.report_id = dates.report_id
    left join balance_totals as assets
        on assets.report_id = dates.report_id
        and assets.period_end = dates.period_end
        and assets.line_item = 'total_assets'
    left join balance_totals as equity_and_liabilities
        on equity_and_liabilities.report_id = dates.report_id
        and equity_and_liabilities.period_end = dates.period_end
        and equity_and_liabilities.line_item = 'total_equity_and_liabilities'

),

all_checks as (

    select * from balance_sheet_balances
    union all
    select * from {{ ref('int_statement_reconciliations') }}
    -- union all
    -- select * from <next_check>

)

select
    cast(check_name as varchar)         as check_name,
    cast(report_id as varchar)          as report_id,
    cast(association_id as varchar)     as association_id,
    cast(period_end as date)            as period_end,
    cast(subject as varchar)            as subject,
    cast(expected as decimal(18, 2))    as expected,
    cast(actual as decimal(18, 2))      as actual,
    cast(tolerance as decimal(18, 2))   as tolerance,
    cast(detail as varchar)             as detail,
    cast(missing_inputs as varchar)     as missing_inputs
from all_checks
