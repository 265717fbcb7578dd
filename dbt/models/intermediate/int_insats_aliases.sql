-- One row per insats and name it is printed under (its display name and each
-- alias of the insats seed), with the folded form names are matched in:
-- lower case, å/ä/ö/é without their marks, letters only ("Kansli 1.0" and
-- "kansli" fold alike).
with insatser as (

    select association_id, insats_id, display_name, category, aliases
    from {{ ref('insats') }}

),

names as (

    select association_id, insats_id, display_name, category, display_name as alias
    from insatser
    union all
    select association_id, insats_id, display_name, category, trim(unnest(string_split(aliases, '|'))) as alias
    from insatser
    where aliases is not null

)

select distinct
    association_id,
    insats_id,
    display_name,
    category,
    alias,
    trim(regexp_replace(strip_accents(lower(alias)), '[^a-z]+', ' ', 'g')) as alias_folded,
    association_id || '|' || trim(regexp_replace(strip_accents(lower(alias)), '[^a-z]+', ' ', 'g')) as alias_key
from names
where trim(alias) <> ''
qualify row_number() over (
    partition by association_id, insats_id, alias_folded order by alias
) = 1
