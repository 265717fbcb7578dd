"""Typed records the statistics reader produces."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any


class StatisticsError(Exception):
    """A statistics file that cannot be read. The message says what is wrong, for a person."""


@dataclass(frozen=True)
class Cell:
    """One cell as printed, with where it is: sheet, 1-based row, column letter."""

    sheet: str | None
    row: int
    column: str
    text: str


@dataclass(frozen=True)
class StatisticsFigure:
    """One count or share of a statistics file, with its provenance."""

    period_start: date
    period_end: date
    insats_label: str | None  # as printed; None for a row over all insatser
    insats_id: str | None  # the insats registry's id, where a name matched
    is_insats_total: bool  # the row over all insatser ("Samtliga insatser")
    measure: str  # participants, started, ended, current
    measure_printed: str  # the column header
    sex: str  # female, male, all
    sex_printed: str | None
    outcome: str | None  # for ended: the outcome code
    outcome_text: str | None  # the outcome as printed (column header)
    participant_count: int | None
    share_pct: Decimal | None
    is_total: bool  # a figure that sums others of the file (Totalt by sex, or all insatser)
    source_sheet: str | None
    source_row: int
    source_column: str
    raw_text: str  # the cell as printed

    def row(self) -> dict[str, Any]:
        return dict(self.__dict__)


@dataclass
class StatisticsFile:
    """What one statistics file holds, or why it could not be read."""

    statistics_file_id: str
    association_id: str
    source_file: str
    source_sha256: str
    reader_version: str
    source_format: str | None = None  # 'xlsx' or 'csv'
    encoding: str | None = None
    separator: str | None = None
    sheet: str | None = None
    header_row: int | None = None
    title: str | None = None
    organisation_printed: str | None = None
    org_nr_printed: str | None = None
    period_start: date | None = None
    period_end: date | None = None
    anonymous_count: int | None = None
    anonymous_in_totals: bool | None = None
    error_message: str | None = None
    notes: list[str] = field(default_factory=list)  # cells or rows left out, and why
    figures: list[StatisticsFigure] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.error_message is None

    def file_row(self) -> dict[str, Any]:
        row = {k: v for k, v in self.__dict__.items() if k not in ("figures", "notes")}
        row["notes"] = "; ".join(self.notes) or None
        row["figure_count"] = len(self.figures)
        row["parse_status"] = "ok" if self.ok else "error"
        return row
