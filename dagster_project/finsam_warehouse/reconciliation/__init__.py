"""Reconciliation of report figures with Great Expectations, and the HTML report.

A plain library: no Dagster import. ``great_expectations`` is imported only
when :func:`run_reconciliation` runs.
"""

from finsam_warehouse.reconciliation.gx_engine import (
    INPUT_COLUMNS,
    RESULT_COLUMNS,
    STATUS_FAIL,
    STATUS_NOT_RUN,
    STATUS_PASS,
    STATUS_WARN,
    STATUSES,
    ReconciliationEngineError,
    ReconciliationOutcome,
    empty_results_frame,
    run_reconciliation,
)
from finsam_warehouse.reconciliation.html_report import (
    format_amount,
    render_dq_report,
    write_dq_report,
)

__all__ = [
    "INPUT_COLUMNS",
    "RESULT_COLUMNS",
    "STATUSES",
    "STATUS_FAIL",
    "STATUS_NOT_RUN",
    "STATUS_PASS",
    "STATUS_WARN",
    "ReconciliationEngineError",
    "ReconciliationOutcome",
    "empty_results_frame",
    "format_amount",
    "render_dq_report",
    "run_reconciliation",
    "write_dq_report",
]
