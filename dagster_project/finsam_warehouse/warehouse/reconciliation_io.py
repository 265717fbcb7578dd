"""Reading reconciliation inputs from, and writing check results to, the build file."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pandas as pd

# Every check the engine runs, with what it verifies. Each is a Dagster asset check.
RECONCILIATION_CHECKS: dict[str, str] = {
    "balance_sheet_balances": "Summa tillgångar = Summa eget kapital (, avsättningar) och skulder",
    "balance_sheet_subtotals": "The balance sheet's subtotals equal the sum of their lines",
    "income_statement_arithmetic": "Intäkter + kostnader = verksamhetens resultat, down to årets resultat",
    "result_matches_balance_sheet": "Årets resultat is the same in the income statement and the balance sheet",
    "equity_roll_forward": "Closing equity of the earlier column = opening equity of the later one",
    "cash_flow_ties": "Cash flow sums, and its ties to kassa och bank and working capital",
    "note_sums_to_statement": "A note's lines sum to its Summa, which equals the statement line",
    "comparatives": "The same figure printed in two reports agrees",
    "table_total": "A budget table's lines sum to its totals; per insats, budget - outcome = the printed Överskott",
    "participants_sex_sum": "Women + men = all, per insats, measure and period (anonymous participants may explain a gap)",
    "statistics_vs_report": "A report's participant figure = the statistics file's for the same insats, measure and sex",
    "statistics_sex_sum": "In a statistics file, women + men = Totalt per insats and column",
    "statistics_insats_total": "In a statistics file, the insats rows sum to the row over all insatser",
}

CHECK_RESULTS_TABLE = "reconciliation.check_results"
CHECK_RESULTS_COLUMNS: list[tuple[str, str]] = [
    ("check_name", "VARCHAR"),
    ("report_id", "VARCHAR"),
    ("association_id", "VARCHAR"),
    ("period_end", "DATE"),
    ("subject", "VARCHAR"),
    ("expected", "DECIMAL(18,2)"),
    ("actual", "DECIMAL(18,2)"),
    ("difference", "DECIMAL(18,2)"),
    ("tolerance", "DECIMAL(18,2)"),
    ("status", "VARCHAR"),
    ("detail", "VARCHAR"),
    ("checked_at", "TIMESTAMP"),
]
INPUTS_RELATION = "intermediate.int_reconciliation_inputs"


def create_check_results_table(con: duckdb.DuckDBPyConnection) -> None:
    """An empty results table, so dbt's staging view over it can be built first."""
    con.execute("CREATE SCHEMA IF NOT EXISTS reconciliation")
    columns = ", ".join(f"{name} {sql_type}" for name, sql_type in CHECK_RESULTS_COLUMNS)
    con.execute(f"CREATE OR REPLACE TABLE {CHECK_RESULTS_TABLE} ({columns})")


def read_reconciliation_inputs(build_path: Path) -> pd.DataFrame:
    con = duckdb.connect(str(build_path), read_only=True)
    try:
        return con.execute(
            f"SELECT * FROM {INPUTS_RELATION} ORDER BY check_name, report_id, period_end, subject"
        ).df()
    finally:
        con.close()


def write_check_results(build_path: Path, results: pd.DataFrame) -> int:
    names = [name for name, _ in CHECK_RESULTS_COLUMNS]
    frame = results[names].copy()
    for column in ("expected", "actual", "difference", "tolerance"):
        frame[column] = frame[column].map(lambda v: None if v is None or pd.isna(v) else str(v)).astype("object")
    casts = ", ".join(f"CAST({name} AS {sql_type})" for name, sql_type in CHECK_RESULTS_COLUMNS)
    con = duckdb.connect(str(build_path))
    try:
        con.execute(f"DELETE FROM {CHECK_RESULTS_TABLE}")
        if len(frame):
            con.register("check_results_frame", frame)
            con.execute(f"INSERT INTO {CHECK_RESULTS_TABLE} SELECT {casts} FROM check_results_frame")
            con.unregister("check_results_frame")
        con.execute("CHECKPOINT")
    finally:
        con.close()
    return len(frame)
