-- One row per report file found, parsed or not.
select
    cast(report_id as varchar)       as report_id,
    cast(association_id as varchar)  as association_id,
    cast(source_file as varchar)     as source_file,
    cast(source_sha256 as varchar)   as source_sha256,
    cast(source_format as varchar)   as source_format,
    cast(report_type as varchar)     as report_type,
    cast(period_start as date)       as period_start,
    cast(period_end as date)         as period_end,
    cast(decided_on as date)         as decided_on,
    cast(org_nr_printed as varchar)  as org_nr_printed,
    cast(page_count as integer)      as page_count,
    cast(line_count as integer)      as line_count,
    cast(parse_status as varchar)    as parse_status,
    cast(error_message as varchar)   as error_message,
    cast(parser_version as varchar)  as parser_version,
    cast(parsed_at as timestamp)     as parsed_at
from {{ source('raw', 'reports') }}
