-- One row per participant figure (result or target), from a table or a sentence.
select
    cast(report_id as varchar)            as report_id,
    cast(association_id as varchar)       as association_id,
    cast(period_start as date)            as period_start,
    cast(period_end as date)              as period_end,
    cast(insats_label as varchar)         as insats_label,
    cast(insats_key as varchar)           as insats_key,
    cast(measure as varchar)              as measure,
    cast(measure_printed as varchar)      as measure_printed,
    cast(sex as varchar)                  as sex,
    cast(outcome_text as varchar)         as outcome_text,
    cast(outcome_key as varchar)          as outcome_key,
    cast(participant_count as integer)    as participant_count,
    cast(share_pct as decimal(9, 2))      as share_pct,
    cast(is_target as boolean)            as is_target,
    cast(figure_group as integer)         as figure_group,
    cast(anonymous_mentioned as boolean)  as anonymous_mentioned,
    cast(source_page as integer)          as source_page,
    cast(source_line as integer)          as source_line,
    cast(raw_text as varchar)             as raw_text
from {{ source('raw', 'participant_counts') }}
