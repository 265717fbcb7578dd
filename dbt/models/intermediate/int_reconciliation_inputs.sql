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

-- Check table_total -----------------------------------------------------------
-- In a budget table, per column: the lines a total sums (parent_line_order)
-- add up to it, and the cost lines of a per-insats report to its Förbrukade
-- medel. For a per-insats report also: budget - outcome = the printed Överskott.

budget_lines as (

    select lines.*
    from {{ ref('stg_budget_lines') }} as lines
    inner join reports using (report_id)

),

{%- set budget_columns = [
    ('budget_full_year_sek', 'budget (full year)'),
    ('budget_period_sek', 'budget (period)'),
    ('outcome_sek', 'outcome'),
    ('outcome_previous_year_sek', 'outcome (previous year)'),
    ('forecast_full_year_sek', 'forecast'),
    ('printed_difference_sek', 'printed difference'),
] %}

budget_amounts as (

    -- One row per line and printed column; is_unread where its figure was
    -- printed but not read (unread_figures names the field).
    {% for field, name in budget_columns %}
    select *, '{{ name }}' as column_name, {{ loop.index }} as column_order, {{ field }} as amount,
        contains(coalesce(unread_figures, ''), '{{ field }}:') as is_unread
    from budget_lines
    {% if not loop.last %}union all{% endif %}
    {% endfor %}

),

budget_line_sums as (

    select
        report_id,
        table_number,
        parent_line_order,
        column_name,
        sum(amount) as lines_sum,
        count(amount) as line_count,
        string_agg(
            {{ source_location('budget_line', 'source_page', 'source_line') }},
            ' + ' order by line_order
        ) filter (where amount is not null) as lines_listed,
        string_agg(
            {{ source_location('budget_line', 'source_page', 'source_line') }},
            '; ' order by line_order
        ) filter (where is_unread) as lines_unread
    from budget_amounts
    where parent_line_order is not null
      and (amount is not null or is_unread)
    group by report_id, table_number, parent_line_order, column_name

),

-- A total whose own figure or one of whose lines' figures in the column was
-- printed but not read is not run, naming the line.
table_total_sums as (

    select
        'table_total' as check_name,
        totals.report_id,
        reports.association_id,
        totals.period_end,
        coalesce(totals.table_title || ', ', '')
            || totals.budget_line
            || ' (line ' || totals.source_line || '), '
            || sums.column_name
            || ' = sum of its ' || sums.line_count || ' lines' as subject,
        totals.amount as expected,
        sums.lines_sum as actual,
        {{ rounding_tolerance('totals.unit') }} as tolerance,
        {{ source_location('totals.budget_line', 'totals.source_page', 'totals.source_line') }}
            || ' vs ' || coalesce(sums.lines_listed, 'no line read') as detail,
        case
            when totals.is_unread
                then sums.column_name || ' of ' || totals.budget_line || ' printed but not read'
            when totals.amount is null
                then sums.column_name || ' of ' || totals.budget_line || ' not printed'
            when sums.lines_unread is not null
                then sums.column_name || ' printed but not read on ' || sums.lines_unread
        end as missing_inputs
    from budget_line_sums as sums
    inner join budget_amounts as totals
        on totals.report_id = sums.report_id
        and totals.table_number = sums.table_number
        and totals.line_order = sums.parent_line_order
        and totals.column_name = sums.column_name
    inner join reports
        on reports.report_id = totals.report_id

),

table_total_surplus as (

    select
        'table_total' as check_name,
        lines.report_id,
        reports.association_id,
        lines.period_end,
        coalesce(lines.table_title || ', ', '')
            || lines.budget_line
            || ' (line ' || lines.source_line || '), budget - outcome = printed Överskott' as subject,
        lines.printed_difference_sek as expected,
        coalesce(lines.budget_period_sek, lines.budget_full_year_sek) - lines.outcome_sek as actual,
        {{ rounding_tolerance('lines.unit') }} as tolerance,
        {{ source_location('lines.budget_line', 'lines.source_page', 'lines.source_line') }}
            || ': ' || replace(lines.raw_text, chr(10), ' / ') as detail,
        case
            when coalesce(lines.budget_period_sek, lines.budget_full_year_sek) is null
                and lines.outcome_sek is null
                then 'budget and outcome not printed'
            when coalesce(lines.budget_period_sek, lines.budget_full_year_sek) is null
                then 'budget not printed'
            when lines.outcome_sek is null
                then 'outcome not printed'
        end as missing_inputs
    from budget_lines as lines
    inner join reports
        on reports.report_id = lines.report_id
    where lines.line_kind = 'insats_summary'
      and lines.printed_difference_sek is not null
      and lines.difference_basis = 'budget_minus_outcome'

),

-- Check participants_sex_sum ---------------------------------------------------
-- Figures read together (one sentence, table row or chart), per insats, measure
-- and period: women + men = all. Where that part of the report mentions
-- anonymous participants (counted, with no sex), a shortfall up to the gap is
-- accepted as a warning; otherwise the tolerance is 0.

participant_sex_figures as (

    select
        counts.report_id,
        reports.association_id,
        counts.period_end,
        counts.measure,
        any_value(counts.insats_label) as insats_label,
        arg_min(counts.participant_count, counts.source_line) filter (where counts.sex = 'all') as all_count,
        arg_min(counts.participant_count, counts.source_line) filter (where counts.sex = 'female') as female_count,
        arg_min(counts.participant_count, counts.source_line) filter (where counts.sex = 'male') as male_count,
        min(counts.source_line) filter (where counts.sex = 'all') as all_line,
        min(counts.source_line) filter (where counts.sex <> 'all') as sex_first_line,
        max(counts.source_line) filter (where counts.sex <> 'all') as sex_last_line,
        bool_or(counts.anonymous_mentioned) as anonymous_mentioned
    from {{ ref('stg_participant_counts') }} as counts
    inner join reports using (report_id)
    where not counts.is_target
      and counts.outcome_key is null
      and counts.outcome_text is null
      and counts.participant_count is not null
      and counts.measure in ('participants', 'started', 'ended', 'current')
    group by
        counts.report_id, reports.association_id, counts.figure_group, counts.insats_key,
        counts.measure, counts.period_start, counts.period_end
    having count(*) filter (where counts.sex = 'all') > 0
       and count(*) filter (where counts.sex <> 'all') > 0

),

participants_sex_sum as (

    select
        'participants_sex_sum' as check_name,
        report_id,
        association_id,
        period_end,
        'Kvinnor + män vs totalt: ' || measure || ', ' || coalesce(insats_label, 'hela förbundet')
            || ' (line ' || all_line || ')' as subject,
        all_count as expected,
        female_count + male_count as actual,
        case
            when anonymous_mentioned and female_count + male_count < all_count
                then all_count - (female_count + male_count)
            else 0
        end as tolerance,
        'totalt ' || all_count || ' (line ' || all_line || ') vs kvinnor '
            || coalesce(cast(female_count as varchar), '?') || ' + män '
            || coalesce(cast(male_count as varchar), '?')
            || ' (line ' || sex_first_line
            || case when sex_last_line <> sex_first_line then '–' || sex_last_line else '' end || ')'
            || case when anonymous_mentioned then '; the report mentions anonymous participants' else '' end
            as detail,
        case
            when female_count is null then 'count of women not found'
            when male_count is null then 'count of men not found'
        end as missing_inputs
    from participant_sex_figures

),

all_checks as (

    select * from balance_sheet_balances
    union all
    select * from {{ ref('int_statement_reconciliations') }}
    union all
    select * from table_total_sums
    union all
    select * from table_total_surplus
    union all
    select * from participants_sex_sum
    union all
    select * from {{ ref('int_statistics_reconciliations') }}
    union all
    select * from {{ ref('int_period_reconciliations') }}
    union all
    select * from {{ ref('int_extraction_coverage') }}

),

-- Statement figures with a note a check must carry: repaired (sign restored,
-- stray characters removed) or, in scans, read by OCR with low confidence; each
-- with its location as the checks' details print it.
noted_figures as (

    select
        facts.report_id,
        facts.association_id,
        {{ source_location('coalesce(facts.label, facts.label_printed)', 'facts.source_page', 'facts.source_line') }}
            as location,
        reports.source_file,
        facts.repair_note,
        facts.unsure_note
    from statement_facts as facts
    inner join {{ ref('stg_reports') }} as reports
        on reports.report_id = facts.report_id
    where facts.is_repaired or facts.unsure_note is not null

),

-- A check uses such a figure where its detail names the figure's location
-- (in its own report, or, for comparatives, in the file it names).
check_notes as (

    select
        checks.check_name, checks.report_id, checks.period_end, checks.subject, checks.detail,
        string_agg(
            distinct noted.location || ': ' || noted.repair_note, '; '
            order by noted.location || ': ' || noted.repair_note
        ) as repairs,
        string_agg(
            distinct noted.location || ': ' || noted.unsure_note, '; '
            order by noted.location || ': ' || noted.unsure_note
        ) as unsure_figures
    from all_checks as checks
    inner join noted_figures as noted
        on noted.association_id = checks.association_id
        and (
            (noted.report_id = checks.report_id and checks.check_name <> 'comparatives'
                and contains(checks.detail, noted.location))
            or (checks.check_name = 'comparatives'
                and contains(checks.detail, noted.location || ' in ' || noted.source_file))
        )
    group by all

)

select
    cast(checks.check_name as varchar)         as check_name,
    cast(checks.report_id as varchar)          as report_id,
    cast(checks.association_id as varchar)     as association_id,
    cast(checks.period_end as date)            as period_end,
    cast(checks.subject as varchar)            as subject,
    cast(checks.expected as decimal(18, 2))    as expected,
    cast(checks.actual as decimal(18, 2))      as actual,
    cast(checks.tolerance as decimal(18, 2))   as tolerance,
    cast(checks.detail as varchar)             as detail,
    cast(checks.missing_inputs as varchar)     as missing_inputs,
    cast(check_notes.repairs as varchar)       as repairs,
    cast(nullif(concat_ws('; ', check_notes.unsure_figures, doubts.unsure_note), '') as varchar)
        as unsure_figures
from all_checks as checks
left join check_notes
    on {{ same_check('check_notes', 'checks') }}
left join {{ ref('int_comparative_doubts') }} as doubts
    on {{ same_check('doubts', 'checks') }}
