"""What the report reads from a built warehouse: check results, reports with their
names, the printed lines checks point at, and the marts its charts draw."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import duckdb
import pandas as pd

from finsam_warehouse.reconciliation.report.counts import LISTED_ROWS_CONDITION, CheckCounts
from finsam_warehouse.reconciliation.report.locations import PrintedLines

CHECK_RESULTS = "marts.dq_reconciliation"

REPORTS_SQL = """
SELECT report_id, association_id, source_file, report_type, period_start, period_end,
       parse_status, error_message, NULL AS title
FROM raw.reports
UNION ALL
SELECT statistics_file_id, association_id, source_file, 'statistics', period_start, period_end,
       parse_status, error_message, title
FROM raw.statistics_files
ORDER BY source_file
"""
# Every line a fact was read from, with the text printed on it (a sentence read as a
# figure keeps its sentence: several on one line are joined with " … ").
PRINTED_LINES_SQL = (
    "SELECT report_id, source_line, string_agg(DISTINCT raw_text, ' … ' ORDER BY raw_text) FROM ("
    + " UNION ALL ".join(
        f"SELECT report_id, source_line, raw_text FROM raw.{table}"
        " WHERE source_line IS NOT NULL AND raw_text IS NOT NULL"
        for table in ("statement_facts", "note_lines", "budget_lines", "participant_counts", "unread_lines")
    )
    + ") GROUP BY ALL"
)
# Budget against outcome per insats: the period budget where printed, else the full year's.
BUDGET_SQL = """
SELECT b.association_id, b.report_id, b.period_end, b.fiscal_year, b.insats_id,
       any_value(coalesce(b.insats_display_name, b.budget_line)) AS insats,
       sum(coalesce(b.budget_period_sek, b.budget_full_year_sek)) AS budget_sek,
       sum(b.outcome_sek) AS outcome_sek
FROM marts.fct_budget_vs_outcome b
WHERE b.insats_id IS NOT NULL AND NOT b.is_total
GROUP BY ALL
"""
# Preferred participant figures per insats (or the association), measure, sex and outcome.
PARTICIPANTS_SQL = """
SELECT p.association_id, p.period_start, p.period_end, p.measure, p.sex, p.outcome,
       coalesce(p.insats_id, '') AS insats_id,
       coalesce(any_value(p.insats_label), '') AS insats,
       sum(p.participant_count) AS participants
FROM marts.fct_participants p
WHERE p.is_preferred AND p.participant_count IS NOT NULL AND NOT coalesce(p.is_total, false)
GROUP BY ALL
"""
# Årets resultat per association and period, from the newest report that prints it.
RESULTS_SQL = """
SELECT f.association_id, f.period_start, f.period_end, r.report_type,
       arg_max(f.amount_sek, r.period_end) AS net_result_sek
FROM marts.fct_financial_statement f JOIN marts.dim_report r USING (report_id)
WHERE f.statement = 'income_statement' AND f.line_item = 'net_result' AND f.period_start IS NOT NULL
GROUP BY ALL
"""


@dataclass
class ChartData:
    """The marts the charts draw; empty frames draw nothing."""

    budget: pd.DataFrame = field(default_factory=pd.DataFrame)
    participants: pd.DataFrame = field(default_factory=pd.DataFrame)
    results: pd.DataFrame = field(default_factory=pd.DataFrame)


@dataclass
class MartData:
    """What the warehouse adds to the check results: names, printed lines, chart data."""

    association_names: dict[str, str] = field(default_factory=dict)
    printed_lines: PrintedLines = field(default_factory=PrintedLines)
    charts: ChartData | None = None


@dataclass
class WarehouseReportData:
    """The checks the report lists row by row (``results``), and every check counted."""

    results: pd.DataFrame
    counts: CheckCounts
    reports: pd.DataFrame
    marts: MartData


def read_report_data(warehouse: Path) -> WarehouseReportData:
    """Everything the data-quality report and the overview show, read-only."""
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        lines = PrintedLines(
            texts={(r, int(n)): t for r, n, t in con.execute(PRINTED_LINES_SQL).fetchall()},
            page_starts={(r, int(p)): int(f) for r, p, f in con.execute(
                "SELECT report_id, page, first_line FROM raw.report_pages").fetchall()},
        )
        return WarehouseReportData(
            results=con.execute(f"SELECT * FROM {CHECK_RESULTS} WHERE {LISTED_ROWS_CONDITION}").df(),
            counts=CheckCounts.in_warehouse(con, CHECK_RESULTS),
            reports=con.execute(REPORTS_SQL).df(),
            marts=MartData(
                association_names=dict(con.execute("SELECT association_id, name FROM marts.dim_association").fetchall()),
                printed_lines=lines,
                charts=ChartData(
                    budget=con.execute(BUDGET_SQL).df(),
                    participants=con.execute(PARTICIPANTS_SQL).df(),
                    results=con.execute(RESULTS_SQL).df(),
                ),
            ),
        )
    finally:
        con.close()
