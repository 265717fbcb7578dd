"""What a table column's header says: its period, unit and role.

A column's header is the text of its cells above the first row of figures,
top to bottom, joined: a header cell printed over two lines ("2023-01-01 –" over
"2023-06-30") reads as one range. The period is an ISO range, an ISO date (the
period's end) or a bare year; the unit is kr, tkr or mkr; the role comes from
the words in ``column_roles.csv`` (note, budget, outcome, forecast, difference,
share).
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path

from finsam_warehouse.parsing.dates import ISO_DATE, ISO_RANGE, iso_date
from finsam_warehouse.parsing.numbers import unit_of
from finsam_warehouse.parsing.ocr_repair import fold, strip_markup

ROLES_FILE = Path(__file__).with_name("column_roles.csv")
# A year standing alone in a header cell ("2021", "Helår 2021"), not part of a date.
BARE_YEAR = re.compile(r"(?<![\d-])((?:19|20)\d{2})(?![\d-])")


@dataclass(frozen=True)
class ColumnHeader:
    cell: int  # the column's cell index in its rows
    text: str  # its header cells, top to bottom
    period_start: date | None
    period_end: date | None
    year: int | None  # a bare year, where no date is printed
    unit: str | None
    role: str | None
    part: int = 0  # where one cell holds several columns' figures: which of them
    parts: int = 1

    @property
    def has_period(self) -> bool:
        return self.period_end is not None or self.year is not None


@lru_cache(maxsize=1)
def column_roles() -> dict[str, str]:
    with ROLES_FILE.open(encoding="utf-8", newline="") as handle:
        return {row["word"]: row["role"] for row in csv.DictReader(handle)}


def column_headers(header_rows: list[str]) -> list[ColumnHeader]:
    """The headers of the columns of tab-separated header rows (cell 0 is the label column)."""
    texts: dict[int, list[str]] = {}
    for row in header_rows:
        for index, cell in enumerate(row.split("\t")[1:], start=1):
            cell = strip_markup(cell).strip()
            if cell:
                texts.setdefault(index, []).append(cell)
    return [header for index, parts in sorted(texts.items()) for header in read_header(index, " ".join(parts))]


def read_header(cell: int, text: str) -> list[ColumnHeader]:
    """A cell's column header; several where it names several periods.

    Several periods in one cell ("2021-08-31 2021-12-31", two ranges) are
    columns whose figures were printed too close to be parted: each is one
    ``part`` of the cell, in order.
    """
    periods = _periods(text)
    unit, role = unit_of(text), role_of(text)
    if not periods:
        return [ColumnHeader(cell, text, None, None, None, unit, role)]
    return [
        ColumnHeader(cell, text, start, end, year, unit, role, part, len(periods))
        for part, (start, end, year) in enumerate(periods)
    ]


def _periods(text: str) -> list[tuple[date | None, date | None, int | None]]:
    """The ranges, else the dates (period ends), else the bare years a header names."""
    ranges = [(iso_date(m[1]), iso_date(m[2])) for m in ISO_RANGE.finditer(text)]
    if ranges and all(s and e and s < e for s, e in ranges):
        return [(s, e, None) for s, e in ranges]
    dates = [d for d in (iso_date(m.group(0)) for m in ISO_DATE.finditer(text)) if d]
    if dates:
        return _date_periods(dates) if not ranges else [(None, dates[-1], None)]
    years = sorted(set(BARE_YEAR.findall(text)), key=text.index)
    return [(None, None, int(y)) for y in years]


def _date_periods(dates: list[date]) -> list[tuple[date | None, date | None, int | None]]:
    """Periods from a header's dates: each date a period's end, but a month's first day,
    which no period ends on, starts the period of the date after it.

    Serves headers whose range lost its dash or was printed over two lines
    ("2023-01-01" over "2023-06-30", OCR); a first day with no date after it
    (the other half of a range in the next cell) names no period.
    """
    periods: list[tuple[date | None, date | None, int | None]] = []
    start: date | None = None
    for day in dates:
        if day.day == 1:
            start = day
            continue
        periods.append((start if start and start < day else None, day, None))
        start = None
    return periods


def role_of(text: str) -> str | None:
    """The role the header's words give, or None; the first word with a role wins."""
    roles = column_roles()
    for word in fold(text).split():
        if word in roles:
            return roles[word]
    return None
