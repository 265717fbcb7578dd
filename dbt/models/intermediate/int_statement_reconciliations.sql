/*
    The reconciliations a report's own statements and notes must satisfy, one
    row per check, report and column, in the columns of
    int_reconciliation_inputs (which unions them in):

      balance_sheet_subtotals          the balance sheet's sums of parts
      income_statement_arithmetic      intäkter + kostnader (+ avskrivningar) = verksamhetens
                                       resultat; + finansiella poster = resultat efter finansiella
                                       poster; + extraordinära poster = årets resultat
      result_matches_balance_sheet     årets resultat in the income statement = in the balance sheet
      cash_flow_ties                   cash at start + the year's cash flow = cash at end = kassa
                                       och bank; the flows sum to the year's cash flow
      note_sums_to_statement           a note's lines sum to its Summa; its Summa equals the
                                       statement line it explains

    The checks across columns and reports (equity_roll_forward, comparatives)
    are in int_period_reconciliations.

    A line the report does not print counts as 0 within a sum; a check whose
    total, or all of whose parts, are missing is not emitted. A sum with a part
    that was not read, or read but not mapped to a line item
    (int_incomplete_sums), is emitted with missing_inputs naming that line, so
    it is not run. Tolerances come from the unit the figures were printed in
    (rounding_tolerance).
*/

with figures as (

    select * from {{ ref('int_statement_figures') }}

),

-- One row per report, statement and column, with its line items side by side.
columns as (

    select
        report_id,
        association_id,
        statement,
        period_end,
        {% for code in [
            'operating_income', 'operating_expenses', 'depreciation', 'operating_result',
            'financial_income', 'financial_expenses', 'result_after_financial_items',
            'extraordinary_items', 'net_result', 'fixed_assets_total', 'receivables',
            'prepaid_expenses_and_accrued_income', 'cash_and_bank', 'current_assets_total',
            'total_assets', 'retained_earnings', 'equity_total', 'provisions_total',
            'accounts_payable', 'other_liabilities', 'accrued_expenses_and_deferred_income',
            'current_liabilities_total', 'total_equity_and_liabilities', 'cash_flow_operating',
            'cash_flow_investing', 'cash_flow_financing', 'net_cash_flow', 'cash_at_start',
            'cash_at_end'
        ] %}
        max(amount_sek) filter (where line_item = '{{ code }}') as {{ code }},
        max(location) filter (where line_item = '{{ code }}') as {{ code }}_at,
        {% endfor %}
        max(tolerance) as tolerance
    from figures
    group by report_id, association_id, statement, period_end

),

income as (select * from columns where statement = 'income_statement'),
balance as (select * from columns where statement = 'balance_sheet'),
cash_flow as (select * from columns where statement = 'cash_flow'),

-- Check balance_sheet_subtotals ------------------------------------------------

balance_sheet_subtotals as (

    select 'balance_sheet_subtotals' as check_name, report_id, association_id, period_end,
        'Summa tillgångar = anläggningstillgångar + omsättningstillgångar' as subject,
        total_assets as expected,
        coalesce(fixed_assets_total, 0) + current_assets_total as actual,
        tolerance,
        total_assets_at || ' vs ' || concat_ws(' + ', fixed_assets_total_at, current_assets_total_at) as detail,
        cast('balance_sheet:total_assets' as varchar) as blocking_key
    from balance
    where total_assets is not null and current_assets_total is not null

    union all

    select 'balance_sheet_subtotals', report_id, association_id, period_end,
        'Summa omsättningstillgångar = fordringar + förutbetalda kostnader + kassa och bank',
        current_assets_total,
        coalesce(receivables, 0) + coalesce(prepaid_expenses_and_accrued_income, 0) + coalesce(cash_and_bank, 0),
        tolerance,
        current_assets_total_at || ' vs ' || concat_ws(' + ', receivables_at, prepaid_expenses_and_accrued_income_at, cash_and_bank_at),
        cast('balance_sheet:current_assets_total' as varchar)
    from balance
    where current_assets_total is not null
      and coalesce(receivables, prepaid_expenses_and_accrued_income, cash_and_bank) is not null

    union all

    select 'balance_sheet_subtotals', report_id, association_id, period_end,
        'Summa eget kapital = balanserat / övrigt eget kapital + årets resultat',
        equity_total,
        retained_earnings + net_result,
        tolerance,
        equity_total_at || ' vs ' || retained_earnings_at || ' + ' || net_result_at,
        cast('balance_sheet:equity_total' as varchar)
    from balance
    where equity_total is not null and retained_earnings is not null and net_result is not null

    union all

    select 'balance_sheet_subtotals', report_id, association_id, period_end,
        'Summa kortfristiga skulder = leverantörsskulder + övriga skulder + upplupna kostnader',
        current_liabilities_total,
        coalesce(accounts_payable, 0) + coalesce(other_liabilities, 0)
            + coalesce(accrued_expenses_and_deferred_income, 0),
        tolerance,
        current_liabilities_total_at || ' vs '
            || concat_ws(' + ', accounts_payable_at, other_liabilities_at, accrued_expenses_and_deferred_income_at),
        cast('balance_sheet:current_liabilities_total' as varchar)
    from balance
    where current_liabilities_total is not null
      and coalesce(accounts_payable, other_liabilities, accrued_expenses_and_deferred_income) is not null

    union all

    select 'balance_sheet_subtotals', report_id, association_id, period_end,
        'Summa eget kapital och skulder = eget kapital + avsättningar + kortfristiga skulder',
        total_equity_and_liabilities,
        coalesce(equity_total, retained_earnings + net_result) + coalesce(provisions_total, 0)
            + current_liabilities_total,
        tolerance,
        total_equity_and_liabilities_at || ' vs '
            || concat_ws(' + ', coalesce(equity_total_at, retained_earnings_at || ' + ' || net_result_at),
                         provisions_total_at, current_liabilities_total_at),
        cast('balance_sheet:total_equity_and_liabilities' as varchar)
    from balance
    where total_equity_and_liabilities is not null
      and coalesce(equity_total, retained_earnings + net_result) is not null
      and current_liabilities_total is not null

),

-- Check income_statement_arithmetic -------------------------------------------

income_statement_arithmetic as (

    select 'income_statement_arithmetic' as check_name, report_id, association_id, period_end,
        'Verksamhetens resultat = intäkter + kostnader + avskrivningar' as subject,
        operating_result as expected,
        operating_income + operating_expenses + coalesce(depreciation, 0) as actual,
        tolerance,
        operating_result_at || ' vs ' || concat_ws(' + ', operating_income_at, operating_expenses_at, depreciation_at)
            as detail,
        cast('income_statement:operating_result' as varchar) as blocking_key
    from income
    where operating_result is not null and operating_income is not null and operating_expenses is not null

    union all

    select 'income_statement_arithmetic', report_id, association_id, period_end,
        'Resultat efter finansiella poster = verksamhetens resultat + finansiella intäkter och kostnader',
        result_after_financial_items,
        operating_result + coalesce(financial_income, 0) + coalesce(financial_expenses, 0),
        tolerance,
        result_after_financial_items_at || ' vs '
            || concat_ws(' + ', operating_result_at, financial_income_at, financial_expenses_at),
        cast('income_statement:result_after_financial_items' as varchar)
    from income
    where result_after_financial_items is not null and operating_result is not null

    union all

    select 'income_statement_arithmetic', report_id, association_id, period_end,
        case when result_after_financial_items is not null
            then 'Årets resultat = resultat efter finansiella poster + extraordinära poster'
            else 'Årets resultat = verksamhetens resultat + finansiella poster + extraordinära poster'
        end,
        net_result,
        coalesce(
            result_after_financial_items,
            operating_result + coalesce(financial_income, 0) + coalesce(financial_expenses, 0)
        ) + coalesce(extraordinary_items, 0),
        tolerance,
        net_result_at || ' vs ' || concat_ws(' + ',
            coalesce(result_after_financial_items_at,
                     concat_ws(' + ', operating_result_at, financial_income_at, financial_expenses_at)),
            extraordinary_items_at),
        cast('income_statement:net_result' as varchar)
    from income
    where net_result is not null and coalesce(result_after_financial_items, operating_result) is not null

),

-- Check result_matches_balance_sheet ------------------------------------------

result_matches_balance_sheet as (

    select 'result_matches_balance_sheet' as check_name, income.report_id, income.association_id,
        income.period_end,
        'Årets resultat in the income statement vs in the balance sheet' as subject,
        income.net_result as expected,
        balance.net_result as actual,
        greatest(income.tolerance, balance.tolerance) as tolerance,
        income.net_result_at || ' vs ' || balance.net_result_at as detail,
        cast(null as varchar) as blocking_key
    from income
    inner join balance
        on balance.report_id = income.report_id
        and balance.period_end = income.period_end
    where income.net_result is not null and balance.net_result is not null

),

-- Check cash_flow_ties ---------------------------------------------------------

cash_flow_ties as (

    select 'cash_flow_ties' as check_name, report_id, association_id, period_end,
        'Likvida medel vid årets slut = vid årets början + årets kassaflöde' as subject,
        cash_at_end as expected,
        cash_at_start + net_cash_flow as actual,
        tolerance,
        cash_at_end_at || ' vs ' || cash_at_start_at || ' + ' || net_cash_flow_at as detail,
        cast('cash_flow:cash_at_end' as varchar) as blocking_key
    from cash_flow
    where cash_at_end is not null and cash_at_start is not null and net_cash_flow is not null

    union all

    select 'cash_flow_ties', report_id, association_id, period_end,
        'Årets kassaflöde = löpande verksamhet + investeringar + finansiering',
        net_cash_flow,
        coalesce(cash_flow_operating, 0) + coalesce(cash_flow_investing, 0) + coalesce(cash_flow_financing, 0),
        tolerance,
        net_cash_flow_at || ' vs ' || concat_ws(' + ', cash_flow_operating_at, cash_flow_investing_at, cash_flow_financing_at),
        cast('cash_flow:net_cash_flow' as varchar)
    from cash_flow
    where net_cash_flow is not null and cash_flow_operating is not null

    union all

    select 'cash_flow_ties', cash_flow.report_id, cash_flow.association_id, cash_flow.period_end,
        'Likvida medel vid årets slut = kassa och bank in the balance sheet',
        balance.cash_and_bank,
        cash_flow.cash_at_end,
        greatest(cash_flow.tolerance, balance.tolerance),
        balance.cash_and_bank_at || ' vs ' || cash_flow.cash_at_end_at,
        cast(null as varchar)
    from cash_flow
    inner join balance
        on balance.report_id = cash_flow.report_id
        and balance.period_end = cash_flow.period_end
    where cash_flow.cash_at_end is not null and balance.cash_and_bank is not null

),

-- Changes in working capital in the cash flow against the balance sheet.
working_capital_lines as (

    select
        facts.report_id,
        facts.association_id,
        facts.period_end,
        case
            when lower(facts.label) like '%fordringar%' then 'receivables'
            when lower(facts.label) like '%skulder%' then 'current_liabilities_total'
        end as balance_item,
        facts.amount_sek,
        {{ rounding_tolerance('facts.unit') }} as tolerance,
        {{ source_location('facts.label', 'facts.source_page', 'facts.source_line') }} as location
    from {{ ref('stg_statement_facts') }} as facts
    where facts.statement = 'cash_flow'
      and facts.line_item = 'other'
      and regexp_matches(lower(facts.label), '(ökning|minskning|förändring)')

),

-- Kortfristiga fordringar are fordringar and förutbetalda kostnader together.
working_capital_balances as (

    select report_id, period_end, 'receivables' as balance_item, sum(amount_sek) as amount_sek,
        max(tolerance) as tolerance, string_agg(location, ' + ' order by line_item desc) as location
    from figures
    where statement = 'balance_sheet' and line_item in ('receivables', 'prepaid_expenses_and_accrued_income')
    group by report_id, period_end
    having count(*) filter (where line_item = 'receivables') > 0

    union all

    select report_id, period_end, line_item, amount_sek, tolerance, location
    from figures
    where statement = 'balance_sheet' and line_item = 'current_liabilities_total'

),

working_capital_ties as (

    select 'cash_flow_ties' as check_name, lines.report_id, lines.association_id, lines.period_end,
        'Change in ' || lines.balance_item || ' in the cash flow vs the balance sheet' as subject,
        -- more receivables use cash (negative); more liabilities bring cash (positive)
        case lines.balance_item
            when 'receivables' then -(closing.amount_sek - opening.amount_sek)
            else closing.amount_sek - opening.amount_sek
        end as expected,
        lines.amount_sek as actual,
        greatest(lines.tolerance, closing.tolerance, opening.tolerance) as tolerance,
        lines.location || ' vs ' || closing.location || ' at ' || closing.period_end
            || ' − ' || opening.location || ' at ' || opening.period_end as detail,
        cast(null as varchar) as blocking_key
    from working_capital_lines as lines
    inner join working_capital_balances as closing
        on closing.report_id = lines.report_id
        and closing.balance_item = lines.balance_item
        and closing.period_end = lines.period_end
    inner join working_capital_balances as opening
        on opening.report_id = lines.report_id
        and opening.balance_item = lines.balance_item
        and opening.period_end < closing.period_end
    where lines.balance_item is not null
    -- the balance date just before: the column the change starts from
    qualify row_number() over (
        partition by lines.report_id, lines.period_end, lines.balance_item order by opening.period_end desc
    ) = 1

),

-- Check note_sums_to_statement -------------------------------------------------

note_lines as (

    select
        notes.*,
        -- each Summa line closes the lines since the previous one
        count(*) filter (where is_total) over (
            partition by report_id, note_number, period_end order by line_order
            rows between unbounded preceding and 1 preceding
        ) as segment
    from {{ ref('stg_note_lines') }} as notes

),

note_segments as (

    select
        report_id,
        association_id,
        note_number,
        any_value(note_title) as note_title,
        period_end,
        segment,
        sum(amount_sek) filter (where not is_total) as lines_sum,
        count(*) filter (where not is_total) as line_count,
        max(amount_sek) filter (where is_total) as printed_total,
        max({{ source_location('label', 'source_page', 'source_line') }}) filter (where is_total) as total_at,
        max(label) filter (where is_total) as total_label,
        min(source_line) filter (where not is_total) as first_line,
        max(source_line) filter (where not is_total) as last_line
    from note_lines
    group by report_id, association_id, note_number, period_end, segment

),

note_totals as (

    select
        notes.report_id,
        notes.association_id,
        notes.note_number,
        any_value(notes.note_title) as note_title,
        notes.period_end,
        any_value(notes.explains_statement) as explains_statement,
        any_value(notes.explains_line_item) as explains_line_item,
        sum(notes.amount_sek) as total,
        string_agg({{ source_location('notes.label', 'notes.source_page', 'notes.source_line') }}, ' + '
                   order by notes.line_order) as total_at
    from {{ ref('stg_note_lines') }} as notes
    where notes.is_total
    group by notes.report_id, notes.association_id, notes.note_number, notes.period_end

),

note_sums_to_statement as (

    select 'note_sums_to_statement' as check_name, report_id, association_id, period_end,
        'Not ' || note_number || ' ' || note_title || ': lines vs ' || total_label as subject,
        printed_total as expected,
        lines_sum as actual,
        cast(1 as decimal(18, 2)) as tolerance,
        total_at || ' vs the lines above it (lines ' || first_line || '–' || last_line || ')' as detail,
        cast('note:' || note_number as varchar) as blocking_key
    from note_segments
    where printed_total is not null and line_count > 0

    union all

    -- Notes print costs without their minus sign: compare amounts without sign.
    select 'note_sums_to_statement', totals.report_id, totals.association_id, totals.period_end,
        'Not ' || totals.note_number || ' ' || totals.note_title || ' vs the statement line it explains',
        abs(statement_line.amount_sek),
        abs(totals.total),
        statement_line.tolerance,
        statement_line.location || ' vs ' || totals.total_at,
        cast('note:' || totals.note_number as varchar)
    from note_totals as totals
    inner join figures as statement_line
        on statement_line.report_id = totals.report_id
        and statement_line.statement = totals.explains_statement
        and statement_line.line_item = totals.explains_line_item
        and statement_line.period_end = totals.period_end

),

all_checks as (

    select * from balance_sheet_subtotals
    union all
    select * from income_statement_arithmetic
    union all
    select * from result_matches_balance_sheet
    union all
    select * from cash_flow_ties
    union all
    select * from working_capital_ties
    union all
    select * from note_sums_to_statement

),

-- A sum with a part not read, or read but not mapped to a line item, cannot be checked.
incomplete as (

    select report_id, period_end, blocking_key, string_agg(open_line, '; ' order by source_line) as open_lines
    from {{ ref('int_incomplete_sums') }}
    group by report_id, period_end, blocking_key

),

blocked as (

    select checks.check_name, checks.report_id, checks.period_end, checks.subject, checks.detail,
        string_agg(incomplete.open_lines, '; ' order by incomplete.open_lines) as open_lines
    from all_checks as checks
    inner join incomplete
        on incomplete.report_id = checks.report_id
        and incomplete.blocking_key = checks.blocking_key
        and (incomplete.period_end is null or incomplete.period_end = checks.period_end)
    group by all

)

select
    checks.check_name,
    checks.report_id,
    checks.association_id,
    checks.period_end,
    checks.subject,
    checks.expected,
    checks.actual,
    checks.tolerance,
    checks.detail,
    -- A sum that holds without the open line evidently does not need it.
    case
        when blocked.open_lines is not null
            and not coalesce(abs(checks.actual - checks.expected) <= checks.tolerance, false)
            then 'a part was not read completely: ' || blocked.open_lines
    end as missing_inputs
from all_checks as checks
left join blocked
    on {{ same_check('blocked', 'checks') }}
