-- One row per figure of a statistics file, with the cell it was read from.
select
    cast(statistics_file_id as varchar)  as statistics_file_id,
    cast(association_id as varchar)      as association_id,
    cast(period_start as date)           as period_start,
    cast(period_end as date)             as period_end,
    cast(insats_label as varchar)        as insats_label,
    cast(insats_id as varchar)           as insats_id,
    cast(is_insats_total as boolean)     as is_insats_total,
    cast(measure as varchar)             as measure,
    cast(measure_printed as varchar)     as measure_printed,
    cast(sex as varchar)                 as sex,
    cast(sex_printed as varchar)         as sex_printed,
    cast(outcome as varchar)             as outcome,
    cast(outcome_text as varchar)        as outcome_text,
    cast(participant_count as integer)   as participant_count,
    cast(share_pct as decimal(9, 2))     as share_pct,
    cast(is_total as boolean)            as is_total,
    cast(source_sheet as varchar)        as source_sheet,
    cast(source_row as integer)          as source_row,
    cast(source_column as varchar)       as source_column,
    cast(raw_text as varchar)            as raw_text
from {{ source('raw', 'statistics_figures') }}
