"""The data-quality report: one self-contained HTML page about reconciliations.

It reads the results frame of :func:`run_reconciliation` and the reports frame
(one row per report file found) and lists, in this order: counts per status,
reports that do not reconcile (worst first), rounding warnings, checks that
could not run, reports that could not be read, and a per-report summary.

Amounts are written Swedish style: spaces between thousands and a decimal
comma. A table shows öre only if some amount in it has öre, so ``6 290 501`` and
``-1`` in one table, ``100,00`` and ``101,01`` in another.
The page has inline CSS only, so it looks the same offline.
"""

from __future__ import annotations

import datetime as dt
import os
import tempfile
import urllib.parse
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from html import escape
from pathlib import Path

import pandas as pd

from finsam_warehouse.reconciliation.gx_engine import (
    STATUS_FAIL,
    STATUS_NOT_RUN,
    STATUS_PASS,
    STATUS_WARN,
    STATUSES,
    as_date,
    is_missing,
)

MISSING_MARK = "–"
_AMOUNT_COLUMNS: tuple[str, ...] = ("expected", "actual", "difference")
REPORT_TITLE = "Finsam reports: reconciliation"

_CSS = """
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif;
       margin: 2rem auto; max-width: 80rem; padding: 0 1rem; color: #1d1d1f; line-height: 1.4; }
h1 { font-size: 1.6rem; margin-bottom: 0.2rem; }
h2 { font-size: 1.25rem; margin-top: 2.2rem; border-bottom: 2px solid #d0d0d7;
     padding-bottom: 0.2rem; }
h3 { font-size: 1.05rem; margin: 1.4rem 0 0.3rem; }
p.meta, p.note { color: #555; margin: 0.2rem 0; }
table { border-collapse: collapse; width: 100%; margin: 0.4rem 0 1rem; font-size: 0.9rem; }
th, td { border: 1px solid #d0d0d7; padding: 0.3rem 0.5rem; text-align: left; vertical-align: top; }
th { background: #f2f2f6; }
td.num, th.num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
.counts { display: flex; gap: 0.8rem; flex-wrap: wrap; margin: 0.8rem 0; }
.count { border-radius: 6px; padding: 0.4rem 0.8rem; font-weight: 600; }
.pass { background: #e3f4e6; } .warn { background: #fff4d6; }
.fail { background: #fde2e1; } .not_run { background: #ececf1; }
tr.fail td { background: #fdf0ef; }
.error { color: #a4161a; white-space: pre-wrap; }
"""


@dataclass(frozen=True)
class _ReportInfo:
    report_id: str
    association_id: str | None
    source_file: str | None
    report_type: str | None
    period_start: dt.date | None
    period_end: dt.date | None
    parse_status: str | None
    error_message: str | None


def write_dq_report(
    results: pd.DataFrame,
    reports: pd.DataFrame,
    out_path: Path,
    data_docs_index: Path | None = None,
    generated_at: dt.datetime | None = None,
) -> Path:
    """Write the report to ``out_path`` atomically and return ``out_path``."""
    out_path = Path(out_path)
    generated_at = generated_at or dt.datetime.now().astimezone()
    page = render_dq_report(results, reports, out_path.parent, data_docs_index, generated_at)
    _write_atomically(out_path, page)
    return out_path


def render_dq_report(
    results: pd.DataFrame,
    reports: pd.DataFrame,
    out_dir: Path,
    data_docs_index: Path | None,
    generated_at: dt.datetime,
) -> str:
    """The HTML text; links are relative to ``out_dir``."""
    result_rows = _rows(results)
    infos = _report_infos(reports)
    sections = [
        _header(result_rows, infos, out_dir, data_docs_index, generated_at),
        _failing_section(result_rows, infos),
        _warning_section(result_rows, infos),
        _not_run_section(result_rows, infos),
        _unreadable_section(infos),
        _summary_section(result_rows, infos),
    ]
    return (
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        f"<title>{escape(REPORT_TITLE)}</title>\n<style>{_CSS}</style>\n</head>\n<body>\n"
        + "\n".join(sections)
        + "\n</body>\n</html>\n"
    )


# --- formatting --------------------------------------------------------------


def _as_decimal(value: object) -> Decimal | None:
    if is_missing(value):
        return None
    try:
        number = value if isinstance(value, Decimal) else Decimal(str(value))
    except InvalidOperation:
        return None
    return number if number.is_finite() else None


def format_amount(value: object, decimals: int | None = None) -> str:
    """Swedish style: ``6 290 501``, ``-1``, ``1 234,50``; a dash when missing.

    ``decimals`` None shows öre only when the amount has them; 0 or 2 forces that.
    """
    number = _as_decimal(value)
    if number is None:
        return MISSING_MARK
    if decimals is None:
        decimals = 0 if number == number.to_integral_value() else 2
    rounded = number.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    return f"{rounded:,.{decimals}f}".replace(",", " ").replace(".", ",")


def _decimals_for(rows: Iterable[dict[str, object]], columns: Sequence[str]) -> int:
    """2 if any amount in these rows has öre, else 0, so one table reads alike."""
    for row in rows:
        for column in columns:
            number = _as_decimal(row.get(column))
            if number is not None and number != number.to_integral_value():
                return 2
    return 0


def _format_date(value: object) -> str:
    if is_missing(value):
        return MISSING_MARK
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)[:10]


def _format_timestamp(value: dt.datetime) -> str:
    text = value.strftime("%Y-%m-%d %H:%M:%S")
    zone = value.tzname()
    return f"{text} {zone}" if zone else text


def _text(value: object) -> str:
    if is_missing(value):
        return ""
    return str(value)


def _text_or_none(value: object) -> str | None:
    return _text(value).strip() or None


def _to_date(value: object) -> dt.date | None:
    try:
        return as_date(value)
    except ValueError:
        return None


# --- input -------------------------------------------------------------------


def _rows(frame: pd.DataFrame) -> list[dict[str, object]]:
    if frame.empty:
        return []
    return [{str(k): v for k, v in row.items()} for row in frame.astype(object).to_dict("records")]


def _report_infos(reports: pd.DataFrame) -> dict[str, _ReportInfo]:
    infos: dict[str, _ReportInfo] = {}
    for index, row in enumerate(_rows(reports)):
        report_id = _text_or_none(row.get("report_id")) or _text_or_none(row.get("source_file"))
        key = report_id or f"(unnamed report {index + 1})"
        infos[key] = _ReportInfo(
            report_id=key,
            association_id=_text_or_none(row.get("association_id")),
            source_file=_text_or_none(row.get("source_file")),
            report_type=_text_or_none(row.get("report_type")),
            period_start=_to_date(row.get("period_start")),
            period_end=_to_date(row.get("period_end")),
            parse_status=_text_or_none(row.get("parse_status")),
            error_message=_text_or_none(row.get("error_message")),
        )
    return infos


def _rows_with_status(rows: Iterable[dict[str, object]], status: str) -> list[dict[str, object]]:
    return [row for row in rows if row.get("status") == status]


def _abs_difference(row: dict[str, object]) -> Decimal:
    number = _as_decimal(row.get("difference"))
    return abs(number) if number is not None else Decimal(0)


# --- HTML pieces -------------------------------------------------------------


def _table(
    headers: Sequence[str],
    rows: Iterable[Sequence[str]],
    numeric_columns: frozenset[int] = frozenset(),
    row_classes: Sequence[str] | None = None,
) -> str:
    head = "".join(
        f'<th class="num">{escape(h)}</th>' if i in numeric_columns else f"<th>{escape(h)}</th>"
        for i, h in enumerate(headers)
    )
    body_lines: list[str] = []
    for row_index, cells in enumerate(rows):
        row_class = row_classes[row_index] if row_classes else ""
        tr = f'<tr class="{escape(row_class)}">' if row_class else "<tr>"
        tds = "".join(
            f'<td class="num">{escape(c)}</td>' if i in numeric_columns else f"<td>{escape(c)}</td>"
            for i, c in enumerate(cells)
        )
        body_lines.append(f"{tr}{tds}</tr>")
    body = "\n".join(body_lines)
    return f"<table>\n<thead><tr>{head}</tr></thead>\n<tbody>\n{body}\n</tbody>\n</table>"


def _none_paragraph(text: str) -> str:
    return f'<p class="note">{escape(text)}</p>'


def _relative_link(out_dir: Path, target: Path) -> str:
    try:
        relative = os.path.relpath(Path(target).resolve(), Path(out_dir).resolve())
    except ValueError:  # different drives
        return Path(target).resolve().as_uri()
    return urllib.parse.quote(Path(relative).as_posix())


def _header(
    rows: list[dict[str, object]],
    infos: dict[str, _ReportInfo],
    out_dir: Path,
    data_docs_index: Path | None,
    generated_at: dt.datetime,
) -> str:
    counts = {status: len(_rows_with_status(rows, status)) for status in STATUSES}
    labels = {
        STATUS_PASS: "pass",
        STATUS_WARN: "warn (rounding)",
        STATUS_FAIL: "fail",
        STATUS_NOT_RUN: "not run",
    }
    badges = "".join(
        f'<span class="count {status}">{escape(labels[status])}: {counts[status]}</span>'
        for status in STATUSES
    )
    unreadable = sum(1 for info in infos.values() if info.parse_status == "error")
    failing_reports = {_text(row.get("report_id")) for row in _rows_with_status(rows, STATUS_FAIL)}
    lines = [
        f"<h1>{escape(REPORT_TITLE)}</h1>",
        f'<p class="meta">Generated {escape(_format_timestamp(generated_at))}.</p>',
    ]
    checked_at = [row["checked_at"] for row in rows if not is_missing(row.get("checked_at"))]
    if checked_at:
        run_at = pd.Timestamp(max(checked_at)).strftime("%Y-%m-%d %H:%M:%S")
        lines.append(f'<p class="meta">Checks run at {escape(run_at)} UTC.</p>')
    lines.append(
        f'<p class="meta">{len(infos)} report files found, {unreadable} could not be read, '
        f"{len(failing_reports)} do not reconcile; {len(rows)} checks.</p>"
    )
    lines.append(f'<div class="counts">{badges}</div>')
    if data_docs_index is not None:
        href = _relative_link(out_dir, data_docs_index)
        lines.append(
            f'<p class="note">The Great Expectations validation pages: '
            f'<a href="{escape(href)}">GX Data Docs</a> '
            "(they load their styling from the internet).</p>"
        )
    return "\n".join(lines)


def _report_file(report_id: object, infos: dict[str, _ReportInfo]) -> str:
    """The report's source file where known (what a person looks for), else its id."""
    info = infos.get(_text(report_id))
    return (info.source_file if info and info.source_file else None) or _text(report_id)


def _report_heading(report_id: str, infos: dict[str, _ReportInfo]) -> str:
    info = infos.get(report_id)
    parts = [report_id]
    if info is not None:
        parts += [p for p in (info.association_id, info.source_file) if p]
        if info.period_end is not None:
            parts.append(f"period ending {info.period_end.isoformat()}")
    return " · ".join(parts)


def _failing_section(rows: list[dict[str, object]], infos: dict[str, _ReportInfo]) -> str:
    fails = _rows_with_status(rows, STATUS_FAIL)
    by_report: dict[str, list[dict[str, object]]] = {}
    for row in fails:
        by_report.setdefault(_text(row.get("report_id")), []).append(row)

    def worst_first(item: tuple[str, list[dict[str, object]]]) -> tuple[Decimal, int, str]:
        report_id, report_fails = item
        return (-max(_abs_difference(r) for r in report_fails), -len(report_fails), report_id)

    parts = ["<h2>Reports that do not reconcile</h2>"]
    if not by_report:
        parts.append(_none_paragraph("None: every check that ran agrees within rounding."))
        return "\n".join(parts)
    parts.append(
        _none_paragraph("Worst first, by the largest difference. Difference = actual − expected.")
    )
    headers = [
        "Check", "Subject", "Period end", "Expected", "Actual", "Difference", "Where to look"
    ]
    for report_id, report_fails in sorted(by_report.items(), key=worst_first):
        report_fails = sorted(report_fails, key=_abs_difference, reverse=True)
        decimals = _decimals_for(report_fails, _AMOUNT_COLUMNS)
        parts.append(f"<h3>{escape(_report_heading(report_id, infos))}</h3>")
        parts.append(
            _none_paragraph(
                f"{len(report_fails)} failing check(s); largest difference "
                f"{format_amount(_abs_difference(report_fails[0]), decimals)}."
            )
        )
        table_rows = [
            [
                _text(row.get("check_name")),
                _text(row.get("subject")),
                _format_date(row.get("period_end")),
                format_amount(row.get("expected"), decimals),
                format_amount(row.get("actual"), decimals),
                format_amount(row.get("difference"), decimals),
                _text(row.get("detail")),
            ]
            for row in report_fails
        ]
        parts.append(_table(headers, table_rows, frozenset({3, 4, 5})))
    return "\n".join(parts)


def _warning_section(rows: list[dict[str, object]], infos: dict[str, _ReportInfo]) -> str:
    warns = _rows_with_status(rows, STATUS_WARN)
    parts = ["<h2>Warnings (rounding)</h2>"]
    if not warns:
        parts.append(_none_paragraph("None."))
        return "\n".join(parts)
    parts.append(
        _none_paragraph(
            "Differences within the rounding tolerance (1 kr, 1 tkr for tables in tkr, "
            "or participants who may be anonymous)."
        )
    )
    headers = [
        "Report",
        "Check",
        "Subject",
        "Period end",
        "Expected",
        "Actual",
        "Difference",
        "Tolerance",
        "Where to look",
    ]
    decimals = _decimals_for(warns, (*_AMOUNT_COLUMNS, "tolerance"))
    table_rows = [
        [
            _report_file(row.get("report_id"), infos),
            _text(row.get("check_name")),
            _text(row.get("subject")),
            _format_date(row.get("period_end")),
            format_amount(row.get("expected"), decimals),
            format_amount(row.get("actual"), decimals),
            format_amount(row.get("difference"), decimals),
            format_amount(row.get("tolerance"), decimals),
            _text(row.get("detail")),
        ]
        for row in warns
    ]
    parts.append(_table(headers, table_rows, frozenset({4, 5, 6, 7})))
    return "\n".join(parts)


def _not_run_section(rows: list[dict[str, object]], infos: dict[str, _ReportInfo]) -> str:
    not_run = _rows_with_status(rows, STATUS_NOT_RUN)
    parts = ["<h2>Checks that could not run</h2>"]
    if not not_run:
        parts.append(_none_paragraph("None."))
        return "\n".join(parts)
    headers = ["Report", "Check", "Subject", "Period end", "Expected", "Actual", "What is missing"]
    decimals = _decimals_for(not_run, _AMOUNT_COLUMNS)
    table_rows = [
        [
            _report_file(row.get("report_id"), infos),
            _text(row.get("check_name")),
            _text(row.get("subject")),
            _format_date(row.get("period_end")),
            format_amount(row.get("expected"), decimals),
            format_amount(row.get("actual"), decimals),
            _text(row.get("detail")),
        ]
        for row in not_run
    ]
    parts.append(_table(headers, table_rows, frozenset({4, 5})))
    return "\n".join(parts)


def _unreadable_section(infos: dict[str, _ReportInfo]) -> str:
    unreadable = [info for info in infos.values() if info.parse_status == "error"]
    parts = ["<h2>Reports that could not be read</h2>"]
    if not unreadable:
        parts.append(_none_paragraph("None."))
        return "\n".join(parts)
    parts.append(
        "<table>\n<thead><tr><th>Report</th><th>Association</th><th>Source file</th>"
        "<th>Error</th></tr></thead>\n<tbody>"
    )
    for info in unreadable:
        parts.append(
            f"<tr><td>{escape(info.report_id)}</td><td>{escape(info.association_id or '')}</td>"
            f"<td>{escape(info.source_file or '')}</td>"
            f'<td class="error">{escape(info.error_message or "no message")}</td></tr>'
        )
    parts.append("</tbody>\n</table>")
    return "\n".join(parts)


def _period_text(info: _ReportInfo | None) -> str:
    if info is None or (info.period_start is None and info.period_end is None):
        return MISSING_MARK
    return f"{_format_date(info.period_start)} – {_format_date(info.period_end)}"


def _summary_section(rows: list[dict[str, object]], infos: dict[str, _ReportInfo]) -> str:
    counts: dict[str, dict[str, int]] = {}
    for row in rows:
        per_status = counts.setdefault(_text(row.get("report_id")), dict.fromkeys(STATUSES, 0))
        status = _text(row.get("status"))
        if status in per_status:
            per_status[status] += 1
    report_ids = list(infos) + [report_id for report_id in counts if report_id not in infos]

    def order(report_id: str) -> tuple[str, str, str]:
        info = infos.get(report_id)
        association = (info.association_id if info else None) or ""
        period_end = _format_date(info.period_end) if info else ""
        return (association, period_end, report_id)

    parts = ["<h2>Per-report summary</h2>"]
    if not report_ids:
        parts.append(_none_paragraph("No reports."))
        return "\n".join(parts)
    headers = ["Report", "Association", "Source file", "Type", "Period", "Read", *STATUSES]
    table_rows: list[list[str]] = []
    row_classes: list[str] = []
    for report_id in sorted(report_ids, key=order):
        info = infos.get(report_id)
        per_status = counts.get(report_id, dict.fromkeys(STATUSES, 0))
        table_rows.append(
            [
                report_id,
                (info.association_id if info else None) or "",
                (info.source_file if info else None) or "",
                (info.report_type if info else None) or "",
                _period_text(info),
                (info.parse_status if info else None) or "",
                *(str(per_status[status]) for status in STATUSES),
            ]
        )
        failed = per_status[STATUS_FAIL] > 0 or (info is not None and info.parse_status == "error")
        row_classes.append("fail" if failed else "")
    parts.append(_table(headers, table_rows, frozenset({6, 7, 8, 9}), row_classes))
    return "\n".join(parts)


# --- writing -----------------------------------------------------------------


def _write_atomically(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as file:
            file.write(text)
            file.flush()
            os.fsync(file.fileno())
        os.chmod(temp_name, 0o644)
        os.replace(temp_name, path)
    except BaseException:
        Path(temp_name).unlink(missing_ok=True)
        raise
