-- One row per cost line of a per-insats report ("Ekonomisk rapport": Löner,
-- Lokalkostnader, …), with the insats it belongs to. Only reports in
-- dim_report. The insats's own row (Förbrukade medel, Erhållna/Budgeterade
-- medel, Överskott) is in fct_budget_vs_outcome.
select
    report_id,
    association_id,
    fiscal_year,
    period_end,
    insats_id,
    insats_display_name,
    insats_label,
    line_category as category,
    budget_line as cost_line,
    outcome_sek as amount_sek,
    -- further columns
    cost_lines.cost_line_code,
    insats_label_printed,
    label_printed,
    table_title,
    table_number,
    unit,
    line_order,
    parent_line_order,
    source_page,
    source_line,
    raw_text
from {{ ref('int_budget_lines') }} as lines
-- The common code of a cost line, whatever its spelling (seed cost_lines).
left join (
    select {{ folded_name('phrase') }} as phrase_folded, min(cost_line_code) as cost_line_code
    from {{ ref('cost_lines') }}
    group by 1
) as cost_lines
    on cost_lines.phrase_folded = {{ folded_name('lines.budget_line') }}
where lines.line_kind = 'cost_line'
