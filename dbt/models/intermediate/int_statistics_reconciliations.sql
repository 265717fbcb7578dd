/*
    The reconciliations of participant statistics files, in the columns of
    int_reconciliation_inputs:

    * statistics_sex_sum: within a file, women + men = Totalt, per insats and column;
    * statistics_insats_total: within a file, the insats rows sum to the row over
      all insatser, per column and sex;
    * statistics_vs_report: a report's figure against the statistics file's for
      the same association, period, insats, measure, sex and outcome.
*/

with figures as (

    select
        *,
        {{ statistics_cell('source_sheet', 'source_column', 'source_row') }} as cell,
        {{ file_name('source_file') }} as file_name,
        coalesce(insats_label, 'samtliga insatser') as insats_name,
        case when is_insats_total then '(all)' else coalesce(insats_id, 'unmatched: ' || insats_label) end as insats_key
    from {{ ref('int_statistics_participants') }}

),

counts as (

    select * from figures where participant_count is not null

),

-- One row per file, column and insats row group: the figures by sex.
by_sex as (

    select
        statistics_file_id,
        any_value(file_name) as file_name,
        any_value(source_file) as source_file,
        association_id,
        period_start,
        period_end,
        insats_key,
        is_insats_total,
        any_value(insats_name) as insats_name,
        measure,
        outcome,
        source_column,
        any_value(anonymous_count) as anonymous_count,
        bool_or(anonymous_in_totals) as anonymous_in_totals,
        min(participant_count) filter (where sex = 'all') as all_count,
        min(participant_count) filter (where sex = 'female') as female_count,
        min(participant_count) filter (where sex = 'male') as male_count,
        min(cell) filter (where sex = 'all') as all_cell,
        min(cell) filter (where sex = 'female') as female_cell,
        min(cell) filter (where sex = 'male') as male_cell
    from counts
    group by
        statistics_file_id, association_id, period_start, period_end, insats_key, is_insats_total,
        measure, outcome, source_column

),

-- Check statistics_sex_sum ------------------------------------------------------

statistics_sex_sum as (

    select
        'statistics_sex_sum' as check_name,
        statistics_file_id as report_id,
        association_id,
        period_end,
        'Kvinnor + män vs totalt: ' || measure || coalesce(' (' || outcome || ')', '') || ', '
            || insats_name || ' (' || file_name || ')' as subject,
        all_count as expected,
        female_count + male_count as actual,
        case
            when anonymous_in_totals and female_count + male_count < all_count
                then least(all_count - (female_count + male_count), anonymous_count)
            else 0
        end as tolerance,
        file_name || ': totalt ' || all_count || ' (' || all_cell || ') vs kvinnor '
            || coalesce(cast(female_count as varchar) || ' (' || female_cell || ')', '?')
            || ' + män ' || coalesce(cast(male_count as varchar) || ' (' || male_cell || ')', '?') as detail,
        case
            when female_count is null then 'count of women not found'
            when male_count is null then 'count of men not found'
        end as missing_inputs
    from by_sex
    where all_count is not null
      and (female_count is not null or male_count is not null)

),

-- Check statistics_insats_total ---------------------------------------------------
-- Per insats, the figure of each sex; for all, the Totalt row or else women + men.

insats_values as (

    select *, 'female' as sex, female_count as value from by_sex where not is_insats_total
    union all
    select *, 'male', male_count from by_sex where not is_insats_total
    union all
    select *, 'all', coalesce(all_count, female_count + male_count) from by_sex where not is_insats_total

),

insats_sums as (

    select
        statistics_file_id, period_start, period_end, measure, outcome, source_column, sex,
        sum(value) as insats_sum,
        count(value) as insats_count
    from insats_values
    where value is not null
    group by statistics_file_id, period_start, period_end, measure, outcome, source_column, sex

),

statistics_insats_total as (

    select
        'statistics_insats_total' as check_name,
        totals.statistics_file_id as report_id,
        totals.association_id,
        totals.period_end,
        'Insatser vs samtliga insatser: ' || totals.measure || coalesce(' (' || totals.outcome || ')', '')
            || ', ' || totals.sex || ' (' || totals.file_name || ')' as subject,
        totals.participant_count as expected,
        sums.insats_sum as actual,
        0 as tolerance,
        totals.file_name || ': ' || totals.raw_text || ' (' || totals.cell || ') vs the sum of '
            || coalesce(cast(sums.insats_count as varchar), 'no') || ' insatser in column '
            || totals.source_column as detail,
        case when sums.insats_sum is null then 'no insats rows in column ' || totals.source_column end
            as missing_inputs
    from counts as totals
    left join insats_sums as sums
        on sums.statistics_file_id = totals.statistics_file_id
        and sums.period_start = totals.period_start
        and sums.period_end = totals.period_end
        and sums.measure = totals.measure
        and sums.outcome is not distinct from totals.outcome
        and sums.source_column = totals.source_column
        and sums.sex = totals.sex
    where totals.is_insats_total

),

-- Check statistics_vs_report ------------------------------------------------------
-- The statistics side: every figure as printed, all = women + men where a file
-- prints no Totalt, and outcome groups (arbete, studier eller arbetssökande)
-- summed from their parts on the same row.

outcome_groups (outcome_group, part, parts) as (

    values
        ('work_studies_or_job_seeking', 'work', 3),
        ('work_studies_or_job_seeking', 'studies', 3),
        ('work_studies_or_job_seeking', 'job_seeking', 3),
        ('work_or_studies', 'work', 2),
        ('work_or_studies', 'studies', 2)

),

statistics_side as (

    select
        statistics_file_id, file_name, association_id, period_start, period_end, insats_key, insats_name,
        measure, sex, outcome, participant_count, share_pct, cell as cells
    from figures
    union all
    select
        statistics_file_id, file_name, association_id, period_start, period_end, insats_key, insats_name,
        measure, 'all', outcome, female_count + male_count, null,
        female_cell || ' + ' || male_cell
    from by_sex
    where all_count is null and female_count is not null and male_count is not null
    union all
    select
        statistics_file_id, any_value(file_name), association_id, period_start, period_end, insats_key,
        any_value(insats_name), 'ended', sex, outcome_group, sum(participant_count), null,
        string_agg(cell, ' + ' order by source_column)
    from counts
    inner join outcome_groups on outcome_groups.part = counts.outcome
    where measure = 'ended'
    group by
        statistics_file_id, association_id, period_start, period_end, insats_key, sex, source_sheet,
        source_row, outcome_group, parts
    having count(*) = parts

),

report_side as (

    select
        report_id, source_file, association_id, period_start, period_end,
        case when insats_label is null then '(all)' else coalesce(insats_id, 'unmatched: ' || insats_label) end
            as insats_key,
        measure, sex, outcome, participant_count, share_pct, source_page, source_line
    from {{ ref('fct_participants') }}
    where source = 'report'

),

pairs as (

    select
        stats.*,
        stats.statistics_file_id || '|' || stats.cells || '|' || stats.measure || '|' || stats.sex
            || '|' || coalesce(stats.outcome, '') as side_key,
        reports.report_id,
        {{ file_name('reports.source_file') }} as report_file,
        reports.participant_count as report_count,
        reports.share_pct as report_share,
        concat_ws(', ', 'page ' || reports.source_page, 'line ' || reports.source_line) as report_cell,
        reports.source_line as report_line
    from statistics_side as stats
    inner join report_side as reports
        on reports.association_id = stats.association_id
        and reports.period_start = stats.period_start
        and reports.period_end = stats.period_end
        and reports.insats_key = stats.insats_key
        and reports.measure = stats.measure
        and reports.sex = stats.sex
        and reports.outcome is not distinct from stats.outcome

),

compared as (

    -- Counts and shares apart; where a report prints several figures for the
    -- same thing, the closest is compared and the others are named.
    select
        'count' as kind, *, participant_count as stats_value, report_count as report_value,
        cast(participant_count as varchar) as stats_printed, cast(report_count as varchar) as report_printed
    from pairs where participant_count is not null and report_count is not null
    union all
    select 'share', *, share_pct, report_share, share_pct || ' %', report_share || ' %'
    from pairs where share_pct is not null and report_share is not null

),

candidates as (

    select
        kind, side_key, report_id, count(*) as figure_count,
        string_agg(report_printed || ' (' || report_cell || ')', ', ' order by report_line)
            as figures_listed
    from compared
    group by kind, side_key, report_id

),

closest as (

    select compared.*, candidates.figure_count, candidates.figures_listed
    from compared
    inner join candidates using (kind, side_key, report_id)
    qualify row_number() over (
        partition by kind, side_key, report_id
        order by abs(report_value - stats_value), report_line
    ) = 1

),

statistics_vs_report as (

    select
        'statistics_vs_report' as check_name,
        report_id,
        association_id,
        period_end,
        'Statistics vs report: ' || measure || coalesce(' (' || outcome || ')', '')
            || case when kind = 'share' then ' share %' else '' end
            || ', ' || sex || ', ' || insats_name || ' (' || file_name || ')' as subject,
        stats_value as expected,
        report_value as actual,
        case when kind = 'share' then 0.5 else 0 end as tolerance,
        'statistics ' || file_name || ' (' || cells || '): ' || stats_printed
            || ' vs report ' || report_file || ' (' || report_cell || '): ' || report_printed
            || case
                when figure_count > 1
                    then '; the report prints ' || figure_count || ' such figures, the closest compared: '
                        || figures_listed
                else ''
            end as detail,
        cast(null as varchar) as missing_inputs
    from closest

)

select * from statistics_sex_sum
union all
select * from statistics_insats_total
union all
select * from statistics_vs_report
