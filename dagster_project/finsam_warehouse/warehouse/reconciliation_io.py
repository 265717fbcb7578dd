"""Reading reconciliation inputs from, and writing check results to, the build file."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
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
    # md5 of the engine's version and the check's inputs: a result whose inputs did not change is kept.
    ("input_fingerprint", "VARCHAR"),
]
INPUTS_RELATION = "intermediate.int_reconciliation_inputs"
_INPUT_ORDER = "check_name, report_id, period_end, subject"
# Rows graded at a time, in DuckDB vectors of 2 048 rows.
_VECTOR_ROWS = 2048
PART_ROWS = _VECTOR_ROWS
# The inputs with their fingerprint; the one parameter is the engine's version. Each query
# computes it again: a temporary table of them measured 27 MB more at 2 400 reports.
_FINGERPRINTED_INPUTS = f"(SELECT md5(? || to_json(i)::VARCHAR) AS input_fingerprint, i.* FROM {INPUTS_RELATION} i)"


def create_check_results_table(con: duckdb.DuckDBPyConnection) -> None:
    """An empty results table, so dbt's staging view over it can be built first."""
    con.execute("CREATE SCHEMA IF NOT EXISTS reconciliation")
    columns = ", ".join(f"{name} {sql_type}" for name, sql_type in CHECK_RESULTS_COLUMNS)
    con.execute(f"CREATE OR REPLACE TABLE {CHECK_RESULTS_TABLE} ({columns})")


def grade_in_parts(
    build_path: Path,
    grade: Callable[[pd.DataFrame], pd.DataFrame],
    previous: Path | None = None,
    engine_version: str = "",
    part_rows: int = PART_ROWS,
) -> Iterator[pd.DataFrame]:
    """Replace the check results with ``grade``'s, a part at a time; yields each part's results.

    A part is at most ``part_rows`` rows, so memory does not grow with the number
    of reports. With ``previous`` (the published warehouse), a check whose inputs
    and ``engine_version`` are those of a result there keeps that result and when
    it was checked; those come first, as parts of check_name, report_id and status.
    A build that stops half way is never published.
    """
    con = duckdb.connect(str(build_path))
    reader = con.cursor()  # reads while ``con`` writes the results
    vectors = max(1, part_rows // _VECTOR_ROWS)
    try:
        con.execute(f"DELETE FROM {CHECK_RESULTS_TABLE}")
        if previous is not None and previous.is_file():
            _keep_previous_results(con, previous, engine_version)
        reader.execute(f"SELECT check_name, report_id, status FROM {CHECK_RESULTS_TABLE}")
        while len(kept := reader.fetch_df_chunk(vectors)):
            yield kept
        check_names = [name for (name,) in con.execute(
            f"SELECT DISTINCT check_name FROM {INPUTS_RELATION} ORDER BY 1").fetchall()]  # fmt: skip
        for check_name in check_names:  # one check at a time: a part is one GX validation
            reader.execute(
                f"SELECT * FROM {_FINGERPRINTED_INPUTS} WHERE check_name = ? AND input_fingerprint NOT IN "
                f"(SELECT input_fingerprint FROM {CHECK_RESULTS_TABLE}) ORDER BY {_INPUT_ORDER}",
                [engine_version, check_name],
            )
            while len(inputs := reader.fetch_df_chunk(vectors)):
                results = grade(inputs).assign(input_fingerprint=inputs["input_fingerprint"].to_numpy())
                _insert_check_results(con, results)
                yield results
        con.execute("CHECKPOINT")
    finally:
        reader.close()
        con.close()


def _keep_previous_results(con: duckdb.DuckDBPyConnection, previous: Path, engine_version: str) -> None:
    """Copy the previous build's results whose input fingerprint is met once here and once there.

    The previous file unreadable (held by a writer, or of an older layout) means no result is kept.
    """
    names = ", ".join(name for name, _ in CHECK_RESULTS_COLUMNS)
    once = "SELECT input_fingerprint FROM {} GROUP BY ALL HAVING count(*) = 1"
    try:
        con.execute("ATTACH ? AS previous_build (READ_ONLY)", [str(previous)])
    except duckdb.Error:
        return
    try:
        con.execute(
            f"INSERT INTO {CHECK_RESULTS_TABLE} SELECT {names} FROM previous_build.{CHECK_RESULTS_TABLE}"
            f" WHERE input_fingerprint IN ({once.format(_FINGERPRINTED_INPUTS)})"
            f" AND input_fingerprint IN ({once.format('previous_build.' + CHECK_RESULTS_TABLE)})",
            [engine_version],
        )
    except duckdb.Error:
        pass  # no such table or column there: every check is graded
    finally:
        con.execute("DETACH previous_build")


def _insert_check_results(con: duckdb.DuckDBPyConnection, results: pd.DataFrame) -> None:
    if not len(results):
        return
    names = [name for name, _ in CHECK_RESULTS_COLUMNS]
    frame = results[names].copy()
    for column in ("expected", "actual", "difference", "tolerance"):
        frame[column] = frame[column].map(lambda v: None if v is None or pd.isna(v) else str(v)).astype("object")
    casts = ", ".join(f"CAST({name} AS {sql_type})" for name, sql_type in CHECK_RESULTS_COLUMNS)
    con.register("check_results_frame", frame)
    try:
        con.execute(f"INSERT INTO {CHECK_RESULTS_TABLE} SELECT {casts} FROM check_results_frame")
    finally:
        con.unregister("check_results_frame")


@dataclass(frozen=True)
class FamilyOutcome:
    """One check family's verdict for its Dagster asset check."""

    passed: bool
    description: str
    metadata: dict[str, object]


@dataclass
class FamilyTally:
    """One check family's rows per status and its failing reports, added up over parts."""

    counts: Counter[str] = field(default_factory=Counter)
    failing_reports: set[str] = field(default_factory=set)

    def add(self, rows: pd.DataFrame) -> None:
        self.counts.update(rows["status"])
        self.failing_reports.update(str(r) for r in rows.loc[rows["status"] == "fail", "report_id"])

    def outcome(self) -> FamilyOutcome:
        """Passed when no row fails; a family with no rows says so and is not passed."""
        if not self.counts.total():
            return FamilyOutcome(False, "no rows: nothing to compare", {"checked": 0, "status": "no rows"})
        counts = {status: self.counts[status] for status in ("pass", "warn", "fail", "not_run")}
        description = ", ".join(f"{n} {status}" for status, n in counts.items() if n)
        metadata: dict[str, object] = {
            "checked": self.counts.total(),
            **counts,
            "failing_reports": ", ".join(sorted(self.failing_reports)),
        }
        return FamilyOutcome(not counts["fail"], description, metadata)


def tally_families(parts: Iterable[pd.DataFrame]) -> dict[str, FamilyTally]:
    """Each check family's tally over every part of the check results."""
    tallies: dict[str, FamilyTally] = {}
    for part in parts:
        for check_name, rows in part.groupby("check_name", sort=False):
            tallies.setdefault(str(check_name), FamilyTally()).add(rows)
    return tallies
