"""Load parsed reports into the raw tables of a fresh build warehouse."""

from __future__ import annotations

from datetime import datetime, timezone
from decimal import Decimal
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd

from finsam_warehouse.parsing.models import ParsedReport
from finsam_warehouse.parsing.statistics import StatisticsFile
from finsam_warehouse.warehouse.raw_schema import RAW_SCHEMA, RAW_TABLES, create_table_sql
from finsam_warehouse.warehouse.reconciliation_io import create_check_results_table


def remove_database(path: Path) -> None:
    for leftover in (path, path.with_name(path.name + ".wal")):
        leftover.unlink(missing_ok=True)


def _cell(value: Any) -> Any:
    if isinstance(value, Decimal):
        return str(value)
    return value


def insert_rows(con: duckdb.DuckDBPyConnection, table: str, rows: list[dict[str, Any]]) -> int:
    """Insert dict rows into raw.<table>, casting each column to its declared type."""
    if not rows:
        return 0
    columns = RAW_TABLES[table]
    frame = pd.DataFrame(
        {name: pd.Series([_cell(r.get(name)) for r in rows], dtype="object") for name, _ in columns}
    )
    casts = ", ".join(f"CAST({name} AS {sql_type}) AS {name}" for name, sql_type in columns)
    con.register("incoming_rows", frame)
    try:
        con.execute(f"INSERT INTO {RAW_SCHEMA}.{table} SELECT {casts} FROM incoming_rows")
    finally:
        con.unregister("incoming_rows")
    return len(rows)


def mark_duplicate_content(reports: list[ParsedReport]) -> None:
    """A file whose content another file already holds is loaded once, not twice."""
    first_by_sha: dict[str, str] = {}
    for report in sorted(reports, key=lambda r: r.source_file):
        if not report.ok or not report.source_sha256:
            continue
        first = first_by_sha.setdefault(report.source_sha256, report.source_file)
        if first != report.source_file:
            report.error_message = f"the same content as {first}, which is loaded instead"


def mark_duplicate_statistics(files: list[StatisticsFile]) -> None:
    """A statistics file whose content another already holds is loaded once."""
    first_by_sha: dict[str, str] = {}
    for statistics in sorted(files, key=lambda f: f.source_file):
        if not statistics.ok or not statistics.source_sha256:
            continue
        first = first_by_sha.setdefault(statistics.source_sha256, statistics.source_file)
        if first != statistics.source_file:
            statistics.error_message = f"the same content as {first}, which is loaded instead"
            statistics.figures = []


def _statistics_rows(files: list[StatisticsFile], parsed_at: datetime) -> dict[str, list[dict[str, Any]]]:
    rows: dict[str, list[dict[str, Any]]] = {"statistics_files": [], "statistics_figures": []}
    for statistics in files:
        rows["statistics_files"].append({**statistics.file_row(), "parsed_at": parsed_at})
        base = {"statistics_file_id": statistics.statistics_file_id, "association_id": statistics.association_id}
        rows["statistics_figures"].extend({**base, **figure.row()} for figure in statistics.figures)
    return rows


def load_raw_tables(
    build_path: Path, reports: list[ParsedReport], statistics: list[StatisticsFile] | None = None
) -> dict[str, int]:
    """Create a fresh build file holding the raw tables; return row counts per table."""
    mark_duplicate_content(reports)
    mark_duplicate_statistics(statistics or [])
    build_path.parent.mkdir(parents=True, exist_ok=True)
    remove_database(build_path)
    parsed_at = datetime.now(timezone.utc).replace(tzinfo=None)
    rows: dict[str, list[dict[str, Any]]] = {table: [] for table in RAW_TABLES}
    for report in reports:
        rows["reports"].append({**report.report_row(), "parsed_at": parsed_at})
        if not report.ok:
            continue
        rows["statement_facts"].extend(report.statement_rows())
        base = {"report_id": report.report_id, "association_id": report.association_id}
        rows["note_lines"].extend({**base, **r} for r in report.note_lines)
        rows["budget_lines"].extend({**base, **r} for r in report.budget_lines)
        rows["participant_counts"].extend({**base, **r} for r in report.participant_counts)
    rows.update(_statistics_rows(statistics or [], parsed_at))
    con = duckdb.connect(str(build_path))
    try:
        con.execute(f"CREATE SCHEMA IF NOT EXISTS {RAW_SCHEMA}")
        counts = {}
        for table in RAW_TABLES:
            con.execute(create_table_sql(table))
            counts[table] = insert_rows(con, table, rows[table])
        create_check_results_table(con)
        con.execute("CHECKPOINT")
    finally:
        con.close()
    return counts
