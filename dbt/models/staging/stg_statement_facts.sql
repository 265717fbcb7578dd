-- One row per printed figure of a financial statement.
select
    cast(report_id as varchar)          as report_id,
    cast(association_id as varchar)     as association_id,
    cast(statement as varchar)          as statement,
    cast(line_item as varchar)          as line_item,
    cast(label as varchar)              as label,
    cast(label_printed as varchar)      as label_printed,
    cast(section as varchar)            as section,
    cast(note_ref as varchar)           as note_ref,
    cast(period_start as date)          as period_start,
    cast(period_end as date)            as period_end,
    cast(is_comparative as boolean)     as is_comparative,
    cast(amount_sek as decimal(18, 2))  as amount_sek,
    cast(amount_printed as varchar)     as amount_printed,
    cast(unit as varchar)               as unit,
    cast(is_repaired as boolean)        as is_repaired,
    cast(repair_note as varchar)        as repair_note,
    cast(line_order as integer)         as line_order,
    cast(unsure_note as varchar)        as unsure_note,
    cast(source_page as integer)        as source_page,
    cast(source_line as integer)        as source_line,
    cast(raw_text as varchar)           as raw_text
from {{ source('raw', 'statement_facts') }}
