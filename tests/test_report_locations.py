"""Where the data-quality report says to look: a report's title in words, and in a PDF
the page and the line on that page, from the page starts stored with the report."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import duckdb
import pytest

from finsam_warehouse import settings
from finsam_warehouse.parsing import ParsedReport, parse_report
from finsam_warehouse.parsing.extract import extract_text
from finsam_warehouse.parsing.registry import load_registry
from finsam_warehouse.reconciliation.report.inputs import ReportInfo, report_title
from finsam_warehouse.reconciliation.report.locations import PrintedLines, quoted_lines, readable_detail
from finsam_warehouse.warehouse.raw_loader import load_raw_tables
from tests.conftest import sample_path
from tests.pdf_fixtures import render_report_pdf

SAMPLE = "002_caf57892eec3f583.txt"


@pytest.fixture(scope="module")
def printed(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, ParsedReport]:
    """002 printed to an A4 PDF and parsed from it."""
    raw = tmp_path_factory.mktemp("raw")
    source = sample_path(SAMPLE)
    pdf = raw / source.parent.name / f"{source.stem}.pdf"
    pdf.parent.mkdir()
    render_report_pdf(source.read_text(encoding="utf-8"), pdf)
    report = parse_report(pdf, raw, load_registry(settings.ASSOCIATIONS_SEED), settings.PARSER_CATALOG)
    assert report.ok, report.error_message
    return pdf, report


def test_a_pdf_keeps_where_each_page_starts_and_the_warehouse_gets_it(printed, tmp_path: Path) -> None:
    pdf, report = printed
    lines = extract_text(pdf).lines
    assert len(report.page_first_lines) == report.page_count > 1
    for page, first in enumerate(report.page_first_lines, start=1):
        assert min(line.number for line in lines if line.page == page) == first
    build = tmp_path / "warehouse.duckdb"
    load_raw_tables(build, [report])
    con = duckdb.connect(str(build), read_only=True)
    try:
        pages = con.execute("SELECT page, first_line FROM raw.report_pages ORDER BY page").fetchall()
    finally:
        con.close()
    assert pages == list(enumerate(report.page_first_lines, start=1))


def test_a_figure_is_found_by_its_page_and_its_line_on_that_page(printed) -> None:
    pdf, report = printed
    fact = next(f for f in report.statement_facts if f.line_item == "total_assets" and f.source_page > 1)
    lines = PrintedLines(
        texts={(report.report_id, fact.source_line): fact.raw_text},
        page_starts={(report.report_id, p): f for p, f in enumerate(report.page_first_lines, start=1)},
    )
    on_page = lines.line_on_page(report.report_id, fact.source_page, fact.source_line)
    assert on_page is not None and 1 <= on_page < fact.source_line
    # Counted from the top of its page, that line is the one the figure was read from.
    page_lines = [line for line in extract_text(pdf).lines if line.page == fact.source_page]
    assert page_lines[on_page - 1].number == fact.source_line
    assert "tillgångar" in page_lines[on_page - 1].text.lower()
    detail = f"SUMMA TILLGÅNGAR (page {fact.source_page}, line {fact.source_line}) vs <b>Summa</b> (line 3)"
    assert readable_detail(detail, report.report_id, lines) == (
        f"SUMMA TILLGÅNGAR (page {fact.source_page}, line {on_page}) vs Summa (line 3)"
    )
    place, text = quoted_lines(detail, report.report_id, lines)[0]
    assert place == f"page {fact.source_page}, line {on_page}" and "<" not in text and "\t" not in text


def _info(report_type: str | None, start: dt.date | None, end: dt.date | None) -> ReportInfo:
    return ReportInfo("r", "sofint", "sofint/r.pdf", report_type, start, end, "ok", None)


@pytest.mark.parametrize(
    ("report_type", "start", "end", "title"),
    [
        ("annual", dt.date(2022, 1, 1), dt.date(2022, 12, 31), "Årsredovisning 2022"),
        ("annual", dt.date(2021, 7, 1), dt.date(2022, 6, 30), "Årsredovisning 2021/2022"),
        ("interim", dt.date(2023, 1, 1), dt.date(2023, 6, 30), "Delårsrapport jan–jun 2023"),
        ("interim", dt.date(2022, 12, 1), dt.date(2023, 6, 30), "Delårsrapport dec 2022–jun 2023"),
        (None, None, None, "r.pdf"),
    ],
)
def test_a_report_is_titled_by_its_type_and_period(report_type, start, end, title) -> None:
    assert report_title(_info(report_type, start, end)) == title
