-- One row per participant figure (result or target), from a table or a sentence.
select
    cast(report_id as varchar)         as report_id,
    cast(association_id as varchar)    as association_id,
    cast(period_start as date)         as period_start,
    cast(period_end as date)           as period_end,
    cast(insats_label as varchar)      as insats_label,
    cast(measure as varchar)           as measure,
    cast(sex as varchar)               as sex,
    cast(outcome_text as varchar)      as outcome_text,
    cast(participant_count as integer) as participant_count,
    cast(share_pct as decimal(9, 2))   as share_pct,
    cast(is_target as boolean)         as is_target,
    cast(source_page as integer)       as source_page,
    cast(source_line as integer)       as source_line,
    cast(raw_text as varchar)          as raw_text
from {{ source('raw', 'participant_counts') }}
