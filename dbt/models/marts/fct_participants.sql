-- One row per participant count a report gives (results, not targets), from
-- tables and sentences, and one per figure of a participant statistics file.
-- Report figures: only reports in dim_report. `source` says which.
with from_reports as (

    {{ participant_rows(is_target=false) }}

)

select
    -- contract columns
    from_reports.report_id,
    from_reports.association_id,
    from_reports.period_start,
    from_reports.period_end,
    from_reports.insats_id,
    from_reports.measure,
    from_reports.sex,
    from_reports.outcome,
    from_reports.participant_count,
    from_reports.share_pct,
    -- further columns
    from_reports.insats_label,
    from_reports.outcome_text,
    from_reports.measure_printed,
    from_reports.source_page,
    from_reports.source_line,
    from_reports.raw_text,
    cast('report' as varchar) as source,
    reports.source_file,
    cast(null as varchar) as statistics_file_id,
    cast(null as varchar) as source_sheet,
    cast(null as integer) as source_row,
    cast(null as varchar) as source_column,
    cast(null as boolean) as is_total
from from_reports
inner join {{ ref('dim_report') }} as reports
    on reports.report_id = from_reports.report_id

union all

select
    cast(null as varchar) as report_id,
    association_id,
    period_start,
    period_end,
    cast(insats_id as varchar) as insats_id,
    measure,
    sex,
    cast(outcome as varchar) as outcome,
    participant_count,
    share_pct,
    insats_label,
    outcome_text,
    measure_printed,
    cast(null as integer) as source_page,
    cast(null as integer) as source_line,
    raw_text,
    'statistics' as source,
    source_file,
    statistics_file_id,
    source_sheet,
    source_row,
    source_column,
    is_total
from {{ ref('int_statistics_participants') }}
