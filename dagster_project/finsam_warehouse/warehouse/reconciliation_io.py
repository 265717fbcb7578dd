"""Reading reconciliation inputs from, and writing check results to, the build file."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import duckdb
import pandas as pd

from finsam_warehouse.reconciliation.families import CHECK_FAMILIES

# Every check the engine runs, with what it verifies. Each is a Dagster asset check.
RECONCILIATION_CHECKS = CHECK_FAMILIES

CHECK_RESULTS_TABLE = "reconciliation.check_results"
CHECK_RESULTS_COLUMNS: list[tuple[str, str]] = [
    ("check_name", "VARCHAR"),
    ("report_id", "VARCHAR"),
    ("association_id", "VARCHAR"),
    ("period_end", "DATE"),
    ("subject", "VARCHAR"),
    ("expected", "DECIMAL(18,2)"),
    ("actual", "DECIMAL(18,2)"),
    ("difference", "DECIMAL(18,2)"),
    ("tolerance", "DECIMAL(18,2)"),
    ("status", "VARCHAR"),
    ("detail", "VARCHAR"),
    ("checked_at", "TIMESTAMP"),
    ("repairs", "VARCHAR"),
]
INPUTS_RELATION = "intermediate.int_reconciliation_inputs"


def create_check_results_table(con: duckdb.DuckDBPyConnection) -> None:
    """An empty results table, so dbt's staging view over it can be built first."""
    con.execute("CREATE SCHEMA IF NOT EXISTS reconciliation")
    columns = ", ".join(f"{name} {sql_type}" for name, sql_type in CHECK_RESULTS_COLUMNS)
    con.execute(f"CREATE OR REPLACE TABLE {CHECK_RESULTS_TABLE} ({columns})")


def read_reconciliation_inputs(build_path: Path) -> pd.DataFrame:
    con = duckdb.connect(str(build_path), read_only=True)
    try:
        return con.execute(
            f"SELECT * FROM {INPUTS_RELATION} ORDER BY check_name, report_id, period_end, subject"
        ).df()
    finally:
        con.close()


def write_check_results(build_path: Path, results: pd.DataFrame) -> int:
    names = [name for name, _ in CHECK_RESULTS_COLUMNS]
    frame = results[names].copy()
    for column in ("expected", "actual", "difference", "tolerance"):
        frame[column] = frame[column].map(lambda v: None if v is None or pd.isna(v) else str(v)).astype("object")
    casts = ", ".join(f"CAST({name} AS {sql_type})" for name, sql_type in CHECK_RESULTS_COLUMNS)
    con = duckdb.connect(str(build_path))
    try:
        con.execute(f"DELETE FROM {CHECK_RESULTS_TABLE}")
        if len(frame):
            con.register("check_results_frame", frame)
            con.execute(f"INSERT INTO {CHECK_RESULTS_TABLE} SELECT {casts} FROM check_results_frame")
            con.unregister("check_results_frame")
        con.execute("CHECKPOINT")
    finally:
        con.close()
    return len(frame)


@dataclass(frozen=True)
class FamilyOutcome:
    """One check family's verdict for its Dagster asset check."""

    passed: bool
    description: str
    metadata: dict[str, object]


def family_outcome(results: pd.DataFrame, check_name: str) -> FamilyOutcome:
    """Passed when no row fails; a family with no rows says so and is not passed."""
    rows = results[results["check_name"] == check_name] if len(results) else results
    if not len(rows):
        return FamilyOutcome(False, "no rows: nothing to compare", {"checked": 0, "status": "no rows"})
    failing = rows[rows["status"] == "fail"]
    counts = {status: int((rows["status"] == status).sum()) for status in ("pass", "warn", "fail", "not_run")}
    description = ", ".join(f"{n} {status}" for status, n in counts.items() if n)
    metadata: dict[str, object] = {
        "checked": len(rows),
        **counts,
        "failing_reports": ", ".join(sorted(set(failing["report_id"]))) if len(failing) else "",
    }
    return FamilyOutcome(len(failing) == 0, description, metadata)
