"""The data-quality report: one self-contained HTML page about what was read and checked.

It reads the results frame of :func:`run_reconciliation` and the reports frame
(one row per report file found) and lists, in this order: counts per status,
what was read of each report (sections found, read, missing; lines not read),
reports that do not reconcile (worst first), warnings, checks that could not
run, the check families (a family with nothing to compare says "no rows"),
reports that could not be read, and a per-report summary.
The page has inline CSS only, so it looks the same offline.
"""

from __future__ import annotations

import datetime as dt
import os
import tempfile
from html import escape
from pathlib import Path

import pandas as pd

from finsam_warehouse.reconciliation.families import CHECK_FAMILIES
from finsam_warehouse.reconciliation.report.coverage import COVERAGE_CHECK, coverage_section, families_section
from finsam_warehouse.reconciliation.report.formatting import format_amount
from finsam_warehouse.reconciliation.report.inputs import report_infos, rows
from finsam_warehouse.reconciliation.report.sections import (
    REPORT_TITLE,
    failing_section,
    header,
    not_run_section,
    summary_section,
    unreadable_section,
    warning_section,
)

__all__ = ["REPORT_TITLE", "format_amount", "render_dq_report", "write_dq_report"]

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
tr.warn td { background: #fffaeb; } td.no_rows { color: #555; font-style: italic; }
tr.fail td { background: #fdf0ef; }
.error { color: #a4161a; white-space: pre-wrap; }
"""




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
    result_rows = rows(results)
    checks = [row for row in result_rows if row.get("check_name") != COVERAGE_CHECK]
    infos = report_infos(reports)
    sections = [
        header(result_rows, infos, out_dir, data_docs_index, generated_at),
        coverage_section(result_rows, infos),
        failing_section(checks, infos),
        warning_section(checks, infos),
        not_run_section(checks, infos),
        families_section(result_rows, CHECK_FAMILIES),
        unreadable_section(infos),
        summary_section(result_rows, infos),
    ]
    return (
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        f"<title>{escape(REPORT_TITLE)}</title>\n<style>{_CSS}</style>\n</head>\n<body>\n"
        + "\n".join(sections)
        + "\n</body>\n</html>\n"
    )


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
