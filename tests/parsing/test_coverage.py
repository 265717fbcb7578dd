"""What the parser says it read of each section, and the lines with figures it did not read."""

from __future__ import annotations

from datetime import date

from finsam_warehouse.parsing.coverage import read_coverage
from finsam_warehouse.parsing.models import ReportMetadata, TextLine
from finsam_warehouse.parsing.statements import read_statements
from tests.parsing.test_report_parsing import parse_sample

ANNUAL = ReportMetadata("annual", date(2023, 1, 1), date(2023, 12, 31), None, None)


def _lines(text: str) -> list[TextLine]:
    return [TextLine(n, 1, line) for n, line in enumerate(text.splitlines(), start=1)]


# An OCR balance sheet: one row's figures run together so they cannot be split into two
# columns, a page number inside the table, and no cash flow statement or notes at all.
BALANCE_SHEET = """Balansräkning
Belopp i kr 2023-12-31 2022-12-31
Kassa och bank 500 000 400 000
Summa omsättningstillgångar 500 000 400 000
Summa tillgångar 500 000 400 000
Sida 7
Eget kapital 300 000 250 000
Leverantörsskulder 100000150000
Summa kortfristiga skulder 200 000 150 000
Summa eget kapital och skulder 500 000 400 000
Resultaträkning
Verksamhetens intäkter 2023-01-01 -2023-12-31
"""


def test_an_unsplit_row_is_an_unread_line_and_missing_sections_are_named() -> None:
    lines = _lines(BALANCE_SHEET)
    facts = read_statements(lines, ANNUAL)
    sections, unread = read_coverage(lines, ANNUAL, facts, set())
    by_section = {s.section: s for s in sections}
    balance = by_section["balance_sheet"]
    assert balance.is_found and balance.is_required and balance.heading_line == 1
    assert (balance.lines_read, balance.lines_with_figures) == (6, 7)  # the page number is no figure
    assert [(u.section, u.label, u.source_line) for u in unread] == [("balance_sheet", "Leverantörsskulder", 8)]
    assert not by_section["cash_flow"].is_found and by_section["cash_flow"].is_required
    assert not by_section["notes"].is_found
    # The income statement heading is found, but none of its lines with figures is read.
    income = by_section["income_statement"]
    assert income.is_found and income.lines_read == 0


def test_interim_reports_need_only_the_two_statements() -> None:
    interim = ReportMetadata("interim", date(2023, 1, 1), date(2023, 6, 30), None, None)
    lines = _lines(BALANCE_SHEET)
    sections, _ = read_coverage(lines, interim, read_statements(lines, interim), set())
    assert {s.section for s in sections if s.is_required} == {"income_statement", "balance_sheet"}
    assert "cash_flow" not in {s.section for s in sections}


def test_the_samples_are_read_completely_where_they_print_statements() -> None:
    annual = parse_sample("001_f7400a145f68ac80.txt")
    assert {(s.section, s.is_found, s.lines_read == s.lines_with_figures > 0) for s in annual.coverage} == {
        ("income_statement", True, True), ("balance_sheet", True, True),
        ("cash_flow", True, True), ("notes", True, True),
    }  # fmt: skip
    assert annual.unread_lines == []
    # 004's Not 2 is a budget table: the budget reader takes its lines, so they are not unread.
    interim = parse_sample("004_a495080c90d84188.txt")
    assert interim.unread_lines == []
    # 003 prints no statements: both required sections are missing, nothing is invented.
    no_statements = parse_sample("003_76c6639e21d29c62.txt")
    assert {(s.section, s.is_found) for s in no_statements.coverage} == {
        ("income_statement", False), ("balance_sheet", False)
    }
