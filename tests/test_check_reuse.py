"""Checks graded in parts, and results kept from the published warehouse where the inputs did not change.

A real DuckDB file holds the inputs as dbt leaves them (``intermediate.int_reconciliation_inputs``);
the real GX engine grades them.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import duckdb

from finsam_warehouse.reconciliation.gx_engine import ReconciliationRun, engine_version
from finsam_warehouse.warehouse.reconciliation_io import (
    CHECK_RESULTS_TABLE,
    INPUTS_RELATION,
    create_check_results_table,
    grade_in_parts,
    tally_families,
)

INPUTS = [  # check_name, report_id, subject, expected, actual
    ("balance_sheet_balances", "r1", "Summa tillgångar vs skulder", 1000, 1000),
    ("balance_sheet_balances", "r2", "Summa tillgångar vs skulder", 2000, 2500),
    ("income_statement_arithmetic", "r1", "Resultat", 300, 300),
]


def _build_file(path: Path, rows: list[tuple]) -> Path:
    con = duckdb.connect(str(path))
    try:
        con.execute("CREATE SCHEMA IF NOT EXISTS intermediate")
        con.execute(
            f"CREATE OR REPLACE TABLE {INPUTS_RELATION} (check_name VARCHAR, report_id VARCHAR, association_id VARCHAR,"
            " period_end DATE, subject VARCHAR, expected DECIMAL(18,2), actual DECIMAL(18,2), tolerance DECIMAL(18,2),"
            " detail VARCHAR, missing_inputs VARCHAR, repairs VARCHAR, unsure_figures VARCHAR)"
        )
        con.executemany(
            f"INSERT INTO {INPUTS_RELATION} VALUES (?, ?, 'finsam-test', DATE '2023-12-31', ?, ?, ?, 1, 'line 3', NULL, NULL, NULL)",
            rows,
        )
        create_check_results_table(con)
    finally:
        con.close()
    return path


def _grade(build: Path, previous: Path | None) -> tuple[ReconciliationRun, dict[str, int]]:
    run = ReconciliationRun()
    tallies = tally_families(grade_in_parts(build, run.grade, previous, engine_version(), part_rows=1))
    return run, {name: tally.counts.total() for name, tally in tallies.items()}


def _results(build: Path) -> dict[tuple[str, str], tuple[str, dt.datetime]]:
    con = duckdb.connect(str(build), read_only=True)
    try:
        rows = con.execute(f"SELECT check_name, report_id, status, checked_at FROM {CHECK_RESULTS_TABLE}").fetchall()
    finally:
        con.close()
    return {(check, report): (status, checked_at) for check, report, status, checked_at in rows}


def test_only_the_checks_whose_inputs_changed_are_graded_again(tmp_path: Path) -> None:
    first = _build_file(tmp_path / "first.duckdb", INPUTS)
    run, counted = _grade(first, None)
    assert run.rows_graded == 3 and counted == {"balance_sheet_balances": 2, "income_statement_arithmetic": 1}
    before = _results(first)
    assert before[("balance_sheet_balances", "r2")][0] == "fail"

    changed = [*INPUTS[:1], ("balance_sheet_balances", "r2", "Summa tillgångar vs skulder", 2500, 2500), INPUTS[2]]
    second = _build_file(tmp_path / "second.duckdb", changed)
    run, counted = _grade(second, first)
    assert run.rows_graded == 1  # r2's balance sheet; the other two kept their results
    assert counted == {"balance_sheet_balances": 2, "income_statement_arithmetic": 1}  # kept rows are counted too
    after = _results(second)
    assert after[("balance_sheet_balances", "r1")] == before[("balance_sheet_balances", "r1")]
    assert after[("income_statement_arithmetic", "r1")] == before[("income_statement_arithmetic", "r1")]
    status, checked_at = after[("balance_sheet_balances", "r2")]
    assert status == "pass" and checked_at > before[("balance_sheet_balances", "r2")][1]


def test_a_previous_warehouse_of_an_older_layout_keeps_nothing(tmp_path: Path) -> None:
    previous = _build_file(tmp_path / "previous.duckdb", INPUTS)
    _grade(previous, None)
    con = duckdb.connect(str(previous))
    con.execute(f"ALTER TABLE {CHECK_RESULTS_TABLE} DROP COLUMN input_fingerprint")
    con.close()
    build = _build_file(tmp_path / "build.duckdb", INPUTS)
    run, _ = _grade(build, previous)
    assert run.rows_graded == 3 and len(_results(build)) == 3


def test_a_check_printed_twice_alike_is_graded_every_time(tmp_path: Path) -> None:
    """Two input rows with one fingerprint: neither can be told apart from the other, so neither is kept."""
    twice = [*INPUTS, INPUTS[0]]
    previous = _build_file(tmp_path / "previous.duckdb", twice)
    _grade(previous, None)
    build = _build_file(tmp_path / "build.duckdb", twice)
    run, counted = _grade(build, previous)
    assert run.rows_graded == 2 and sum(counted.values()) == 4
