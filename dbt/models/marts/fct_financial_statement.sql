-- One row per printed figure of a statement, for every column the report
-- prints (the comparative year too). Only reports in dim_report.
select
    -- contract columns
    facts.report_id,
    facts.association_id,
    facts.statement,
    facts.line_item,
    facts.label,
    facts.period_start,
    facts.period_end,
    facts.amount_sek,
    facts.is_comparative,
    facts.source_page,
    facts.source_line,
    -- further columns
    facts.label_printed,
    facts.is_repaired,
    facts.repair_note,
    facts.amount_printed,
    facts.raw_text,
    facts.unit,
    facts.note_ref,
    facts.section,
    facts.line_order
from {{ ref('stg_statement_facts') }} as facts
inner join {{ ref('dim_report') }} as reports
    on reports.report_id = facts.report_id
