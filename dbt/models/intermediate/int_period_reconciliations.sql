/*
    Checks across columns and reports of one association, in the columns of
    int_reconciliation_inputs (which unions them in):

      equity_roll_forward   the closing equity of one financial year = the opening
                            equity (balanserat / övrigt eget kapital) of the next
      comparatives          a figure printed by several reports agrees with the
                            report whose own period it is

    Roll-forward pairs only periods that follow each other: a balance date's
    balanserat / övrigt eget kapital against the equity at the end of the
    financial year before it (31 December of the previous year), taken from
    the same report where it prints that column, else from the report whose
    own period ends then (an annual report before an interim one). A
    half-year comparative column is never compared with a year end.
*/

with figures as (

    select * from {{ ref('int_statement_figures') }}

),

-- Equity per report and balance date: the printed total, else its two parts.
balance as (

    select
        report_id,
        association_id,
        period_end,
        coalesce(
            max(amount_sek) filter (where line_item = 'equity_total'),
            max(amount_sek) filter (where line_item = 'retained_earnings')
                + max(amount_sek) filter (where line_item = 'net_result')
        ) as closing_equity,
        coalesce(
            max(location) filter (where line_item = 'equity_total'),
            max(location) filter (where line_item = 'retained_earnings')
                || ' + ' || max(location) filter (where line_item = 'net_result')
        ) as closing_equity_at,
        max(amount_sek) filter (where line_item = 'retained_earnings') as opening_equity,
        max(location) filter (where line_item = 'retained_earnings') as opening_equity_at,
        max(tolerance) as tolerance
    from figures
    where statement = 'balance_sheet'
    group by report_id, association_id, period_end

),

year_ends as (

    select balance.*, reports.source_file, reports.report_type,
        reports.period_end = balance.period_end as is_own_period
    from balance
    inner join {{ ref('stg_reports') }} as reports
        on reports.report_id = balance.report_id
    where balance.closing_equity is not null
      and month(balance.period_end) = 12 and day(balance.period_end) = 31

),

-- Check equity_roll_forward ----------------------------------------------------

equity_roll_forward as (

    select 'equity_roll_forward' as check_name, opening.report_id, opening.association_id, opening.period_end,
        'Eget kapital at ' || closing.period_end || ' vs balanserat / övrigt eget kapital at '
            || opening.period_end as subject,
        closing.closing_equity as expected,
        opening.opening_equity as actual,
        greatest(closing.tolerance, opening.tolerance) as tolerance,
        closing.closing_equity_at
            || case when closing.report_id <> opening.report_id then ' in ' || closing.source_file else '' end
            || ' vs ' || opening.opening_equity_at as detail
    from balance as opening
    inner join year_ends as closing
        on closing.association_id = opening.association_id
        and closing.period_end = make_date(year(opening.period_end) - 1, 12, 31)
    where opening.opening_equity is not null
    qualify row_number() over (
        partition by opening.report_id, opening.period_end
        order by closing.report_id = opening.report_id desc, closing.is_own_period desc,
            closing.report_type = 'annual' desc, closing.report_id
    ) = 1

),

-- Check comparatives (across reports of one association) -----------------------
-- A figure printed by several reports (an annual report's own year, then the
-- next interim's and the next annual report's comparative column) is compared
-- with one reference: the report whose own period is that column, an annual
-- report before an interim one, else the earliest report printing it. Every
-- other report printing the figure gets one row, so the rows stay unique for
-- any number of reports. A restated comparative fails, naming both files.

printed_figures as (

    select
        figures.*,
        reports.source_file,
        row_number() over (
            partition by figures.association_id, figures.statement, figures.line_item,
                figures.period_end, figures.period_start
            order by
                (reports.period_end = figures.period_end
                    and (figures.period_start is null or figures.period_start = reports.period_start)) desc,
                reports.report_type = 'annual' desc,
                reports.period_end,
                reports.report_id
        ) as reference_rank
    from figures
    inner join {{ ref('stg_reports') }} as reports
        on reports.report_id = figures.report_id

),

comparatives as (

    select 'comparatives' as check_name, other.report_id, other.association_id, other.period_end,
        'The same figure in two reports: ' || other.statement || ' ' || other.line_item as subject,
        reference.amount_sek as expected,
        other.amount_sek as actual,
        greatest(reference.tolerance, other.tolerance) as tolerance,
        other.location || ' in ' || other.source_file || ' vs '
            || reference.location || ' in ' || reference.source_file as detail
    from printed_figures as other
    inner join printed_figures as reference
        on reference.association_id = other.association_id
        and reference.statement = other.statement
        and reference.line_item = other.line_item
        and reference.period_end = other.period_end
        and reference.period_start is not distinct from other.period_start
        and reference.reference_rank = 1
    where other.reference_rank > 1

)

select *, cast(null as varchar) as missing_inputs from equity_roll_forward
union all
select *, null from comparatives
