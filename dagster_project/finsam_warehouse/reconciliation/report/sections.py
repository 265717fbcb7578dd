"""Sections of the data-quality report about check results: header, fails, warnings,
checks not run, unreadable files and the list of reports.

Fails, warnings and checks not run are one table kind (``check_table``) with
different columns: every figure carries its unit, every check its Swedish name
with its code beside, and every place its page and line, the printed line quoted.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from decimal import Decimal
from html import escape
from pathlib import Path


from finsam_warehouse.reconciliation.report.context import STATUS_SEVERITY, ReportContext, check_cell, row_unit
from finsam_warehouse.reconciliation.report.counts import CheckCounts
from finsam_warehouse.reconciliation.report.filters import filter_bar
from finsam_warehouse.reconciliation.report.formatting import (
    AMOUNT_COLUMNS,
    MISSING_MARK,
    Html,
    decimals_for,
    format_date,
    format_timestamp,
    none_paragraph,
    relative_link,
    strip_markup,
    table,
    text,
    tolerance_text,
    with_unit,
)
from finsam_warehouse.reconciliation.report.inputs import ReportInfo, abs_difference, report_name, rows_with_status
from finsam_warehouse.reconciliation.report.locations import where_to_look
from finsam_warehouse.reconciliation.report.vocabulary import label
from finsam_warehouse.reconciliation.rows import (
    STATUS_FAIL,
    STATUS_NOT_RUN,
    STATUS_PASS,
    STATUS_WARN,
    STATUSES,
)

REPORT_TITLE = "Finsam reports: reconciliation"
OVERVIEW_FILE = "overview.html"
Row = dict[str, object]
CellMaker = Callable[[Row, ReportContext, int], str]


def _amount(column: str) -> CellMaker:
    return lambda row, _context, decimals: with_unit(row.get(column), row_unit(row), decimals)


# Column name -> (heading, cell maker, numeric). A check table picks its columns from these.
CHECK_COLUMNS: dict[str, tuple[str, CellMaker, bool]] = {
    "report": ("Report", lambda row, context, _: report_name(row.get("report_id"), context.infos), False),
    "check": ("Check", lambda row, _context, _d: check_cell(row.get("check_name")), False),
    "subject": ("Subject", lambda row, _context, _d: strip_markup(row.get("subject")), False),
    "period_end": ("Period end", lambda row, _context, _d: format_date(row.get("period_end")), False),
    "expected": ("Expected", _amount("expected"), True),
    "actual": ("Actual", _amount("actual"), True),
    "difference": ("Difference", _amount("difference"), True),
    "tolerance": (
        "Tolerance",
        lambda row, _context, decimals: tolerance_text(row.get("tolerance"), row_unit(row), decimals),
        True,
    ),
    "where": (
        "Where to look",
        lambda row, context, _d: where_to_look(row.get("detail"), row.get("report_id"), context.lines),
        False,
    ),
}


def check_table(rows: list[Row], context: ReportContext, columns: Sequence[str]) -> str:
    """One row per check with the chosen columns; amounts of one unit in one number style."""
    amount_columns = [c for c in (*AMOUNT_COLUMNS, "tolerance") if c in columns]
    units = {row_unit(row) for row in rows}
    decimals = {unit: decimals_for([r for r in rows if row_unit(r) == unit], amount_columns) for unit in units}
    specs = [CHECK_COLUMNS[column] for column in columns]
    cells = [[make(row, context, decimals[row_unit(row)]) for _, make, _ in specs] for row in rows]
    numeric = frozenset(i for i, (_, _, is_number) in enumerate(specs) if is_number)
    return table([heading for heading, _, _ in specs], cells, numeric, [context.row_attributes(r) for r in rows])


def header(
    rows: list[Row],
    counts: CheckCounts,
    context: ReportContext,
    out_dir: Path,
    data_docs_index: Path | None,
    generated_at: dt.datetime,
) -> str:
    per_status = counts.by_status()
    badges = "".join(
        f'<span class="count {status}">{escape(label("status", status))}: {per_status[status]}</span>'
        for status in STATUSES
    )
    infos = context.infos
    unreadable = sum(1 for info in infos.values() if info.parse_status == "error")
    failing_reports = {text(row.get("report_id")) for row in rows_with_status(rows, STATUS_FAIL)}
    lines = [
        f"<h1>{escape(REPORT_TITLE)}</h1>",
        f'<p class="meta">Generated {escape(format_timestamp(generated_at))}. '
        f'<a href="{OVERVIEW_FILE}">Overview: charts across associations and years</a></p>',
    ]
    if counts.checked_at is not None:
        run_at = counts.checked_at.strftime("%Y-%m-%d %H:%M:%S")
        lines.append(f'<p class="meta">Checks run at {escape(run_at)} UTC.</p>')
    lines.append(
        f'<p class="meta">{len(infos)} report files found, {unreadable} could not be read, '
        f"{len(failing_reports)} do not reconcile; {counts.total} checks.</p>"
    )
    lines.append(f'<div class="counts">{badges}</div>')
    if data_docs_index is not None:
        href = relative_link(out_dir, data_docs_index)
        lines.append(
            f'<p class="note">The Great Expectations validation pages: '
            f'<a href="{escape(href)}">GX Data Docs</a> '
            "(they load their styling from the internet).</p>"
        )
    associations = {
        info.association_id: info.association_name or info.association_id
        for info in infos.values()
        if info.association_id
    }
    lines.append(filter_bar(associations))
    return "\n".join(lines)


def _report_block(report_id: str, context: ReportContext, body: str) -> str:
    info = context.infos.get(report_id)
    association = (info.association_id if info else None) or ""
    return (
        f'<section class="report-block" data-association="{escape(association)}">\n'
        f"{context.heading(report_id)}\n{body}\n</section>"
    )


def failing_section(rows: list[Row], context: ReportContext) -> str:
    by_report: dict[str, list[Row]] = {}
    for row in rows_with_status(rows, STATUS_FAIL):
        by_report.setdefault(text(row.get("report_id")), []).append(row)

    def worst_first(item: tuple[str, list[Row]]) -> tuple[Decimal, int, str]:
        report_id, report_fails = item
        return (-max(abs_difference(r) for r in report_fails), -len(report_fails), report_id)

    parts = ["<h2>Reports that do not reconcile</h2>"]
    if not by_report:
        parts.append(none_paragraph("None: every check that ran agrees within rounding."))
        return "\n".join(parts)
    parts.append(none_paragraph("Worst first, by the largest difference. Difference = actual − expected."))
    columns = ("check", "subject", "period_end", "expected", "actual", "difference", "where")
    for report_id, report_fails in sorted(by_report.items(), key=worst_first):
        report_fails = sorted(report_fails, key=abs_difference, reverse=True)
        largest = report_fails[0]
        summary = none_paragraph(
            f"{len(report_fails)} failing check(s); largest difference "
            f"{with_unit(abs_difference(largest), row_unit(largest), decimals_for(report_fails, AMOUNT_COLUMNS))}."
        )
        parts.append(_report_block(report_id, context, summary + "\n" + check_table(report_fails, context, columns)))
    return "\n".join(parts)


def warning_section(rows: list[Row], context: ReportContext) -> str:
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
    columns = ("report", "check", "subject", "period_end", "expected", "actual", "difference", "tolerance", "where")
    parts.append(check_table(warns, context, columns))
    return "\n".join(parts)


def not_run_section(rows: list[Row], context: ReportContext) -> str:
    not_run = rows_with_status(rows, STATUS_NOT_RUN)
    parts = ["<h2>Checks that could not run</h2>"]
    if not not_run:
        parts.append(none_paragraph("None."))
        return "\n".join(parts)
    columns = ("report", "check", "subject", "period_end", "expected", "actual", "where")
    table_html = check_table(not_run, context, columns)
    parts.append(table_html.replace("<th>Where to look</th>", "<th>What is missing</th>", 1))
    return "\n".join(parts)


def unreadable_section(context: ReportContext) -> str:
    unreadable = [info for info in context.infos.values() if info.parse_status == "error"]
    parts = ["<h2>Reports that could not be read</h2>"]
    if not unreadable:
        parts.append(none_paragraph("None."))
        return "\n".join(parts)
    cells = [
        [info.name, info.source_file or info.report_id, Html(f'<span class="error">{escape(info.error_message or "no message")}</span>')]
        for info in unreadable
    ]
    attributes = [
        {"class": STATUS_FAIL, "data-status": STATUS_FAIL, "data-association": info.association_id or ""}
        for info in unreadable
    ]
    parts.append(table(["Report", "Source file", "Error"], cells, row_attributes=attributes))
    return "\n".join(parts)


def period_text(info: ReportInfo | None) -> str:
    if info is None or (info.period_start is None and info.period_end is None):
        return MISSING_MARK
    return f"{format_date(info.period_start)} – {format_date(info.period_end)}"


def _report_status(info: ReportInfo | None, per_status: dict[str, int]) -> str:
    if info is not None and info.parse_status == "error":
        return STATUS_FAIL
    present = [status for status in STATUSES if per_status[status]]
    return max(present, key=STATUS_SEVERITY.__getitem__) if present else STATUS_PASS


def summary_section(check_counts: CheckCounts, context: ReportContext) -> str:
    """Every report once, by its name: association and title, with its counts per status."""
    infos = context.infos
    counts = check_counts.by_report()
    report_ids = list(infos) + [report_id for report_id in counts if report_id not in infos]

    def order(report_id: str) -> tuple[str, str, str]:
        info = infos.get(report_id)
        return (info.name if info else report_id, format_date(info.period_end) if info else "", report_id)

    parts = ["<h2>Per-report summary</h2>"]
    if not report_ids:
        parts.append(none_paragraph("No reports."))
        return "\n".join(parts)
    headers = ["Report", "Source file", "Period", "Read", *(label("status", s) for s in STATUSES)]
    cells: list[list[str]] = []
    attributes: list[dict[str, str]] = []
    for report_id in sorted(report_ids, key=order):
        info = infos.get(report_id)
        per_status = counts.get(report_id, dict.fromkeys(STATUSES, 0))
        name = Html(f'<span class="report-name">{escape(info.name if info else report_id)}</span>')
        cells.append(
            [
                name,
                Html(f'<span class="file">{escape((info.source_file if info else None) or report_id)}</span>'),
                period_text(info),
                (info.parse_status if info else None) or "",
                *(str(per_status[status]) for status in STATUSES),
            ]
        )
        status = _report_status(info, per_status)
        association = (info.association_id if info else None) or ""
        attributes.append({"class": f"report-row {status}", "data-status": status, "data-association": association})
    parts.append(table(headers, cells, frozenset({4, 5, 6, 7}), attributes))
    return "\n".join(parts)
