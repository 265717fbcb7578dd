"""One file's work runs in a bounded process: every way it can go wrong is a message."""

from __future__ import annotations

import subprocess
import time
from datetime import date
from decimal import Decimal

import pytest

from finsam_warehouse.parsing.models import ParsedReport, StatementFact
from finsam_warehouse.warehouse.isolation import IsolatedFailure, Limits, run_isolated
from finsam_warehouse.warehouse.value_ranges import out_of_range_problem
from tests.reliability import isolated_work

SMALL = Limits(seconds=3, memory_bytes=512 * 1024**2)


def test_a_result_comes_back() -> None:
    assert run_isolated(isolated_work.double, 21, limits=SMALL) == 42


def test_a_runaway_is_stopped_with_its_helpers() -> None:
    started = time.monotonic()
    with pytest.raises(IsolatedFailure, match=r"^gave up after 3 s$"):
        run_isolated(isolated_work.sleep_in_a_helper_process, limits=SMALL)
    assert time.monotonic() - started < 10
    left = subprocess.run(["pgrep", "-f", "sleep 60"], capture_output=True, text=True).stdout
    assert left == ""


def test_too_much_memory_is_a_message() -> None:
    with pytest.raises(IsolatedFailure, match=r"^needed more than 512 MB of memory$"):
        run_isolated(isolated_work.allocate_a_gigabyte, limits=SMALL)


def test_any_exception_is_a_message() -> None:
    with pytest.raises(IsolatedFailure, match=r"unexpected ValueError while reading the file: year 0 is out of range"):
        run_isolated(isolated_work.invalid_date, limits=SMALL)


def test_a_killed_process_is_a_message() -> None:
    with pytest.raises(IsolatedFailure, match=r"killed \(SIGKILL\)"):
        run_isolated(isolated_work.die_by_signal, limits=SMALL)


def test_limits_are_validated() -> None:
    with pytest.raises(ValueError):
        Limits(seconds=0)
    with pytest.raises(ValueError):
        Limits(memory_bytes=1024)


def _report_with(amount: Decimal) -> ParsedReport:
    report = ParsedReport("r", "sofint", "sofint/x.txt", "0" * 64, "text", "v")
    report.statement_facts = [
        StatementFact(
            statement="balance_sheet", line_item="total_assets", label="Summa tillgångar",
            label_printed="Summa tillgångar", period_start=None, period_end=date(2020, 12, 31),
            amount_sek=amount, is_comparative=False, unit="kr", amount_printed=str(amount), note_ref=None,
            section=None, line_order=1, source_page=None, source_line=12, raw_text="",
            is_repaired=False, repair_note=None,
        )
    ]  # fmt: skip
    return report


def test_a_figure_too_large_for_the_warehouse_is_named() -> None:
    assert out_of_range_problem(_report_with(Decimal("1234567.00"))) is None
    problem = out_of_range_problem(_report_with(Decimal("99999999999999999999999")))
    assert problem == "a figure is too large for the warehouse (amount_sek = 99999999999999999999999, line 12)"
