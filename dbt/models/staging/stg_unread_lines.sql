-- One row per line with figures in a section that no fact was read from.
select
    cast(report_id as varchar)        as report_id,
    cast(association_id as varchar)   as association_id,
    cast(section as varchar)          as section,
    cast(note_number as varchar)      as note_number,
    cast(label as varchar)            as label,
    cast(reason as varchar)           as reason,
    cast(source_page as integer)      as source_page,
    cast(source_line as integer)      as source_line,
    cast(raw_text as varchar)         as raw_text
from {{ source('raw', 'unread_lines') }}
