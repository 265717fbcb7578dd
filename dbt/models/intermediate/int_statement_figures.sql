/*
    One figure per report, statement, column and line item: the first printed
    line of that item (a statement rarely prints an item twice). Reports that
    could not be read are left out. The building block of the statement checks.
*/

select
    facts.report_id,
    facts.association_id,
    facts.statement,
    facts.line_item,
    facts.period_start,
    facts.period_end,
    facts.is_comparative,
    facts.amount_sek,
    facts.unit,
    {{ rounding_tolerance('facts.unit') }} as tolerance,
    {{ source_location('coalesce(facts.label, facts.label_printed)', 'facts.source_page', 'facts.source_line') }}
        as location
from {{ ref('stg_statement_facts') }} as facts
inner join {{ ref('stg_reports') }} as reports
    on reports.report_id = facts.report_id
    and reports.parse_status = 'ok'
where facts.line_item <> 'other'
qualify row_number() over (
    partition by facts.report_id, facts.statement, facts.period_end, facts.line_item
    order by facts.line_order nulls last, facts.source_line nulls last
) = 1
