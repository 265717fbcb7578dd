"""What a build produced, in a few numbers for the end of `make run`."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import duckdb

STATUSES = ("pass", "warn", "fail", "not_run")


@dataclass(frozen=True)
class WarehouseSummary:
    warehouse: Path
    reports_found: int
    reports_read: int
    reports_with_errors: int
    facts: dict[str, int]
    checks: dict[str, int] = field(default_factory=dict)
    statistics_found: int = 0
    statistics_with_errors: int = 0

    @property
    def total_facts(self) -> int:
        return sum(self.facts.values())

    def text(self, dq_report: Path | None = None) -> str:
        checks = ", ".join(f"{self.checks.get(s, 0)} {s}" for s in STATUSES)
        lines = [
            f"Reports read: {self.reports_read} of {self.reports_found}"
            + (f" ({self.reports_with_errors} could not be read)" if self.reports_with_errors else ""),
            f"Statistics files read: {self.statistics_found - self.statistics_with_errors} of {self.statistics_found}"
            + (f" ({self.statistics_with_errors} could not be read)" if self.statistics_with_errors else ""),
            f"Facts loaded: {self.total_facts} ("
            + ", ".join(f"{n} {table}" for table, n in self.facts.items())
            + ")",
            f"Reconciliations: {checks}",
            f"Warehouse: {self.warehouse}",
        ]
        if dq_report is not None:
            lines.append(f"Data-quality report: {dq_report}")
        return "\n".join(lines)

    def as_metadata(self) -> dict[str, int]:
        return {
            "reports_read": self.reports_read,
            "reports_with_errors": self.reports_with_errors,
            "facts": self.total_facts,
            "statistics_files_read": self.statistics_found - self.statistics_with_errors,
            "statistics_files_with_errors": self.statistics_with_errors,
            **{f"checks_{s}": self.checks.get(s, 0) for s in STATUSES},
        }


FACT_TABLES = {
    "financial statement figures": "marts.fct_financial_statement",
    "note lines": "marts.fct_note_line",
    "budget lines": "marts.fct_budget_vs_outcome",
    "participant figures": "marts.fct_participants WHERE source = 'report'",
    "statistics file figures": "marts.fct_participants WHERE source = 'statistics'",
}


def warehouse_summary(warehouse: Path) -> WarehouseSummary:
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        found, errors = con.execute(
            "SELECT count(*), count(*) FILTER (WHERE parse_status <> 'ok') FROM raw.reports"
        ).fetchone()
        facts = {label: con.execute(f"SELECT count(*) FROM {table}").fetchone()[0] for label, table in FACT_TABLES.items()}
        checks = dict(con.execute("SELECT status, count(*) FROM marts.dq_reconciliation GROUP BY status").fetchall())
        statistics = con.execute(
            "SELECT count(*), count(*) FILTER (WHERE parse_status <> 'ok') FROM raw.statistics_files"
        ).fetchone()
    finally:
        con.close()
    return WarehouseSummary(warehouse, found, found - errors, errors, facts, checks, *statistics)
