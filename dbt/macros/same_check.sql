{#- The join condition of two relations keyed like the checks: one check row is
    its name, report, period end, subject and detail. -#}
{% macro same_check(left, right) -%}
    {{ left }}.check_name = {{ right }}.check_name
    and {{ left }}.report_id = {{ right }}.report_id
    and {{ left }}.period_end is not distinct from {{ right }}.period_end
    and {{ left }}.subject = {{ right }}.subject
    and {{ left }}.detail is not distinct from {{ right }}.detail
{%- endmacro %}
