"""The data-quality report (kept for its import path; the report is in ``report/``)."""

from finsam_warehouse.reconciliation.report import format_amount, render_dq_report, write_dq_report

__all__ = ["format_amount", "render_dq_report", "write_dq_report"]
