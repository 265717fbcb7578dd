-- The figures of every statistics file that could be read, with the insats
-- resolved through the insats seed (as for reports) and where each was read.
with files as (

    select statistics_file_id, source_file, anonymous_count, anonymous_in_totals
    from {{ ref('stg_statistics_files') }}
    where parse_status = 'ok'

),

outcome_phrases as (

    select {{ folded_name('phrase') }} as phrase_folded, min(outcome) as outcome
    from {{ ref('participant_outcomes') }}
    group by 1

)

select
    figures.statistics_file_id,
    files.source_file,
    figures.association_id,
    figures.period_start,
    figures.period_end,
    -- NULL for the row over all insatser, as a report's figure for the whole association
    case when not figures.is_insats_total then coalesce(aliases.insats_id, figures.insats_id) end as insats_id,
    case when not figures.is_insats_total then figures.insats_label end as insats_label,
    figures.is_insats_total,
    figures.measure,
    figures.measure_printed,
    figures.sex,
    figures.sex_printed,
    coalesce(outcome_phrases.outcome, figures.outcome) as outcome,
    figures.outcome_text,
    figures.participant_count,
    figures.share_pct,
    figures.is_total,
    figures.source_sheet,
    figures.source_row,
    figures.source_column,
    figures.raw_text,
    files.anonymous_count,
    files.anonymous_in_totals
from {{ ref('stg_statistics_figures') }} as figures
inner join files using (statistics_file_id)
left join {{ ref('int_insats_aliases') }} as aliases
    on aliases.association_id = figures.association_id
    and aliases.alias_folded = {{ folded_name('figures.insats_label') }}
left join outcome_phrases
    on outcome_phrases.phrase_folded = {{ folded_name('figures.outcome_text') }}
