{#
    Helpers shared by the reconciliation inputs.
#}

{#- Where a printed figure is: "Summa tillgångar (page 4, line 331)".
    Page or line are left out where unknown; the label alone if both are. -#}
{% macro source_location(label, page, line) -%}
    (
        coalesce({{ label }}, '?')
        || coalesce(
            ' (' || nullif(concat_ws(', ', 'page ' || {{ page }}, 'line ' || {{ line }}), '') || ')',
            ''
        )
    )
{%- endmacro %}

{#- Largest difference that counts as rounding for a figure printed in `unit`:
    1 kr, or 1 tkr (1000 kr) where printed in tkr, 1 mkr where printed in mkr. -#}
{% macro rounding_tolerance(unit) -%}
    cast(
        case lower(trim({{ unit }}))
            when 'tkr' then 1000.00
            when 'kkr' then 1000.00
            when 'mkr' then 1000000.00
            else 1.00
        end
        as decimal(18, 2)
    )
{%- endmacro %}
