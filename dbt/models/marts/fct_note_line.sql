-- One row per line of a note to the accounts, for every printed column.
-- Only reports in dim_report.
select
    notes.report_id,
    notes.association_id,
    notes.note_number,
    coalesce(repaired.text_repaired, notes.note_title) as note_title,
    notes.explains_statement,
    notes.explains_line_item,
    notes.label,
    notes.is_total,
    notes.period_start,
    notes.period_end,
    notes.is_comparative,
    notes.amount_sek,
    notes.source_page,
    notes.source_line,
    notes.raw_text,
    notes.label_printed,
    notes.note_title as note_title_printed
from {{ ref('stg_note_lines') }} as notes
inner join {{ ref('dim_report') }} as reports
    on reports.report_id = notes.report_id
left join {{ ref('int_repaired_texts') }} as repaired
    on repaired.text_printed = notes.note_title
