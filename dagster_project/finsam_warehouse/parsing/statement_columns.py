"""The columns of a statement table: each one's period, from its header.

A header cell gives a range, a date (the period's end) or a bare year (the
report's period in that year); the cells are read over all the header lines by
the layout engine (``layout.header``). Text with no cells (OCR runs) gives its
dates in order, a range's start and end perhaps on two lines.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

from finsam_warehouse.parsing.dates import ISO_DATE, ISO_RANGE, iso_date
from finsam_warehouse.parsing.layout.header import ColumnHeader, column_headers
from finsam_warehouse.parsing.models import ReportMetadata


@dataclass(frozen=True)
class Column:
    period_start: date | None
    period_end: date
    cell_index: int | None  # tab layout: which cell holds the column
    part: int = 0  # where one cell holds several columns' figures (printed touching): which of them
    parts: int = 1


def dates_in(text: str) -> list[date]:
    return [d for d in (iso_date(m.group(0)) for m in ISO_DATE.finditer(text)) if d]


def shift_year(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def columns_from_header(header: list[str], flow: bool, meta: ReportMetadata) -> list[Column]:
    # Tab layout: each column whose header gives a period (cells joined over the header lines).
    tabbed = [text for text in header if "\t" in text]
    # A note header run into the first date ("Not 2024-12-31") heads that date's column.
    headers = [h for h in column_headers(tabbed) if h.has_period and h.role in (None, "note")]
    columns = [header_column(h, flow, meta) for h in headers]
    if columns:
        return columns
    for text in header:
        ranges = [(iso_date(m[1]), iso_date(m[2])) for m in ISO_RANGE.finditer(text)]
        if ranges and all(s and e and s < e for s, e in ranges):
            return [Column(s, e, None) for s, e in ranges]  # type: ignore[arg-type]
    # Starts on one line and ends on the next: "2022-01-01 2021-01-01" / "-2022-12-31 2021-12-31".
    per_line = [dates_in(text) for text in header if dates_in(text)]
    if len(per_line) >= 2 and len(per_line[0]) == len(per_line[1]):
        starts, ends = per_line[0], per_line[1]
        if all(s < e for s, e in zip(starts, ends)):
            return [Column(s, e, None) for s, e in zip(starts, ends)]
    if per_line:
        return [complete_period(Column(None, d, None), flow, meta) for d in per_line[0]]
    return []


def header_column(header: ColumnHeader, flow: bool, meta: ReportMetadata) -> Column:
    """A column from its header; a bare year stands for the report's period in that year."""
    start, end = header.period_start, header.period_end
    if end is None:
        start, end = None, shift_year(meta.period_end, (header.year or meta.period_end.year) - meta.period_end.year)
    return complete_period(Column(start, end, header.cell, header.part, header.parts), flow, meta)


def complete_period(column: Column, flow: bool, meta: ReportMetadata) -> Column:
    """A flow column printed with its end date only starts like the report's period."""
    if not flow:
        return replace(column, period_start=None)
    if column.period_start is None:
        years = column.period_end.year - meta.period_end.year
        return replace(column, period_start=shift_year(meta.period_start, years))
    return column
