-- One row per ingested report: the reports that parsed (parse_status 'ok').
select
    report_id,
    association_id,
    report_type,
    period_start,
    period_end,
    decided_on,
    source_file,
    source_sha256,
    source_format
from {{ ref('stg_reports') }}
where parse_status = 'ok'
