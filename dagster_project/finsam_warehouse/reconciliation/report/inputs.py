"""The report's inputs: check result rows and one record per report or statistics file."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

import pandas as pd

from finsam_warehouse.reconciliation.report.formatting import as_decimal, text, text_or_none, to_date


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


def rows(frame: pd.DataFrame) -> list[dict[str, object]]:
    if frame.empty:
        return []
    return [{str(k): v for k, v in row.items()} for row in frame.astype(object).to_dict("records")]


def report_infos(reports: pd.DataFrame) -> dict[str, ReportInfo]:
    infos: dict[str, ReportInfo] = {}
    for index, row in enumerate(rows(reports)):
        report_id = text_or_none(row.get("report_id")) or text_or_none(row.get("source_file"))
        key = report_id or f"(unnamed report {index + 1})"
        infos[key] = ReportInfo(
            report_id=key,
            association_id=text_or_none(row.get("association_id")),
            source_file=text_or_none(row.get("source_file")),
            report_type=text_or_none(row.get("report_type")),
            period_start=to_date(row.get("period_start")),
            period_end=to_date(row.get("period_end")),
            parse_status=text_or_none(row.get("parse_status")),
            error_message=text_or_none(row.get("error_message")),
        )
    return infos


def rows_with_status(rows: Iterable[dict[str, object]], status: str) -> list[dict[str, object]]:
    return [row for row in rows if row.get("status") == status]


def abs_difference(row: dict[str, object]) -> Decimal:
    number = as_decimal(row.get("difference"))
    return abs(number) if number is not None else Decimal(0)




def report_file(report_id: object, infos: dict[str, ReportInfo]) -> str:
    """The report's source file where known (what a person looks for), else its id."""
    info = infos.get(text(report_id))
    return (info.source_file if info and info.source_file else None) or text(report_id)


def report_heading(report_id: str, infos: dict[str, ReportInfo]) -> str:
    info = infos.get(report_id)
    parts = [report_id]
    if info is not None:
        parts += [p for p in (info.association_id, info.source_file) if p]
        if info.period_end is not None:
            parts.append(f"period ending {info.period_end.isoformat()}")
    return " · ".join(parts)
