-- One row per line of a note to the accounts.
select
    cast(report_id as varchar)           as report_id,
    cast(association_id as varchar)      as association_id,
    cast(note_number as varchar)         as note_number,
    cast(note_title as varchar)          as note_title,
    cast(explains_statement as varchar)  as explains_statement,
    cast(explains_line_item as varchar)  as explains_line_item,
    cast(label as varchar)               as label,
    cast(label_printed as varchar)       as label_printed,
    cast(is_total as boolean)            as is_total,
    cast(period_start as date)           as period_start,
    cast(period_end as date)             as period_end,
    cast(is_comparative as boolean)      as is_comparative,
    cast(amount_sek as decimal(18, 2))   as amount_sek,
    cast(amount_printed as varchar)      as amount_printed,
    cast(line_order as integer)          as line_order,
    cast(source_page as integer)         as source_page,
    cast(source_line as integer)         as source_line,
    cast(raw_text as varchar)            as raw_text
from {{ source('raw', 'note_lines') }}
