/*
    Check extraction_coverage: per report and section (the statements and the
    notes), how many lines with figures were read. One row per section found,
    and per required section not found, in the columns of
    int_reconciliation_inputs:

      expected   the section's lines with figures
      actual     the lines read into facts
      tolerance  every unread line but one: some lines unread is a warning,
                 none read (the heading found, the figures not) a failure

    A required section whose heading was not found, or that has no line with
    figures, cannot be checked: missing_inputs says so (not_run).
*/

with reports as (

    select report_id, association_id, period_end
    from {{ ref('stg_reports') }}
    where parse_status = 'ok'

),

coverage as (

    select
        coverage.*,
        reports.period_end,
        case coverage.section
            when 'income_statement' then 'Resultaträkning'
            when 'balance_sheet' then 'Balansräkning'
            when 'cash_flow' then 'Kassaflödesanalys / finansieringsanalys'
            else 'Noter'
        end as section_name
    from {{ ref('stg_extraction_coverage') }} as coverage
    inner join reports using (report_id)

),

unread as (

    select
        report_id,
        section,
        count(*) as unread_count,
        string_agg(
            coalesce('Not ' || note_number || ': ', '')
                || {{ source_location("nullif(label, '')", 'source_page', 'source_line') }},
            '; ' order by source_line
        ) as unread_listed
    from {{ ref('stg_unread_lines') }}
    group by report_id, section

)

select
    'extraction_coverage' as check_name,
    coverage.report_id,
    coverage.association_id,
    coverage.period_end,
    coverage.section_name || ': lines with figures read'
        || case when coverage.is_required then '' else ' (not required)' end as subject,
    case when coverage.is_found and coverage.lines_with_figures > 0 then coverage.lines_with_figures end
        as expected,
    case when coverage.is_found and coverage.lines_with_figures > 0 then coverage.lines_read end as actual,
    case when coverage.lines_read > 0 then coverage.lines_with_figures - 1 else 0 end as tolerance,
    case
        when not coverage.is_found then 'searched the whole report for its heading'
        else coverage.lines_read || ' of ' || coverage.lines_with_figures || ' lines with figures read under '
            || {{ source_location("'''' || coverage.heading_text || ''''", 'coverage.heading_page', 'coverage.heading_line') }}
            || coalesce('; not read: ' || unread.unread_listed, '')
    end as detail,
    case
        when not coverage.is_found
            then coverage.section_name || ' not found in the report'
        when coverage.lines_with_figures = 0
            then coverage.section_name || ' heading found, but no line with figures under it'
    end as missing_inputs
from coverage
left join unread
    on unread.report_id = coverage.report_id
    and unread.section = coverage.section
-- A section the report type does not need is listed only where it prints figures.
where coverage.is_required or (coverage.is_found and coverage.lines_with_figures > 0)
