"""The raw tables the parsers fill. dbt's staging views read these.

Each table is declared once here as (column, DuckDB type) pairs. The loader
creates them from this list, and dbt's ``sources.yml`` names the same columns.
"""

from __future__ import annotations

RAW_SCHEMA = "raw"

PROVENANCE_COLUMNS: list[tuple[str, str]] = [
    ("source_page", "INTEGER"),
    ("source_line", "INTEGER"),
    ("raw_text", "VARCHAR"),
]

RAW_TABLES: dict[str, list[tuple[str, str]]] = {
    # One row per report file found, parsed or not. parse_status is 'ok' or 'error'.
    "reports": [
        ("report_id", "VARCHAR"),
        ("association_id", "VARCHAR"),
        ("source_file", "VARCHAR"),
        ("source_sha256", "VARCHAR"),
        ("source_format", "VARCHAR"),
        ("report_type", "VARCHAR"),
        ("period_start", "DATE"),
        ("period_end", "DATE"),
        ("decided_on", "DATE"),
        ("org_nr_printed", "VARCHAR"),
        ("page_count", "INTEGER"),
        ("line_count", "INTEGER"),
        ("parse_status", "VARCHAR"),
        ("error_message", "VARCHAR"),
        ("parser_version", "VARCHAR"),
        ("parsed_at", "TIMESTAMP"),
    ],
    # One row per printed figure of a financial statement.
    "statement_facts": [
        ("report_id", "VARCHAR"),
        ("association_id", "VARCHAR"),
        ("statement", "VARCHAR"),
        ("line_item", "VARCHAR"),
        ("label", "VARCHAR"),
        ("label_printed", "VARCHAR"),
        ("section", "VARCHAR"),
        ("note_ref", "VARCHAR"),
        ("period_start", "DATE"),
        ("period_end", "DATE"),
        ("is_comparative", "BOOLEAN"),
        ("amount_sek", "DECIMAL(18,2)"),
        ("amount_printed", "VARCHAR"),
        ("unit", "VARCHAR"),
        ("is_repaired", "BOOLEAN"),
        ("repair_note", "VARCHAR"),
        ("line_order", "INTEGER"),
        ("unsure_note", "VARCHAR"),
        *PROVENANCE_COLUMNS,
    ],
    # One row per line of a note to the accounts (revenue by member, costs, ...).
    "note_lines": [
        ("report_id", "VARCHAR"),
        ("association_id", "VARCHAR"),
        ("note_number", "VARCHAR"),
        ("note_title", "VARCHAR"),
        ("explains_statement", "VARCHAR"),
        ("explains_line_item", "VARCHAR"),
        ("label", "VARCHAR"),
        ("label_printed", "VARCHAR"),
        ("is_total", "BOOLEAN"),
        ("period_start", "DATE"),
        ("period_end", "DATE"),
        ("is_comparative", "BOOLEAN"),
        ("amount_sek", "DECIMAL(18,2)"),
        ("amount_printed", "VARCHAR"),
        ("line_order", "INTEGER"),
        *PROVENANCE_COLUMNS,
    ],
    # One row per line of a budget / outcome / forecast table. line_kind is
    # 'table_line', 'insats_summary' (one per per-insats report) or 'cost_line'
    # (a cost line of a per-insats report).
    "budget_lines": [
        ("report_id", "VARCHAR"),
        ("association_id", "VARCHAR"),
        ("table_title", "VARCHAR"),
        ("table_number", "INTEGER"),
        ("fiscal_year", "INTEGER"),
        ("period_end", "DATE"),
        ("budget_line", "VARCHAR"),
        ("label_printed", "VARCHAR"),
        ("section", "VARCHAR"),
        ("category", "VARCHAR"),
        ("is_total", "BOOLEAN"),
        ("line_kind", "VARCHAR"),
        ("insats_label", "VARCHAR"),
        ("insats_id", "VARCHAR"),
        ("parent_line_order", "INTEGER"),
        ("budget_full_year_sek", "DECIMAL(18,2)"),
        ("budget_period_sek", "DECIMAL(18,2)"),
        ("outcome_sek", "DECIMAL(18,2)"),
        ("outcome_previous_year_sek", "DECIMAL(18,2)"),
        ("forecast_full_year_sek", "DECIMAL(18,2)"),
        ("printed_difference_sek", "DECIMAL(18,2)"),
        ("difference_basis", "VARCHAR"),
        ("unit", "VARCHAR"),
        ("line_order", "INTEGER"),
        *PROVENANCE_COLUMNS,
        ("unread_figures", "VARCHAR"),
    ],
    # One row per participant figure, from a table or a sentence. insats_key and
    # outcome_key are the folded names dbt matches against the insats and
    # participant_outcomes seeds; figures read together (one sentence, table row
    # or chart) share a figure_group.
    "participant_counts": [
        ("report_id", "VARCHAR"),
        ("association_id", "VARCHAR"),
        ("period_start", "DATE"),
        ("period_end", "DATE"),
        ("insats_label", "VARCHAR"),
        ("insats_key", "VARCHAR"),
        ("measure", "VARCHAR"),
        ("measure_printed", "VARCHAR"),
        ("sex", "VARCHAR"),
        ("outcome_text", "VARCHAR"),
        ("outcome_key", "VARCHAR"),
        ("participant_count", "INTEGER"),
        ("share_pct", "DECIMAL(9,2)"),
        ("is_target", "BOOLEAN"),
        ("figure_group", "INTEGER"),
        ("anonymous_mentioned", "BOOLEAN"),
        *PROVENANCE_COLUMNS,
    ],
    # One row per section a report has or must have (the statements, the
    # notes): found or not, and how many of its lines with figures were read.
    "extraction_coverage": [
        ("report_id", "VARCHAR"),
        ("association_id", "VARCHAR"),
        ("section", "VARCHAR"),
        ("is_required", "BOOLEAN"),
        ("is_found", "BOOLEAN"),
        ("heading_page", "INTEGER"),
        ("heading_line", "INTEGER"),
        ("heading_text", "VARCHAR"),
        ("lines_with_figures", "INTEGER"),
        ("lines_read", "INTEGER"),
    ],
    # One row per line with figures in a section that no fact was read from.
    "unread_lines": [
        ("report_id", "VARCHAR"),
        ("association_id", "VARCHAR"),
        ("section", "VARCHAR"),
        ("note_number", "VARCHAR"),
        ("label", "VARCHAR"),
        ("reason", "VARCHAR"),
        *PROVENANCE_COLUMNS,
    ],
    # One row per page of a paged report (PDF, text with form feeds): the running
    # line number it starts at; line on the page = source_line - first_line + 1.
    "report_pages": [
        ("report_id", "VARCHAR"),
        ("association_id", "VARCHAR"),
        ("page", "INTEGER"),
        ("first_line", "INTEGER"),
    ],
    # One row per participant statistics file found (SUS, Uppföljning Finsam
    # exports), read or not. parse_status is 'ok' or 'error'.
    "statistics_files": [
        ("statistics_file_id", "VARCHAR"),
        ("association_id", "VARCHAR"),
        ("source_file", "VARCHAR"),
        ("source_sha256", "VARCHAR"),
        ("source_format", "VARCHAR"),
        ("encoding", "VARCHAR"),
        ("separator", "VARCHAR"),
        ("sheet", "VARCHAR"),
        ("header_row", "INTEGER"),
        ("title", "VARCHAR"),
        ("organisation_printed", "VARCHAR"),
        ("org_nr_printed", "VARCHAR"),
        ("period_start", "DATE"),
        ("period_end", "DATE"),
        ("anonymous_count", "INTEGER"),
        ("anonymous_in_totals", "BOOLEAN"),
        ("figure_count", "INTEGER"),
        ("parse_status", "VARCHAR"),
        ("error_message", "VARCHAR"),
        ("notes", "VARCHAR"),
        ("reader_version", "VARCHAR"),
        ("parsed_at", "TIMESTAMP"),
    ],
    # One row per figure of a statistics file, with its cell (sheet, row, column).
    "statistics_figures": [
        ("statistics_file_id", "VARCHAR"),
        ("association_id", "VARCHAR"),
        ("period_start", "DATE"),
        ("period_end", "DATE"),
        ("insats_label", "VARCHAR"),
        ("insats_id", "VARCHAR"),
        ("is_insats_total", "BOOLEAN"),
        ("measure", "VARCHAR"),
        ("measure_printed", "VARCHAR"),
        ("sex", "VARCHAR"),
        ("sex_printed", "VARCHAR"),
        ("outcome", "VARCHAR"),
        ("outcome_text", "VARCHAR"),
        ("participant_count", "INTEGER"),
        ("share_pct", "DECIMAL(9,2)"),
        ("is_total", "BOOLEAN"),
        ("source_sheet", "VARCHAR"),
        ("source_row", "INTEGER"),
        ("source_column", "VARCHAR"),
        ("raw_text", "VARCHAR"),
    ],
}

# The tables with a row per report or per fact of a report (keyed by report_id).
REPORT_TABLES = tuple(table for table, columns in RAW_TABLES.items() if columns[0][0] == "report_id")


def create_table_sql(table: str) -> str:
    columns = ",\n    ".join(f"{name} {sql_type}" for name, sql_type in RAW_TABLES[table])
    return f"CREATE OR REPLACE TABLE {RAW_SCHEMA}.{table} (\n    {columns}\n)"
