{#
    The participant figures of dim_report's reports, in the shape of
    marts.fct_participants. fct_participants takes the results
    (is_target = false), fct_participant_targets the targets (is_target = true).
    Attendees of structural activities (measure `attendees`) stay in staging.
#}

{#- A name folded as the parser folds it: lower case, å/ä/ö/é without their
    marks, every run of other characters one space, trimmed. -#}
{% macro folded_name(column) -%}
    trim(regexp_replace(strip_accents(lower({{ column }})), '[^a-z]+', ' ', 'g'))
{%- endmacro %}

{% macro participant_rows(is_target) -%}
with counts as (

    select
        counts.*,
        coalesce(counts.insats_key, {{ folded_name('counts.insats_label') }}) as insats_match,
        coalesce(counts.outcome_key, {{ folded_name('counts.outcome_text') }}) as outcome_match
    from {{ ref('stg_participant_counts') }} as counts
    inner join {{ ref('dim_report') }} as reports
        on reports.report_id = counts.report_id
    where counts.is_target = {{ is_target }}
      and counts.measure in ('participants', 'started', 'ended', 'current')

),

-- The outcome vocabulary: one code per folded phrase.
outcome_phrases as (

    select {{ folded_name('phrase') }} as phrase_folded, min(outcome) as outcome
    from {{ ref('participant_outcomes') }}
    group by 1

),

mapped as (

    -- insats_id: the insats whose alias (insats seed) the printed name
    -- matches, as for budget lines; NULL for the whole association and for a
    -- name no alias matches (insats_label shows it).
    -- outcome: for ended participants, the code of the printed phrase in the
    -- participant_outcomes seed; `other` for a phrase it does not hold.
    select
        counts.*,
        aliases.insats_id,
        case
            when counts.measure = 'ended' and counts.outcome_match is not null
                then coalesce(outcome_phrases.outcome, 'other')
        end as outcome
    from counts
    left join {{ ref('int_insats_aliases') }} as aliases
        on aliases.association_id = counts.association_id
        and aliases.alias_folded = counts.insats_match
    left join outcome_phrases
        on outcome_phrases.phrase_folded = counts.outcome_match

)

select
    -- contract columns
    report_id,
    association_id,
    period_start,
    period_end,
    cast(insats_id as varchar) as insats_id,
    measure,
    sex,
    cast(outcome as varchar) as outcome,
    participant_count,
    share_pct,
    -- further columns: names shown repaired (int_repaired_texts), printed beside
    coalesce(repaired_insats.text_repaired, mapped.insats_label) as insats_label,
    coalesce(repaired_outcome.text_repaired, mapped.outcome_text) as outcome_text,
    measure_printed,
    source_page,
    source_line,
    raw_text,
    mapped.insats_label as insats_label_printed,
    mapped.outcome_text as outcome_text_printed
from mapped
left join {{ ref('int_repaired_texts') }} as repaired_insats
    on repaired_insats.text_printed = mapped.insats_label
left join {{ ref('int_repaired_texts') }} as repaired_outcome
    on repaired_outcome.text_printed = mapped.outcome_text
{%- endmacro %}
