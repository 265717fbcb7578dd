"""Load parsed reports into the raw tables of a fresh build warehouse, a batch of reports at a time."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd

from finsam_warehouse.parsing.models import ParsedReport
from finsam_warehouse.parsing.statistics import StatisticsFile
from finsam_warehouse.warehouse.raw_schema import RAW_SCHEMA, RAW_TABLES, REPORT_TABLES, create_table_sql
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
    frame = pd.DataFrame({name: pd.Series([_cell(r.get(name)) for r in rows], dtype="object") for name, _ in columns})
    casts = ", ".join(f"CAST({name} AS {sql_type}) AS {name}" for name, sql_type in columns)
    con.register("incoming_rows", frame)
    try:
        con.execute(f"INSERT INTO {RAW_SCHEMA}.{table} SELECT {casts} FROM incoming_rows")
    finally:
        con.unregister("incoming_rows")
    return len(rows)


@dataclass(frozen=True)
class ReportSummary:
    """What the load keeps of a report once its rows are written: enough to find copies and to log it."""

    report_id: str
    source_file: str
    source_sha256: str
    association_id: str
    org_nr_printed: str | None
    error_message: str | None

    @classmethod
    def of(cls, report: ParsedReport) -> ReportSummary:
        printed = report.metadata.org_nr_printed if report.metadata else None
        return cls(
            report.report_id,
            report.source_file,
            report.source_sha256,
            report.association_id,
            printed,
            report.error_message,
        )


def duplicate_content(
    reports: Iterable[ReportSummary], org_nrs: dict[str, str | None], seen_at: Callable[[str], float]
) -> dict[str, str]:
    """A file whose content another file already holds is loaded once, not twice: report_id → why not.

    The copy that stays is the one in the folder of the association whose
    org.nr the report prints; else the earliest seen (``seen_at``: source file →
    modification time), then the first path.
    """
    copies: dict[str, list[ReportSummary]] = {}
    for report in reports:
        if report.error_message is None and report.source_sha256:
            copies.setdefault(report.source_sha256, []).append(report)

    def preference(report: ReportSummary) -> tuple:
        own_folder = report.org_nr_printed is not None and org_nrs.get(report.association_id) == report.org_nr_printed
        return (not own_folder, seen_at(report.source_file), report.source_file)

    unloaded: dict[str, str] = {}
    for group in (group for group in copies.values() if len(group) > 1):
        kept, *others = sorted(group, key=preference)
        for report in others:
            unloaded[report.report_id] = f"the same content as {kept.source_file}, which is loaded instead"
    return unloaded


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


class _BatchWriter:
    """Buffers the rows of a batch of reports and appends them to the raw tables."""

    def __init__(self, con: duckdb.DuckDBPyConnection, batch_reports: int) -> None:
        self.con = con
        self.batch_reports = batch_reports
        self.rows: dict[str, list[dict[str, Any]]] = {table: [] for table in RAW_TABLES}
        self.pending = 0

    def add(self, report: ParsedReport, parsed_at: datetime) -> None:
        self.rows["reports"].append({**report.report_row(), "parsed_at": parsed_at})
        if report.ok:
            self.rows["statement_facts"].extend(report.statement_rows())
            base = {"report_id": report.report_id, "association_id": report.association_id}
            self.rows["note_lines"].extend({**base, **r} for r in report.note_lines)
            self.rows["budget_lines"].extend({**base, **r} for r in report.budget_lines)
            self.rows["participant_counts"].extend({**base, **r} for r in report.participant_counts)
            self.rows["extraction_coverage"].extend(report.coverage_rows())
            self.rows["unread_lines"].extend(report.unread_line_rows())
            self.rows["report_pages"].extend(report.page_rows())
        self.pending += 1
        if self.pending >= self.batch_reports:
            self.flush()

    def flush(self) -> None:
        for table, rows in self.rows.items():
            insert_rows(self.con, table, rows)
            rows.clear()
        self.pending = 0


def _unload(con: duckdb.DuckDBPyConnection, unloaded: dict[str, str]) -> None:
    """Turn loaded reports into error rows without facts (copies found once every file was loaded)."""
    if not unloaded:
        return
    con.executemany(
        f"UPDATE {RAW_SCHEMA}.reports SET parse_status = 'error', error_message = ? WHERE report_id = ?",
        [[message, report_id] for report_id, message in unloaded.items()],
    )
    ids = list(unloaded)
    for table in (t for t in REPORT_TABLES if t != "reports"):
        con.execute(f"DELETE FROM {RAW_SCHEMA}.{table} WHERE list_contains(?, report_id)", [ids])


@dataclass(frozen=True)
class RawLoad:
    """Rows per raw table, and each report or statistics file not loaded with why (source file, error)."""

    counts: dict[str, int]
    problems: list[tuple[str, str]]


def load_raw_tables(
    build_path: Path,
    reports: Iterable[ParsedReport],
    statistics: list[StatisticsFile] | None = None,
    copies: tuple[dict[str, str | None], Callable[[str], float]] = ({}, lambda _: 0.0),
    batch_reports: int = 250,
) -> RawLoad:
    """Create a fresh build file holding the raw tables, reading ``reports`` once, in batches.

    Only a batch of reports is held at a time, so memory does not grow with
    their number. ``copies`` (org.nr per association, when each file was seen)
    decides which of several files with the same bytes is loaded: the others
    become error rows once every file is in.
    """
    mark_duplicate_statistics(statistics or [])
    build_path.parent.mkdir(parents=True, exist_ok=True)
    remove_database(build_path)
    parsed_at = datetime.now(UTC).replace(tzinfo=None)
    con = duckdb.connect(str(build_path))
    try:
        con.execute(f"CREATE SCHEMA IF NOT EXISTS {RAW_SCHEMA}")
        for table in RAW_TABLES:
            con.execute(create_table_sql(table))
        writer = _BatchWriter(con, batch_reports)
        summaries = []
        for report in reports:
            writer.add(report, parsed_at)
            summaries.append(ReportSummary.of(report))
        writer.flush()
        unloaded = duplicate_content(summaries, *copies)
        _unload(con, unloaded)
        for table, rows in _statistics_rows(statistics or [], parsed_at).items():
            insert_rows(con, table, rows)
        create_check_results_table(con)
        con.execute("CHECKPOINT")
        counts = {t: con.execute(f"SELECT count(*) FROM {RAW_SCHEMA}.{t}").fetchone()[0] for t in RAW_TABLES}
    finally:
        con.close()
    problems = [(r.source_file, unloaded.get(r.report_id) or r.error_message) for r in summaries]
    problems += [(f.source_file, f.error_message) for f in statistics or [] if not f.ok]
    return RawLoad(counts, [(source, error) for source, error in problems if error])


def write_build_info(build_path: Path, fingerprint: str) -> None:
    """One row on the build: what it was made from and when (raw.build_info)."""
    con = duckdb.connect(str(build_path))
    try:
        con.execute(
            f"CREATE OR REPLACE TABLE {RAW_SCHEMA}.build_info (fingerprint VARCHAR NOT NULL, built_at TIMESTAMP NOT NULL)"
        )
        con.execute(
            f"INSERT INTO {RAW_SCHEMA}.build_info VALUES (?, ?)",
            [fingerprint, datetime.now(UTC).replace(tzinfo=None)],
        )
    finally:
        con.close()
