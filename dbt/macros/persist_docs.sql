{#
    Comments in the warehouse file, in Swedish and English: dbt's persist_docs
    (dbt_project.yml, marts) writes each mart's and column's description; these
    overrides of dbt-duckdb's macros put the Swedish name first:
    "sv: Rapportens id | en: Id of the report, ...". The Swedish names are in
    swedish_names.sql; a column it does not name keeps its English text alone.
#}

{% macro bilingual_comment(swedish, english) -%}
    {%- if swedish and english -%}sv: {{ swedish }} | en: {{ english | trim }}
    {%- elif swedish -%}sv: {{ swedish }}
    {%- else -%}{{ english | trim }}{%- endif -%}
{%- endmacro %}

{% macro duckdb__alter_relation_comment(relation, comment) %}
  {% set swedish = swedish_table_names().get(relation.identifier) %}
  {% set escaped_comment = duckdb_escape_comment(bilingual_comment(swedish, comment)) %}
  comment on {{ relation.type }} {{ relation }} is {{ escaped_comment }};
{% endmacro %}

{% macro duckdb__alter_column_comment(relation, column_dict) %}
  {% set existing_columns = adapter.get_columns_in_relation(relation) | map(attribute="name") | list %}
  {% set swedish_names = swedish_column_names() %}
  {% for column_name in column_dict if (column_name in existing_columns) %}
    {% set comment = bilingual_comment(swedish_names.get(column_name), column_dict[column_name]['description']) %}
    {% set escaped_comment = duckdb_escape_comment(comment) %}
    comment on column {{ relation }}.{{ adapter.quote(column_name) if column_dict[column_name]['quote'] else column_name }} is {{ escaped_comment }};
  {% endfor %}
{% endmacro %}
