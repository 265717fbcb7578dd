"""Reconciliation engine and HTML report, with real Great Expectations runs."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from pathlib import Path

import pandas as pd
import pytest

from finsam_warehouse.reconciliation import (
    RESULT_COLUMNS,
    ReconciliationEngineError,
    ReconciliationOutcome,
    format_amount,
    run_reconciliation,
    write_dq_report,
)
from finsam_warehouse.reconciliation import gx_engine

PERIOD_END = dt.date(2023, 12, 31)


def _case(
    key: str,
    check_name: str,
    report_id: str,
    expected: object,
    actual: object,
    tolerance: object = 1,
    missing_inputs: str | None = None,
    subject: str | None = None,
) -> dict[str, object]:
    return {
        "check_name": check_name,
        "report_id": report_id,
        "association_id": "finsam-test",
        "period_end": PERIOD_END,
        "subject": subject or f"subject {key}",
        "expected": expected,
        "actual": actual,
        "tolerance": tolerance,
        "detail": f"look at {key}",
        "missing_inputs": missing_inputs,
    }


# key -> input row. The small failing report comes first so "worst first" is not input order.
CASES: dict[str, dict[str, object]] = {
    "small_fail_a": _case("small_fail_a", "cash_flow_ties", "R-SMALL", Decimal("200"), Decimal("220")),
    "small_fail_b": _case("small_fail_b", "table_total", "R-SMALL", Decimal("50"), Decimal("40")),
    "balanced": _case(
        "balanced",
        "balance_sheet_balances",
        "R-BIG",
        Decimal("6290501"),
        Decimal("6290501"),
        subject="Summa tillgångar vs Summa eget kapital och skulder",
    ),
    "off_by_one": _case("off_by_one", "income_statement_arithmetic", "R-BIG", Decimal("1000"), Decimal("999")),
    "off_by_500": _case("off_by_500", "note_sums_to_statement", "R-BIG", Decimal("10000"), Decimal("10500")),
    "tkr_table": _case("tkr_table", "table_total", "R-TKR", Decimal("2345000"), Decimal("2346000"), 1000),
    "missing": _case(
        "missing",
        "equity_roll_forward",
        "R-TKR",
        Decimal("500"),
        None,
        missing_inputs="Eget kapital vid årets början",
    ),
    "participants": _case("participants", "participants_sex_sum", "R-PART", 120, 117, tolerance=5),
    "float_rounding": _case("float_rounding", "balance_sheet_balances", "R-PART", 0.1 + 0.2, 0.3),
    "just_over": _case("just_over", "income_statement_arithmetic", "R-PART", Decimal("100.00"), Decimal("101.01")),
    "no_actual": _case("no_actual", "cash_flow_ties", "R-PART", Decimal("7"), None),
    # Passes only because a minus sign was restored: a warn naming the repair.
    "repaired_pass": {
        **_case("repaired_pass", "income_statement_arithmetic", "R-PART", Decimal("-5"), Decimal("-5")),
        "repairs": "Resultat efter finansiella poster (line 9): minus sign restored",
    },
    "repaired_fail": {
        **_case("repaired_fail", "income_statement_arithmetic", "R-PART", Decimal("-5"), Decimal("-50")),
        "repairs": "Årets resultat (line 10): minus sign restored",
    },
    # Rests on a scanned figure OCR was unsure of: off by far is a warn saying so, exact a pass.
    "unsure_off": {
        **_case("unsure_off", "result_matches_balance_sheet", "R-PART", Decimal("4218994"), Decimal("47218994")),
        "unsure_figures": "Summa tillgångar (p. 2, line 27): OCR was unsure of '47' (31 %) in '47 218 994'",
    },
    "unsure_exact": {
        **_case("unsure_exact", "result_matches_balance_sheet", "R-PART", Decimal("15538"), Decimal("15538")),
        "unsure_figures": "Periodens resultat (p. 2, line 30): OCR was unsure of '15538' (55 %) in '15538'",
    },
    # Coverage: a balance sheet found with none of its 12 lines read, an income statement with
    # 7 of 8 read (tolerance: all unread lines but one), a cash flow statement not found.
    "coverage_unread": _case(
        "coverage_unread",
        "extraction_coverage",
        "R-SMALL",
        12,
        0,
        tolerance=0,
        subject="Balansräkning: lines with figures read",
    ),
    "coverage_partial": _case(
        "coverage_partial",
        "extraction_coverage",
        "R-SMALL",
        8,
        7,
        tolerance=7,
        subject="Resultaträkning: lines with figures read",
    ),
    "coverage_missing": _case(
        "coverage_missing",
        "extraction_coverage",
        "R-SMALL",
        None,
        None,
        tolerance=0,
        missing_inputs="Kassaflödesanalys / finansieringsanalys not found in the report",
        subject="Kassaflödesanalys / finansieringsanalys: lines with figures read",
    ),
}
ROW = {key: position for position, key in enumerate(CASES)}


@pytest.fixture(scope="module")
def docs_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("dq_report") / "gx"


@pytest.fixture(scope="module")
def outcome(docs_dir: Path) -> ReconciliationOutcome:
    return run_reconciliation(pd.DataFrame(list(CASES.values())), data_docs_dir=docs_dir)


def _result(outcome: ReconciliationOutcome, key: str) -> pd.Series:
    return outcome.results.iloc[ROW[key]]


def test_columns_order_and_one_timestamp(outcome: ReconciliationOutcome) -> None:
    results = outcome.results
    assert list(results.columns) == list(RESULT_COLUMNS)
    assert list(results["subject"]) == [case["subject"] for case in CASES.values()]
    assert results["checked_at"].nunique() == 1


@pytest.mark.parametrize(
    ("key", "status", "difference"),
    [
        ("balanced", "pass", Decimal("0")),
        ("off_by_one", "warn", Decimal("-1")),
        ("off_by_500", "fail", Decimal("500")),
        ("tkr_table", "warn", Decimal("1000")),
        ("participants", "warn", Decimal("-3")),
        ("float_rounding", "pass", Decimal("0")),
        ("just_over", "fail", Decimal("1.01")),
        ("small_fail_a", "fail", Decimal("20")),
        ("small_fail_b", "fail", Decimal("-10")),
        ("repaired_pass", "warn", Decimal("0")),
        ("repaired_fail", "fail", Decimal("-45")),
        ("coverage_unread", "fail", Decimal("-12")),
        ("coverage_partial", "warn", Decimal("-1")),
    ],
)
def test_status_and_difference(outcome: ReconciliationOutcome, key: str, status: str, difference: Decimal) -> None:
    row = _result(outcome, key)
    assert row["status"] == status
    assert isinstance(row["difference"], Decimal)
    assert row["difference"] == difference
    assert row["difference"] == row["actual"] - row["expected"]
    assert row["difference"].as_tuple().exponent == -2


def test_missing_inputs_not_run(outcome: ReconciliationOutcome) -> None:
    row = _result(outcome, "missing")
    assert row["status"] == "not_run"
    assert row["difference"] is None
    assert row["detail"] == "not run: Eget kapital vid årets början. look at missing"

    no_actual = _result(outcome, "no_actual")
    assert no_actual["status"] == "not_run"
    assert no_actual["detail"].startswith("not run: actual figure missing.")


def test_suites_and_gx_success(outcome: ReconciliationOutcome) -> None:
    runnable_checks = {case["check_name"] for key, case in CASES.items() if key not in ("missing", "no_actual")}
    assert set(outcome.suite_names) == {f"reconciliation__{name}" for name in runnable_checks}
    assert "reconciliation__equity_roll_forward" not in outcome.suite_names
    assert outcome.gx_success_by_check["balance_sheet_balances"] is True
    assert outcome.gx_success_by_check["note_sums_to_statement"] is False
    assert outcome.gx_success_by_check["participants_sex_sum"] is False  # off, within tolerance


def test_data_docs_built(outcome: ReconciliationOutcome, docs_dir: Path) -> None:
    assert outcome.data_docs_index == docs_dir.resolve() / "index.html"
    assert outcome.data_docs_index.is_file()
    index_text = outcome.data_docs_index.read_text(encoding="utf-8")
    assert "reconciliation__note_sums_to_statement" in index_text


def test_graded_check_by_check_as_in_one_call(outcome: ReconciliationOutcome, tmp_path: Path) -> None:
    """A run fed a few rows at a time (as the build does) grades every row as one call does."""
    frame = pd.DataFrame(list(CASES.values()))
    run = gx_engine.ReconciliationRun()
    parts = [run.grade(frame.iloc[start : start + 3]) for start in range(0, len(frame), 3)]
    results = pd.concat(parts, ignore_index=True)
    assert results["status"].tolist() == outcome.results["status"].tolist()
    assert results["difference"].tolist() == outcome.results["difference"].tolist()
    assert results["detail"].tolist() == outcome.results["detail"].tolist()
    assert sorted(run.suite_names) == sorted(outcome.suite_names)  # one suite per check, run once per part
    assert run.gx_success_by_check == outcome.gx_success_by_check
    assert set(results["checked_at"]) == {run.checked_at}
    index = run.build_data_docs(tmp_path / "docs").read_text(encoding="utf-8")
    assert "finsam_reconciliation_part_2" in index


def test_empty_input() -> None:
    empty = pd.DataFrame(columns=list(gx_engine.INPUT_COLUMNS))
    outcome = run_reconciliation(empty)
    assert outcome.results.empty
    assert list(outcome.results.columns) == list(RESULT_COLUMNS)
    assert outcome.suite_names == []
    assert outcome.data_docs_index is None


def test_missing_input_column_rejected() -> None:
    with pytest.raises(ValueError, match="tolerance"):
        run_reconciliation(pd.DataFrame([CASES["balanced"]]).drop(columns=["tolerance"]))


@pytest.mark.parametrize("damage", ["null_value", "dropped_column"])
def test_gx_that_cannot_judge_a_row_raises(monkeypatch: pytest.MonkeyPatch, damage: str) -> None:
    """GX skips nulls and reports errors per expectation; neither may become a pass."""
    build_frame = gx_engine._gx_frame

    def damaged_frame(rows: list[gx_engine._PreparedRow]) -> pd.DataFrame:
        frame = build_frame(rows)
        if damage == "null_value":
            frame.loc[0, gx_engine.ABS_DIFFERENCE_COLUMN] = float("nan")
            frame.loc[0, gx_engine.OVER_TOLERANCE_COLUMN] = float("nan")
            return frame
        return frame.drop(columns=[gx_engine.OVER_TOLERANCE_COLUMN])

    monkeypatch.setattr(gx_engine, "_gx_frame", damaged_frame)
    with pytest.raises(ReconciliationEngineError):
        run_reconciliation(pd.DataFrame([CASES["balanced"], CASES["off_by_500"]]))


def test_format_amount() -> None:
    assert format_amount(Decimal("6290501")) == "6 290 501"
    assert format_amount(Decimal("-1.00")) == "-1"
    assert format_amount(Decimal("-1"), decimals=2) == "-1,00"
    assert format_amount(Decimal("1234.5")) == "1 234,50"
    assert format_amount(Decimal("-1234567.891")) == "-1 234 567,89"
    assert format_amount(None) == "–"


REPORTS = pd.DataFrame(
    [
        {
            "report_id": report_id,
            "association_id": "finsam-test",
            "source_file": f"{report_id.lower()}.pdf",
            "report_type": "arsredovisning",
            "period_start": dt.date(2023, 1, 1),
            "period_end": PERIOD_END,
            "parse_status": "ok",
            "error_message": None,
        }
        for report_id in ("R-SMALL", "R-BIG", "R-TKR", "R-PART")
    ]
    + [
        {
            "report_id": "R-BROKEN",
            "association_id": "finsam-test",
            "source_file": "r-broken.pdf",
            "report_type": None,
            "period_start": None,
            "period_end": None,
            "parse_status": "error",
            "error_message": "PDF has no text layer <scanned>",
        }
    ]
)


@pytest.fixture(scope="module")
def report_html(outcome: ReconciliationOutcome, docs_dir: Path) -> str:
    out_path = docs_dir.parent / "index.html"
    written = write_dq_report(
        outcome.results,
        REPORTS,
        out_path,
        data_docs_index=outcome.data_docs_index,
        generated_at=dt.datetime(2024, 3, 1, 6, 0, tzinfo=dt.UTC),
    )
    assert written == out_path
    assert not [p for p in out_path.parent.iterdir() if p.name.endswith(".tmp")]
    return out_path.read_text(encoding="utf-8")


def _section(page: str, title: str) -> str:
    start = page.index(f"<h2>{title}</h2>")
    end = page.find("<h2>", start + 1)
    return page[start : end if end != -1 else len(page)]


def test_a_repaired_figure_is_named_and_a_pass_with_it_is_a_warn(outcome: ReconciliationOutcome) -> None:
    passed = _result(outcome, "repaired_pass")
    assert passed["detail"].endswith(
        "(passes only with a repaired figure: Resultat efter finansiella poster (line 9): minus sign restored.)"
    )
    assert passed["repairs"].startswith("Resultat efter finansiella poster")
    failed = _result(outcome, "repaired_fail")
    assert "uses a repaired figure: Årets resultat (line 10)" in failed["detail"]
    assert pd.isna(_result(outcome, "balanced")["repairs"])


def test_report_sections_in_order(report_html: str) -> None:
    titles = [
        "What was read, per report",
        "Reports that do not reconcile",
        "Warnings",
        "Checks that could not run",
        "Checks by family",
        "Reports that could not be read",
        "Per-report summary",
    ]
    positions = [report_html.index(f"<h2>{title}</h2>") for title in titles]
    assert positions == sorted(positions)
    assert "Generated 2024-03-01 06:00:00 UTC" in report_html


def test_report_failures_worst_first(report_html: str) -> None:
    failing = _section(report_html, "Reports that do not reconcile")
    assert failing.index("r-big.pdf") < failing.index("r-small.pdf")
    assert "r-part.pdf" in failing  # 1.01 over 1 kr tolerance
    assert "101,01" in failing and "100,00" in failing  # one table, one number style
    assert "r-tkr.pdf" not in failing
    assert "10 000" in failing and "10 500" in failing
    assert "look at off_by_500" in failing


def test_report_warnings_not_run_and_unreadable(report_html: str) -> None:
    warnings = _section(report_html, "Warnings")
    assert "r-tkr.pdf" in warnings and "1 000" in warnings  # named by its source file
    assert "participants_sex_sum" in warnings

    not_run = _section(report_html, "Checks that could not run")
    assert "Eget kapital vid årets början" in not_run

    unreadable = _section(report_html, "Reports that could not be read")
    assert "r-broken.pdf" in unreadable
    assert "PDF has no text layer &lt;scanned&gt;" in unreadable


def test_report_is_self_contained_and_escaped(report_html: str) -> None:
    assert "http://" not in report_html and "https://" not in report_html
    # One inline script (the filters), nothing loaded from elsewhere.
    assert not re.search(r"<link\b|<script[^>]*\bsrc=", report_html)
    assert report_html.count("<script>") == 1
    assert "<style>" in report_html
    assert 'href="gx/index.html"' in report_html
    assert "<scanned>" not in report_html
    summary = _section(report_html, "Per-report summary")
    assert "r-broken.pdf" in summary and "r-big.pdf" in summary


def test_report_coverage_comes_first_and_names_what_was_not_read(report_html: str) -> None:
    coverage = _section(report_html, "What was read, per report")
    assert "r-small.pdf" in coverage
    assert "found, not read: Balansräkning" in coverage
    assert "partly read: Resultaträkning" in coverage
    assert "missing: Kassaflödesanalys / finansieringsanalys" in coverage
    assert "0 of 12" in coverage and "7 of 8" in coverage
    # Coverage rows are not repeated among the reconciliation findings.
    assert "extraction_coverage" not in _section(report_html, "Reports that do not reconcile")


def test_report_says_no_rows_for_a_family_with_nothing_to_compare(report_html: str) -> None:
    families = _section(report_html, "Checks by family")
    row = families[families.index("<code>comparatives</code>") :]
    assert row[: row.index("</tr>")].count("no rows: nothing to compare") == 1
    balance = families[families.index("<code>balance_sheet_balances</code>") :]
    assert "no rows" not in balance[: balance.index("</tr>")]


def test_a_check_resting_on_a_figure_ocr_was_unsure_of_warns_and_says_so(outcome: ReconciliationOutcome) -> None:
    off = _result(outcome, "unsure_off")
    assert off["status"] == "warn"  # the report may add up and a digit be misread: not a fail
    assert "rests on a figure OCR was unsure of: Summa tillgångar (p. 2, line 27)" in off["detail"]
    exact = _result(outcome, "unsure_exact")
    assert exact["status"] == "pass"
