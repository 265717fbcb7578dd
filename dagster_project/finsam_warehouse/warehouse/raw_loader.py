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


def mark_duplicate_content(
    reports: list[ParsedReport], org_nrs: dict[str, str | None], seen_at: dict[str, float]
) -> None:
    """A file whose content another file already holds is loaded once, not twice.

    The copy that stays is the one in the folder of the association whose
    org.nr the report prints; else the earliest seen (``seen_at``: source file →
    modification time), then the first path.
    """
    copies: dict[str, list[ParsedReport]] = {}
    for report in reports:
        if report.ok and report.source_sha256:
            copies.setdefault(report.source_sha256, []).append(report)

    def preference(report: ParsedReport) -> tuple:
        printed = report.metadata.org_nr_printed if report.metadata else None
        own_folder = printed is not None and org_nrs.get(report.association_id) == printed
        return (not own_folder, seen_at.get(report.source_file, float("inf")), report.source_file)

    for group in copies.values():
        kept, *others = sorted(group, key=preference)
        for report in others:
            report.error_message = f"the same content as {kept.source_file}, which is loaded instead"


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
    build_path: Path,
    reports: list[ParsedReport],
    statistics: list[StatisticsFile] | None = None,
    copies: tuple[dict[str, str | None], dict[str, float]] = ({}, {}),
) -> dict[str, int]:
    """Create a fresh build file holding the raw tables; return row counts per table.

    ``copies`` (org.nr per association, when each file was seen) decides which
    of several files with the same bytes is loaded.
    """
    mark_duplicate_content(reports, *copies)
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
        rows["extraction_coverage"].extend(report.coverage_rows())
        rows["unread_lines"].extend(report.unread_line_rows())
        rows["report_pages"].extend(report.page_rows())
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


def write_build_info(build_path: Path, fingerprint: str) -> None:
    """One row on the build: what it was made from and when (raw.build_info)."""
    con = duckdb.connect(str(build_path))
    try:
        con.execute(
            f"CREATE OR REPLACE TABLE {RAW_SCHEMA}.build_info (fingerprint VARCHAR NOT NULL, built_at TIMESTAMP NOT NULL)"
        )
        con.execute(
            f"INSERT INTO {RAW_SCHEMA}.build_info VALUES (?, ?)",
            [fingerprint, datetime.now(timezone.utc).replace(tzinfo=None)],
        )
    finally:
        con.close()
