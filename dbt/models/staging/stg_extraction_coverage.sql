-- One row per section a report has or must have: found or not, lines with figures read.
select
    cast(report_id as varchar)            as report_id,
    cast(association_id as varchar)       as association_id,
    cast(section as varchar)              as section,
    cast(is_required as boolean)          as is_required,
    cast(is_found as boolean)             as is_found,
    cast(heading_page as integer)         as heading_page,
    cast(heading_line as integer)         as heading_line,
    cast(heading_text as varchar)         as heading_text,
    cast(lines_with_figures as integer)   as lines_with_figures,
    cast(lines_read as integer)           as lines_read
from {{ source('raw', 'extraction_coverage') }}
