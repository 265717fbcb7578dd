{#
    Helpers for participant statistics files.
#}

{#- Where in a statistics file a figure is printed: "sheet 'Status' C10", or
    "line 8 column G" for a CSV. -#}
{% macro statistics_cell(sheet, column, row) -%}
    (
        case
            when {{ sheet }} is null then 'line ' || {{ row }} || ' column ' || {{ column }}
            else 'sheet ''' || {{ sheet }} || ''' ' || {{ column }} || {{ row }}
        end
    )
{%- endmacro %}

{#- The file name of a path under data/raw/ ("SUS_x.xlsx"). -#}
{% macro file_name(path) -%}
    split_part({{ path }}, '/', 2)
{%- endmacro %}
