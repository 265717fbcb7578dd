/*
    The sums a report's figures cannot be checked by: one row per line with
    figures that no sum can account for, and the sum it belongs to.

      not mapped   a statement line read with line item `other` (not a Summa);
      not read     a line with figures in a statement or note that the parser
                   did not turn into facts (stg_unread_lines).

    A statement line belongs to the first summing line after it in its column
    (a line item that is a total or a line printed as "Summa …"), or to the
    first grand total after it (Summa tillgångar, Summa eget kapital och
    skulder, årets resultat, likvida medel vid årets slut): its blocking_keys
    are statement:line_item of those totals. int_statement_reconciliations
    does not run such a sum unless it holds without the line. An unread statement line
    has no column, so it blocks that sum in every column (period_end NULL). A
    note's unread line blocks the note's checks (blocking_key note:<number>).
*/

with reports as (

    select report_id from {{ ref('stg_reports') }} where parse_status = 'ok'

),

statement_lines as (

    select
        facts.report_id,
        facts.statement,
        facts.period_end,
        facts.line_item,
        facts.source_line,
        {{ source_location('coalesce(facts.label, facts.label_printed)', 'facts.source_page', 'facts.source_line') }}
            as location,
        lower(coalesce(facts.label, facts.label_printed)) like 'summa%'
            or facts.line_item in (
                'operating_income', 'operating_expenses', 'operating_result', 'result_after_financial_items',
                'net_result', 'fixed_assets_total', 'current_assets_total', 'total_assets', 'equity_total',
                'provisions_total', 'current_liabilities_total', 'total_equity_and_liabilities',
                'cash_flow_operating', 'cash_flow_investing', 'cash_flow_financing', 'net_cash_flow', 'cash_at_end'
            ) as is_summing
    from {{ ref('stg_statement_facts') }} as facts
    inner join reports using (report_id)
    where facts.source_line is not null

),

open_statement_lines as (

    select report_id, statement, period_end, source_line, 'not mapped to a line item: ' || location as open_line
    from statement_lines
    where line_item = 'other' and not is_summing

    union all

    select unread.report_id, unread.section, cast(null as date), unread.source_line,
        'not read: ' || {{ source_location("coalesce(nullif(unread.label, ''), unread.raw_text)",
                                           'unread.source_page', 'unread.source_line') }}
    from {{ ref('stg_unread_lines') }} as unread
    inner join reports using (report_id)
    where unread.section <> 'notes'

),

-- The first summing line after an open line, and the first grand total after it
-- (a line before Summa kortfristiga skulder may belong to the grand total instead).
closing_lines as (

    select
        open.report_id,
        open.period_end,
        open.source_line,
        open.open_line,
        open.statement || ':' || closing.line_item as blocking_key,
        closing.line_item in ('total_assets', 'total_equity_and_liabilities', 'net_result', 'cash_at_end')
            as is_grand_total,
        row_number() over (
            partition by open.report_id, open.statement, open.period_end, open.source_line, is_grand_total
            order by closing.source_line
        ) as rank_after
    from open_statement_lines as open
    inner join statement_lines as closing
        on closing.report_id = open.report_id
        and closing.statement = open.statement
        and (open.period_end is null or closing.period_end = open.period_end)
        and closing.source_line > open.source_line
        and closing.is_summing

),

closed_by as (

    select distinct report_id, period_end, source_line, open_line, blocking_key
    from closing_lines
    where rank_after = 1

)

select report_id, period_end, blocking_key, source_line, open_line
from closed_by

union all

select unread.report_id, cast(null as date), 'note:' || unread.note_number, unread.source_line,
    'not read: ' || {{ source_location("coalesce(nullif(unread.label, ''), unread.raw_text)",
                                       'unread.source_page', 'unread.source_line') }}
from {{ ref('stg_unread_lines') }} as unread
inner join reports using (report_id)
where unread.section = 'notes' and unread.note_number is not null
