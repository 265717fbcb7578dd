"""The report's inputs: check result rows and one record per report or statistics file."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, replace
from decimal import Decimal

import pandas as pd

from finsam_warehouse.reconciliation.report.formatting import as_decimal, text, text_or_none, to_date
from finsam_warehouse.reconciliation.report.vocabulary import label

STATISTICS_TYPE = "statistics"


@dataclass(frozen=True)
class ReportInfo:
    report_id: str
    association_id: str | None
    source_file: str | None
    report_type: str | None
    period_start: dt.date | None
    period_end: dt.date | None
    parse_status: str | None
    error_message: str | None
    association_name: str | None = None
    title: str = ""  # "Årsredovisning 2022", "Delårsrapport jan–jun 2023"

    @property
    def name(self) -> str:
        """What a person calls the report: association and title."""
        association = self.association_name or self.association_id
        return " – ".join(part for part in (association, self.title) if part)

    @property
    def file_name(self) -> str:
        return (self.source_file or self.report_id).rsplit("/", 1)[-1]


def rows(frame: pd.DataFrame) -> list[dict[str, object]]:
    if frame.empty:
        return []
    return [{str(k): v for k, v in row.items()} for row in frame.astype(object).to_dict("records")]


def period_words(start: dt.date | None, end: dt.date | None) -> str:
    """``jan–jun 2023``, ``2022`` for a calendar year, ``dec 2022–jun 2023`` across years."""
    if end is None:
        return ""
    if start is None:
        return f"{label('month', end.month)} {end.year}"
    if (start.month, start.day, end.month, end.day) == (1, 1, 12, 31) and start.year == end.year:
        return str(end.year)
    if start.year == end.year:
        return f"{label('month', start.month)}–{label('month', end.month)} {end.year}"
    return f"{label('month', start.month)} {start.year}–{label('month', end.month)} {end.year}"


def report_title(info: ReportInfo, statistics_title: str | None = None) -> str:
    """The report's type and period in words; the file name where neither is known."""
    if info.report_type is None or info.period_end is None:
        return info.file_name
    kind = label("report_type", info.report_type)
    if info.report_type == "annual":
        years = sorted({info.period_start.year if info.period_start else info.period_end.year, info.period_end.year})
        return f"{kind} {'/'.join(str(y) for y in years)}"
    title = f"{kind} {period_words(info.period_start, info.period_end)}"
    if info.report_type == STATISTICS_TYPE:
        title += f": {statistics_title or info.file_name}"
    return title


def report_infos(reports: pd.DataFrame, association_names: dict[str, str] | None = None) -> dict[str, ReportInfo]:
    """One record per report, keyed by report id; names are made unique with the file name."""
    association_names = association_names or {}
    infos: dict[str, ReportInfo] = {}
    for index, row in enumerate(rows(reports)):
        report_id = text_or_none(row.get("report_id")) or text_or_none(row.get("source_file"))
        key = report_id or f"(unnamed report {index + 1})"
        association_id = text_or_none(row.get("association_id"))
        info = ReportInfo(
            report_id=key,
            association_id=association_id,
            source_file=text_or_none(row.get("source_file")),
            report_type=text_or_none(row.get("report_type")),
            period_start=to_date(row.get("period_start")),
            period_end=to_date(row.get("period_end")),
            parse_status=text_or_none(row.get("parse_status")),
            error_message=text_or_none(row.get("error_message")),
            association_name=association_names.get(association_id or ""),
        )
        infos[key] = replace(info, title=report_title(info, text_or_none(row.get("title"))))
    twice = {name for name, n in Counter(info.name for info in infos.values()).items() if n > 1}
    return {
        key: replace(info, title=f"{info.title} ({info.file_name})") if info.name in twice else info
        for key, info in infos.items()
    }


def rows_with_status(rows: Iterable[dict[str, object]], status: str) -> list[dict[str, object]]:
    return [row for row in rows if row.get("status") == status]


def abs_difference(row: dict[str, object]) -> Decimal:
    number = as_decimal(row.get("difference"))
    return abs(number) if number is not None else Decimal(0)


def report_name(report_id: object, infos: dict[str, ReportInfo]) -> str:
    """The report's name (association and title) where known, else its id."""
    info = infos.get(text(report_id))
    return info.name if info else text(report_id)


def report_source(report_id: object, infos: dict[str, ReportInfo]) -> str:
    """The report's source file where known (what a person looks for), else its id."""
    info = infos.get(text(report_id))
    return (info.source_file if info and info.source_file else None) or text(report_id)
