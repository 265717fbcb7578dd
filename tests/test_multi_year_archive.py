"""A real archive: several years of annual and interim reports per association.

Each year's balance sheet and income statement are printed three times (in the
annual report, then as comparatives in the next interim and annual reports).
The build must succeed, every comparative that agrees must pass, and the one
planted restatement must be a finding naming both reports.
"""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import date
from decimal import Decimal

import duckdb
import pytest

from tests.conftest import PROJECT_ROOT
from tests.multi_year_archive import ASSOCIATIONS, Restatement, write_archive

YEARS = range(2019, 2023)
RESTATED = Restatement("lekeberg-orebro", 2021, moved=5_000)


@pytest.fixture(scope="module")
def archive(tmp_path_factory: pytest.TempPathFactory):
    root = tmp_path_factory.mktemp("archive")
    files = write_archive(root / "raw", YEARS, RESTATED)
    (root / "dagster").mkdir()
    env = os.environ | {
        "FINSAM_RAW_DIR": str(root / "raw"),
        "FINSAM_WAREHOUSE": str(root / "marts" / "warehouse.duckdb"),
        "DAGSTER_HOME": str(root / "dagster"),
    }
    build = subprocess.run(
        [sys.executable, "-m", "finsam_warehouse.cli"], env=env, cwd=PROJECT_ROOT,
        capture_output=True, text=True, timeout=900,
    )  # fmt: skip
    assert build.returncode == 0, build.stdout[-3000:] + build.stderr[-3000:]
    con = duckdb.connect(env["FINSAM_WAREHOUSE"], read_only=True)
    yield files, con
    con.close()


def test_every_report_of_every_year_is_in_the_warehouse(archive) -> None:
    files, con = archive
    assert len(files) == len(ASSOCIATIONS) * len(YEARS) * 2
    assert con.execute("SELECT count(*), count(DISTINCT report_id) FROM marts.dim_report").fetchone() == (24, 24)


def test_the_restated_comparative_is_a_finding_naming_both_reports(archive) -> None:
    _, con = archive
    fails = con.execute(
        """
        SELECT r.source_file, d.subject, d.period_end, d.expected, d.actual, d.difference, d.detail
        FROM marts.dq_reconciliation d JOIN marts.dim_report r USING (report_id)
        WHERE d.check_name = 'comparatives' AND d.status <> 'pass'
        ORDER BY d.subject
        """
    ).fetchall()
    restating = "lekeberg-orebro/arsredovisning_2021.txt"
    assert [(f[0], f[1], f[2], f[5]) for f in fails] == [
        (restating, "The same figure in two reports: balance_sheet accounts_payable", date(2020, 12, 31), Decimal("-5000.00")),
        (restating, "The same figure in two reports: balance_sheet other_liabilities", date(2020, 12, 31), Decimal("5000.00")),
    ]  # fmt: skip
    for *_, detail in fails:
        assert restating in detail and "lekeberg-orebro/arsredovisning_2020.txt" in detail
    status = con.execute(
        "SELECT DISTINCT status FROM marts.dq_reconciliation d JOIN marts.dim_report r USING (report_id) "
        "WHERE r.source_file = ? AND d.check_name = 'comparatives' AND d.subject LIKE '%accounts_payable'",
        [restating],
    ).fetchall()
    assert status == [("fail",)]


def test_every_other_comparative_passes(archive) -> None:
    _, con = archive
    counts = dict(
        con.execute(
            "SELECT status, count(*) FROM marts.dq_reconciliation WHERE check_name = 'comparatives' GROUP BY 1"
        ).fetchall()
    )
    # Per association, each of the 4 years' annual and interim reports but the first annual
    # prints one earlier column: 7 income lines + 11 balance-sheet lines per printed column.
    per_association = (2 * len(YEARS) - 1) * 18
    assert counts == {"pass": len(ASSOCIATIONS) * per_association - 2, "fail": 2}


def test_no_other_reconciliation_fails_on_the_archive(archive) -> None:
    _, con = archive
    bad = con.execute(
        "SELECT check_name, subject, detail FROM marts.dq_reconciliation "
        "WHERE status NOT IN ('pass') AND check_name NOT IN ('comparatives', 'extraction_coverage')"
    ).fetchall()
    assert bad == []
    # The archive prints only the two statements: annual reports lack the cash flow and
    # notes they must have, and say so; everything printed is read.
    coverage = con.execute(
        "SELECT r.report_type, split_part(d.subject, ':', 1), d.status, count(*) FROM marts.dq_reconciliation d "
        "JOIN marts.dim_report r USING (report_id) WHERE d.check_name = 'extraction_coverage' GROUP BY ALL"
    ).fetchall()
    statuses = {(report_type, section): status for report_type, section, status, _ in coverage}
    assert statuses == {
        ("annual", "Resultaträkning"): "pass", ("annual", "Balansräkning"): "pass",
        ("annual", "Kassaflödesanalys / finansieringsanalys"): "not_run", ("annual", "Noter"): "not_run",
        ("interim", "Resultaträkning"): "pass", ("interim", "Balansräkning"): "pass",
    }  # fmt: skip


def test_the_latest_known_value_is_the_newest_reports(archive) -> None:
    _, con = archive
    rows = con.execute(
        """
        SELECT r.source_file, f.amount_sek
        FROM marts.fct_financial_statement f JOIN marts.dim_report r USING (report_id)
        WHERE f.association_id = 'lekeberg-orebro' AND f.line_item = 'accounts_payable'
          AND f.period_end = DATE '2020-12-31' AND f.is_latest_known
        """
    ).fetchall()
    original = con.execute(
        """
        SELECT f.amount_sek FROM marts.fct_financial_statement f JOIN marts.dim_report r USING (report_id)
        WHERE r.source_file = 'lekeberg-orebro/arsredovisning_2020.txt'
          AND f.line_item = 'accounts_payable' AND f.period_end = DATE '2020-12-31'
        """
    ).fetchone()[0]
    assert rows == [("lekeberg-orebro/arsredovisning_2021.txt", original - 5000)]


def test_insats_years_take_one_row_each(archive) -> None:
    _, con = archive
    rows = con.execute(
        "SELECT association_id, insats_id, fiscal_year, count(*) FROM marts.fct_insats_year GROUP BY ALL"
    ).fetchall()
    assert len(rows) == 4 * len(YEARS)  # two insatser each for two associations
    assert {r[3] for r in rows} == {1}
    assert con.execute("SELECT count(*) FROM marts.fct_insats_year WHERE insats_id IS NULL").fetchone() == (0,)
