{#
    The participant figures of dim_report's reports, in the shape of
    marts.fct_participants. fct_participants takes the results
    (is_target = false), fct_participant_targets the targets (is_target = true).
#}
{% macro participant_rows(is_target) -%}
with counts as (

    select counts.*
    from {{ ref('stg_participant_counts') }} as counts
    inner join {{ ref('dim_report') }} as reports
        on reports.report_id = counts.report_id
    where counts.is_target = {{ is_target }}

),

mapped as (

    -- insats_id: the initiative, named the same across reports and years.
    -- Not mapped yet: a registry of insats labels per insats (a seed) is
    -- joined here and supplies insats_id; until then it is NULL.
    --
    -- outcome: what ended participants went on to, as a code. The printed
    -- outcome_text is not mapped to codes yet (a seed of outcome texts is
    -- joined here); until then every printed outcome of an `ended` row is
    -- `other`, and all other rows have none.
    select
        counts.*,
        cast(null as varchar) as insats_id,
        case
            when counts.measure = 'ended' and counts.outcome_text is not null
                then 'other'
        end as outcome
    from counts

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
    -- further columns
    insats_label,
    outcome_text,
    source_page,
    source_line,
    raw_text
from mapped
{%- endmacro %}
