"""How many checks ended in each status: overall, per check family and per report.

The report lists fails, warnings, checks not run and coverage row by row, but
only counts the checks that passed. Counting in SQL keeps the passes out of
memory, so the report's memory does not grow with the number of reports.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

import duckdb
import pandas as pd

from finsam_warehouse.reconciliation.report.formatting import text
from finsam_warehouse.reconciliation.rows import STATUSES, is_missing

# Rows the report shows one by one: every check that did not pass, and every coverage row.
COVERAGE_CHECK = "extraction_coverage"
LISTED_ROWS_CONDITION = f"status <> 'pass' OR check_name = '{COVERAGE_CHECK}'"


@dataclass
class CheckCounts:
    """Checks per (report_id, association_id, status) and per (check_name, status)."""

    per_report: Counter[tuple[str, str, str]] = field(default_factory=Counter)
    per_family: Counter[tuple[str, str]] = field(default_factory=Counter)
    checked_at: pd.Timestamp | None = None

    @classmethod
    def of_rows(cls, rows: Iterable[dict[str, object]]) -> CheckCounts:
        counts = cls()
        times = []
        for row in rows:
            status = text(row.get("status"))
            counts.per_report[(text(row.get("report_id")), text(row.get("association_id")), status)] += 1
            counts.per_family[(text(row.get("check_name")), status)] += 1
            if not is_missing(row.get("checked_at")):
                times.append(pd.Timestamp(row["checked_at"]))  # type: ignore[arg-type]
        counts.checked_at = max(times) if times else None
        return counts

    @classmethod
    def in_warehouse(cls, con: duckdb.DuckDBPyConnection, relation: str) -> CheckCounts:
        counts = cls()
        for report_id, association_id, status, n in con.execute(
            f"SELECT report_id, association_id, status, count(*) FROM {relation} GROUP BY ALL"
        ).fetchall():
            counts.per_report[(text(report_id), text(association_id), text(status))] = int(n)
        for check_name, status, n in con.execute(
            f"SELECT check_name, status, count(*) FROM {relation} GROUP BY ALL"
        ).fetchall():
            counts.per_family[(text(check_name), text(status))] = int(n)
        (checked_at,) = con.execute(f"SELECT max(checked_at) FROM {relation}").fetchone() or (None,)
        counts.checked_at = None if checked_at is None else pd.Timestamp(checked_at)
        return counts

    @property
    def total(self) -> int:
        return sum(self.per_family.values())

    def by_status(self) -> dict[str, int]:
        return {status: sum(n for (_, s), n in self.per_family.items() if s == status) for status in STATUSES}

    def of_family(self, check_name: str) -> dict[str, int]:
        return {status: self.per_family[(check_name, status)] for status in STATUSES}

    def by_report(self) -> dict[str, dict[str, int]]:
        """report_id -> checks per status (every status present, zero where none)."""
        per: dict[str, dict[str, int]] = {}
        for (report_id, _, status), n in self.per_report.items():
            per_status = per.setdefault(report_id, dict.fromkeys(STATUSES, 0))
            if status in per_status:
                per_status[status] += n
        return per

    def report_associations(self) -> Iterable[tuple[str, str, str, int]]:
        """(report_id, association_id, status, checks) for each group counted."""
        for (report_id, association_id, status), n in self.per_report.items():
            yield report_id, association_id, status, n
