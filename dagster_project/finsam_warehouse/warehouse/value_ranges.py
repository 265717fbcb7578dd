"""Figures that do not fit the warehouse's column types are the report's error.

Amounts are DECIMAL(18,2) (below 10^16 kr) and counts INTEGER (32-bit). A
figure outside that range would fail the whole load; instead its report gets
an error naming the figure, and the other reports load.
"""

from __future__ import annotations

from dataclasses import asdict
from decimal import Decimal
from typing import Any

from finsam_warehouse.parsing.models import ParsedReport

LARGEST_AMOUNT = Decimal(10) ** 16
LARGEST_INTEGER = 2**31 - 1


def _out_of_range(value: Any) -> bool:
    if isinstance(value, bool):
        return False
    if isinstance(value, Decimal):
        return not value.is_finite() or abs(value) >= LARGEST_AMOUNT
    if isinstance(value, int):
        return abs(value) > LARGEST_INTEGER
    return False


def out_of_range_problem(report: ParsedReport) -> str | None:
    """A message for the first figure the warehouse cannot hold, else None."""
    rows = [asdict(fact) for fact in report.statement_facts]
    rows += report.note_lines + report.budget_lines + report.participant_counts
    for row in rows:
        for column, value in row.items():
            if _out_of_range(value):
                where = f"line {row['source_line']}" if row.get("source_line") else "a fact"
                return f"a figure is too large for the warehouse ({column} = {value}, {where})"
    return None
