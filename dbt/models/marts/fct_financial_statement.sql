-- One row per printed figure of a statement, for every column the report
-- prints (the comparative year too). Only reports in dim_report.
-- is_latest_known marks, for each figure several reports print (a year's
-- balance sheet in its own annual report and as the next reports'
-- comparative), the one from the newest report: its own period ends last.
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
    coalesce(facts.label <> trim(facts.label_printed), false) as is_label_repaired,
    facts.amount_printed,
    facts.raw_text,
    facts.unit,
    facts.note_ref,
    facts.section,
    facts.line_order,
    row_number() over (
        partition by
            facts.association_id, facts.statement, facts.line_item,
            case when facts.line_item = 'other' then coalesce(facts.label, facts.label_printed) end,
            facts.period_start, facts.period_end
        order by reports.period_end desc, reports.decided_on desc nulls last,
            reports.report_id desc, facts.line_order nulls last, facts.source_line nulls last
    ) = 1 as is_latest_known
from {{ ref('stg_statement_facts') }} as facts
inner join {{ ref('dim_report') }} as reports
    on reports.report_id = facts.report_id
