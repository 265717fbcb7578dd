"""Sections of the data-quality report about check results: header, fails, warnings,
checks not run, unreadable files and a per-report summary."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from html import escape
from pathlib import Path

import pandas as pd

from finsam_warehouse.reconciliation.report.formatting import (
    AMOUNT_COLUMNS,
    MISSING_MARK,
    decimals_for,
    format_amount,
    format_date,
    format_timestamp,
    none_paragraph,
    relative_link,
    table,
    text,
)
from finsam_warehouse.reconciliation.report.inputs import (
    ReportInfo,
    abs_difference,
    report_file,
    report_heading,
    rows_with_status,
)
from finsam_warehouse.reconciliation.rows import (
    STATUS_FAIL,
    STATUS_NOT_RUN,
    STATUS_PASS,
    STATUS_WARN,
    STATUSES,
    is_missing,
)

REPORT_TITLE = "Finsam reports: reconciliation"


def header(
    rows: list[dict[str, object]],
    infos: dict[str, ReportInfo],
    out_dir: Path,
    data_docs_index: Path | None,
    generated_at: dt.datetime,
) -> str:
    counts = {status: len(rows_with_status(rows, status)) for status in STATUSES}
    labels = {
        STATUS_PASS: "pass",
        STATUS_WARN: "warn",
        STATUS_FAIL: "fail",
        STATUS_NOT_RUN: "not run",
    }
    badges = "".join(
        f'<span class="count {status}">{escape(labels[status])}: {counts[status]}</span>'
        for status in STATUSES
    )
    unreadable = sum(1 for info in infos.values() if info.parse_status == "error")
    failing_reports = {text(row.get("report_id")) for row in rows_with_status(rows, STATUS_FAIL)}
    lines = [
        f"<h1>{escape(REPORT_TITLE)}</h1>",
        f'<p class="meta">Generated {escape(format_timestamp(generated_at))}.</p>',
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
        href = relative_link(out_dir, data_docs_index)
        lines.append(
            f'<p class="note">The Great Expectations validation pages: '
            f'<a href="{escape(href)}">GX Data Docs</a> '
            "(they load their styling from the internet).</p>"
        )
    return "\n".join(lines)


def failing_section(rows: list[dict[str, object]], infos: dict[str, ReportInfo]) -> str:
    fails = rows_with_status(rows, STATUS_FAIL)
    by_report: dict[str, list[dict[str, object]]] = {}
    for row in fails:
        by_report.setdefault(text(row.get("report_id")), []).append(row)

    def worst_first(item: tuple[str, list[dict[str, object]]]) -> tuple[Decimal, int, str]:
        report_id, report_fails = item
        return (-max(abs_difference(r) for r in report_fails), -len(report_fails), report_id)

    parts = ["<h2>Reports that do not reconcile</h2>"]
    if not by_report:
        parts.append(none_paragraph("None: every check that ran agrees within rounding."))
        return "\n".join(parts)
    parts.append(
        none_paragraph("Worst first, by the largest difference. Difference = actual − expected.")
    )
    headers = [
        "Check", "Subject", "Period end", "Expected", "Actual", "Difference", "Where to look"
    ]
    for report_id, report_fails in sorted(by_report.items(), key=worst_first):
        report_fails = sorted(report_fails, key=abs_difference, reverse=True)
        decimals = decimals_for(report_fails, AMOUNT_COLUMNS)
        parts.append(f"<h3>{escape(report_heading(report_id, infos))}</h3>")
        parts.append(
            none_paragraph(
                f"{len(report_fails)} failing check(s); largest difference "
                f"{format_amount(abs_difference(report_fails[0]), decimals)}."
            )
        )
        table_rows = [
            [
                text(row.get("check_name")),
                text(row.get("subject")),
                format_date(row.get("period_end")),
                format_amount(row.get("expected"), decimals),
                format_amount(row.get("actual"), decimals),
                format_amount(row.get("difference"), decimals),
                text(row.get("detail")),
            ]
            for row in report_fails
        ]
        parts.append(table(headers, table_rows, frozenset({3, 4, 5})))
    return "\n".join(parts)


def warning_section(rows: list[dict[str, object]], infos: dict[str, ReportInfo]) -> str:
    warns = rows_with_status(rows, STATUS_WARN)
    parts = ["<h2>Warnings</h2>"]
    if not warns:
        parts.append(none_paragraph("None."))
        return "\n".join(parts)
    parts.append(
        none_paragraph(
            "Differences within the rounding tolerance (1 kr, 1 tkr for tables in tkr, "
            "or participants who may be anonymous), and checks that pass only with a repaired "
            "figure (a minus sign restored, stray characters removed): the detail names it."
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
    decimals = decimals_for(warns, (*AMOUNT_COLUMNS, "tolerance"))
    table_rows = [
        [
            report_file(row.get("report_id"), infos),
            text(row.get("check_name")),
            text(row.get("subject")),
            format_date(row.get("period_end")),
            format_amount(row.get("expected"), decimals),
            format_amount(row.get("actual"), decimals),
            format_amount(row.get("difference"), decimals),
            format_amount(row.get("tolerance"), decimals),
            text(row.get("detail")),
        ]
        for row in warns
    ]
    parts.append(table(headers, table_rows, frozenset({4, 5, 6, 7})))
    return "\n".join(parts)


def not_run_section(rows: list[dict[str, object]], infos: dict[str, ReportInfo]) -> str:
    not_run = rows_with_status(rows, STATUS_NOT_RUN)
    parts = ["<h2>Checks that could not run</h2>"]
    if not not_run:
        parts.append(none_paragraph("None."))
        return "\n".join(parts)
    headers = ["Report", "Check", "Subject", "Period end", "Expected", "Actual", "What is missing"]
    decimals = decimals_for(not_run, AMOUNT_COLUMNS)
    table_rows = [
        [
            report_file(row.get("report_id"), infos),
            text(row.get("check_name")),
            text(row.get("subject")),
            format_date(row.get("period_end")),
            format_amount(row.get("expected"), decimals),
            format_amount(row.get("actual"), decimals),
            text(row.get("detail")),
        ]
        for row in not_run
    ]
    parts.append(table(headers, table_rows, frozenset({4, 5})))
    return "\n".join(parts)


def unreadable_section(infos: dict[str, ReportInfo]) -> str:
    unreadable = [info for info in infos.values() if info.parse_status == "error"]
    parts = ["<h2>Reports that could not be read</h2>"]
    if not unreadable:
        parts.append(none_paragraph("None."))
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


def period_text(info: ReportInfo | None) -> str:
    if info is None or (info.period_start is None and info.period_end is None):
        return MISSING_MARK
    return f"{format_date(info.period_start)} – {format_date(info.period_end)}"


def summary_section(rows: list[dict[str, object]], infos: dict[str, ReportInfo]) -> str:
    counts: dict[str, dict[str, int]] = {}
    for row in rows:
        per_status = counts.setdefault(text(row.get("report_id")), dict.fromkeys(STATUSES, 0))
        status = text(row.get("status"))
        if status in per_status:
            per_status[status] += 1
    report_ids = list(infos) + [report_id for report_id in counts if report_id not in infos]

    def order(report_id: str) -> tuple[str, str, str]:
        info = infos.get(report_id)
        association = (info.association_id if info else None) or ""
        period_end = format_date(info.period_end) if info else ""
        return (association, period_end, report_id)

    parts = ["<h2>Per-report summary</h2>"]
    if not report_ids:
        parts.append(none_paragraph("No reports."))
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
                period_text(info),
                (info.parse_status if info else None) or "",
                *(str(per_status[status]) for status in STATUSES),
            ]
        )
        failed = per_status[STATUS_FAIL] > 0 or (info is not None and info.parse_status == "error")
        row_classes.append("fail" if failed else "")
    parts.append(table(headers, table_rows, frozenset({6, 7, 8, 9}), row_classes))
    return "\n".join(parts)


