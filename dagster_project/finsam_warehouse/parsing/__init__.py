"""Pure parsing library: report files in, facts with provenance out.

Nothing here imports Dagster or touches the warehouse. ``parse_report`` is the
entry point; the other modules are its stages (text extraction, OCR repair,
Swedish numbers, sections, tables, label mapping).
"""

from finsam_warehouse.parsing.models import ParsedReport, ReportError
from finsam_warehouse.parsing.report import parse_report

__all__ = ["ParsedReport", "ReportError", "parse_report"]
