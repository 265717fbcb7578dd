"""The layout engine on rendered corpus pages: a three-column interim in tkr.

LibreOffice prints the table's date headers right-aligned, wider than the
figures below them and touching ("2023-01-01 –2022-01-01 –…"); Chromium and
ReportLab print them apart. Every PDF route must give each column its own cell
and each statement figure its column's period.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from finsam_warehouse import settings
from finsam_warehouse.parsing import parse_report
from finsam_warehouse.parsing.extract import extract_text
from finsam_warehouse.parsing.registry import load_registry

SPEC = "interim-three-columns-tkr"
ASSOCIATION = "lekeberg-orebro"
PERIODS = {
    (date(2023, 1, 1), date(2023, 6, 30)),
    (date(2022, 1, 1), date(2022, 6, 30)),
    (date(2022, 1, 1), date(2022, 12, 31)),
}


def test_libreoffice_header_runs_are_cut_into_the_figure_columns(rendered: Path) -> None:
    text = extract_text(rendered / "libreoffice" / ASSOCIATION / f"{SPEC}.pdf")
    lines = [line.text for line in text.lines]
    start = lines.index("2. Resultaträkning")
    assert lines[start + 1 : start + 4] == [
        "\t2023-01-01 –\t2022-01-01 –\t2022-01-01 –",
        "Belopp i tkr\t2023-06-30\t2022-06-30\t2022-12-31",
        "Verksamhetens intäkter\t4 100\t4 064\t8 119",
    ]


@pytest.mark.parametrize("producer", ["libreoffice", "chromium", "reportlab"])
def test_every_income_statement_column_gets_its_period(rendered: Path, producer: str) -> None:
    raw = rendered / producer
    report = parse_report(
        raw / ASSOCIATION / f"{SPEC}.pdf", raw, load_registry(settings.ASSOCIATIONS_SEED), settings.PARSER_CATALOG
    )
    assert report.ok, report.error_message
    income = [f for f in report.statement_facts if f.statement == "income_statement"]
    assert {(f.period_start, f.period_end) for f in income} == PERIODS
    operating = {(f.period_end, f.amount_sek) for f in income if f.line_item == "operating_income"}
    assert operating == {
        (date(2023, 6, 30), 4_100_000),
        (date(2022, 6, 30), 4_064_000),
        (date(2022, 12, 31), 8_119_000),
    }
    assert all(f.unit == "tkr" for f in income)
