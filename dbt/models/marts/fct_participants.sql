-- One row per participant count a report gives (results, not targets), from
-- tables and sentences, and one per figure of a participant statistics file.
-- Report figures: only reports in dim_report. `source` says which.
-- Where several figures give the same thing (association, period, insats,
-- measure, sex, outcome; a count or a share), one is_preferred, and
-- preference_reason names the rule that chose it.
with from_reports as (

    {{ participant_rows(is_target=false) }}

),

figures as (

    select
        from_reports.*,
        cast('report' as varchar) as source,
        reports.source_file,
        cast(null as varchar) as statistics_file_id,
        cast(null as varchar) as source_sheet,
        cast(null as integer) as source_row,
        cast(null as varchar) as source_column,
        cast(null as boolean) as is_total,
        -- the parser joins a table row's cells with " | "
        case when from_reports.raw_text like '% | %' then 'table' else 'sentence' end as figure_kind,
        reports.period_end as report_period_end,
        reports.decided_on as report_decided_on
    from from_reports
    inner join {{ ref('dim_report') }} as reports
        on reports.report_id = from_reports.report_id

    union all by name

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
        insats_label as insats_label_printed,
        outcome_text as outcome_text_printed,
        'statistics' as source,
        source_file,
        statistics_file_id,
        source_sheet,
        source_row,
        source_column,
        is_total,
        'statistics' as figure_kind,
        cast(null as date) as report_period_end,
        cast(null as date) as report_decided_on
    from {{ ref('int_statistics_participants') }}

),

-- Figures that give the same thing. A report's name no insats alias matches
-- is its own insats, not the whole association.
grouped as (

    select
        figures.*,
        hash(
            association_id, period_start, period_end, insats_id,
            case when insats_id is null and source = 'report' then insats_label_printed end,
            measure, sex, outcome, participant_count is null
        ) as same_figure
    from figures

),

ranked as (

    select
        grouped.*,
        row_number() over (
            partition by same_figure
            order by
                source = 'statistics' desc,
                figure_kind = 'table' desc,
                report_period_end desc nulls last,
                report_decided_on desc nulls last,
                source_file,
                source_line,
                source_row
        ) = 1 as is_preferred,
        count(*) over (partition by same_figure) as figures_alike,
        bool_or(source = 'statistics') over (partition by same_figure) as any_statistics,
        bool_or(source = 'report') over (partition by same_figure) as any_report,
        bool_or(figure_kind = 'table') over (partition by same_figure) as any_table,
        bool_or(figure_kind = 'sentence') over (partition by same_figure) as any_sentence,
        count(distinct report_id) over (partition by same_figure) as reports_alike
    from grouped

)

select
    -- contract columns
    report_id,
    association_id,
    period_start,
    period_end,
    insats_id,
    measure,
    sex,
    outcome,
    participant_count,
    share_pct,
    -- further columns
    insats_label,
    outcome_text,
    measure_printed,
    source_page,
    source_line,
    raw_text,
    source,
    source_file,
    statistics_file_id,
    source_sheet,
    source_row,
    source_column,
    is_total,
    insats_label_printed,
    outcome_text_printed,
    figure_kind,
    is_preferred,
    cast(case
        when figures_alike = 1 then 'only_figure'
        when any_statistics and any_report then 'statistics_file'
        when any_table and any_sentence then 'table_over_sentence'
        when reports_alike > 1 then 'newest_report'
        else 'first_printed'
    end as varchar) as preference_reason
from ranked
