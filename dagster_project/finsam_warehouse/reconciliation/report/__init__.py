"""The data-quality report: self-contained HTML pages about what was read and checked.

``index.html`` reads the check results and the reports (one row per report or
statistics file) and lists, in this order: counts per status and the filters,
what was read of each report, reports that do not reconcile (worst first),
warnings, checks that could not run, the check families, reports that could
not be read, every report by name, and charts per association. ``overview.html``
beside it has charts across associations and years. Reports are named by
association and title ("Årsredovisning 2022"), checks in Swedish with their code,
figures with their unit, places by page and line with the printed line quoted.
Everything is inline (CSS, SVG charts, a small filter script): it opens from disk.

Layout: ``layout`` (page, CSS), ``sections`` and ``coverage`` (tables),
``filters`` (selects and script), ``charts``, ``association_charts`` and
``overview`` (SVG charts), ``locations`` (page, line, quotes), ``inputs`` and
``warehouse_data`` (what is read), ``vocabulary`` (the CSV files of words).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd

from finsam_warehouse.reconciliation.families import CHECK_FAMILIES
from finsam_warehouse.reconciliation.report.association_charts import association_charts_section
from finsam_warehouse.reconciliation.report.context import ReportContext
from finsam_warehouse.reconciliation.report.counts import COVERAGE_CHECK, CheckCounts
from finsam_warehouse.reconciliation.report.coverage import coverage_section, families_section
from finsam_warehouse.reconciliation.report.filters import FILTER_SCRIPT
from finsam_warehouse.reconciliation.report.formatting import format_amount
from finsam_warehouse.reconciliation.report.inputs import report_infos, rows
from finsam_warehouse.reconciliation.report.layout import page, write_atomically
from finsam_warehouse.reconciliation.report.overview import overview_body
from finsam_warehouse.reconciliation.report.sections import (
    OVERVIEW_FILE,
    REPORT_TITLE,
    failing_section,
    header,
    not_run_section,
    summary_section,
    unreadable_section,
    warning_section,
)
from finsam_warehouse.reconciliation.report.vocabulary import label
from finsam_warehouse.reconciliation.report.warehouse_data import MartData, read_report_data

__all__ = [
    "OVERVIEW_FILE",
    "REPORT_TITLE",
    "MartData",
    "format_amount",
    "render_dq_report",
    "render_overview",
    "write_dq_report",
    "write_dq_report_from_warehouse",
]


def write_dq_report(
    results: pd.DataFrame,
    reports: pd.DataFrame,
    out_path: Path,
    data_docs_index: Path | None = None,
    generated_at: dt.datetime | None = None,
    marts: MartData | None = None,
    counts: CheckCounts | None = None,
) -> Path:
    """Write the report to ``out_path`` and the overview beside it, atomically; return ``out_path``.

    ``counts`` counts every check; without it, ``results`` holds every check and is counted.
    """
    out_path = Path(out_path)
    generated_at = generated_at or dt.datetime.now().astimezone()
    page_text = render_dq_report(results, reports, out_path.parent, data_docs_index, generated_at, marts, counts)
    write_atomically(out_path, page_text)
    write_atomically(out_path.with_name(OVERVIEW_FILE), render_overview(results, reports, marts, counts))
    return out_path


def write_dq_report_from_warehouse(
    warehouse: Path, out_path: Path, data_docs_index: Path | None = None, generated_at: dt.datetime | None = None
) -> Path:
    """Both pages from a built warehouse: its check results, reports and marts."""
    data = read_report_data(warehouse)
    return write_dq_report(data.results, data.reports, out_path, data_docs_index, generated_at, data.marts, data.counts)


def _context(reports: pd.DataFrame, marts: MartData) -> ReportContext:
    return ReportContext(report_infos(reports, marts.association_names), marts.printed_lines)


def render_dq_report(
    results: pd.DataFrame,
    reports: pd.DataFrame,
    out_dir: Path,
    data_docs_index: Path | None,
    generated_at: dt.datetime,
    marts: MartData | None = None,
    counts: CheckCounts | None = None,
) -> str:
    """The report's HTML text; links are relative to ``out_dir``."""
    marts = marts or MartData()
    result_rows = rows(results)
    counts = counts or CheckCounts.of_rows(result_rows)
    checks = [row for row in result_rows if row.get("check_name") != COVERAGE_CHECK]
    context = _context(reports, marts)
    names = {info.association_id: info.association_name or info.association_id
             for info in context.infos.values() if info.association_id and info.parse_status != "error"}
    sections = [
        header(result_rows, counts, context, out_dir, data_docs_index, generated_at),
        coverage_section(result_rows, context),
        failing_section(checks, context),
        warning_section(checks, context),
        not_run_section(checks, context),
        families_section(counts, CHECK_FAMILIES),
        unreadable_section(context),
        summary_section(counts, context),
        association_charts_section(marts.charts, context.infos, names),
    ]
    return page(REPORT_TITLE, "\n".join(sections), FILTER_SCRIPT)


def render_overview(
    results: pd.DataFrame, reports: pd.DataFrame, marts: MartData | None = None, counts: CheckCounts | None = None
) -> str:
    """The overview page's HTML text."""
    marts = marts or MartData()
    context = _context(reports, marts)
    names = dict(marts.association_names)
    for info in context.infos.values():
        if info.association_id and info.parse_status != "error":
            names.setdefault(info.association_id, info.association_id)
    return page(label("chart", "overview_title"), overview_body(counts or CheckCounts.of_rows(rows(results)), context, marts.charts, names))
