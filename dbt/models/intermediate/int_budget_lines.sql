-- Budget lines of the reports in dim_report, with their insats: matched on
-- the folded insats_label against the insats seed's names, else the insats the
-- parser matched (it also knows names that OCR damaged). Matching here as well
-- means a new alias takes effect at the next build, without parsing again.
with budget_lines as (

    select lines.*
    from {{ ref('stg_budget_lines') }} as lines
    inner join {{ ref('dim_report') }} as reports
        on reports.report_id = lines.report_id

),

aliases as (

    select association_id, insats_id, alias_folded
    from {{ ref('int_insats_aliases') }}

),

insatser as (

    select association_id, insats_id, display_name, category
    from {{ ref('insats') }}

),

matched as (

    select
        budget_lines.*,
        coalesce(by_alias.insats_id, by_parser.insats_id) as insats_id,
        case
            when by_alias.insats_id is not null then 'alias'
            when by_parser.insats_id is not null then 'parser'
        end as insats_match
    from budget_lines
    left join aliases as by_alias
        on by_alias.association_id = budget_lines.association_id
        and by_alias.alias_folded
            = trim(regexp_replace(strip_accents(lower(budget_lines.insats_label)), '[^a-z]+', ' ', 'g'))
    left join insatser as by_parser
        on by_parser.association_id = budget_lines.association_id
        and by_parser.insats_id = budget_lines.parsed_insats_id

)

-- insats_label is shown repaired (int_repaired_texts); it is matched above as printed.
select
    matched.* replace (coalesce(repaired.text_repaired, matched.insats_label) as insats_label),
    matched.insats_label as insats_label_printed,
    insatser.display_name as insats_display_name,
    coalesce(matched.category, insatser.category) as line_category
from matched
left join insatser
    on insatser.association_id = matched.association_id
    and insatser.insats_id = matched.insats_id
left join {{ ref('int_repaired_texts') }} as repaired
    on repaired.text_printed = matched.insats_label
