"""The statement reader on layout-engine rows: year headers and tables continued over a page break."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from finsam_warehouse.parsing.coverage import read_coverage
from finsam_warehouse.parsing.models import ReportMetadata, TextLine
from finsam_warehouse.parsing.statements import read_statements

META = ReportMetadata("annual", date(2023, 1, 1), date(2023, 12, 31), None, None)


def lines_of(*pages: list[str]) -> list[TextLine]:
    lines, number = [], 0
    for page, texts in enumerate(pages, start=1):
        for text in texts:
            number += 1
            lines.append(TextLine(number, page, text))
    return lines


def test_year_headers_after_a_unit_label_are_periods() -> None:
    facts = read_statements(
        lines_of(["Resultaträkning", "Belopp i tkr\t2023\t2022", "Verksamhetens intäkter\t13 571\t13 334"]), META
    )
    assert {(f.period_start, f.period_end, f.amount_sek) for f in facts} == {
        (date(2023, 1, 1), date(2023, 12, 31), Decimal("13571000.00")),
        (date(2022, 1, 1), date(2022, 12, 31), Decimal("13334000.00")),
    }


def test_a_table_continued_on_a_page_laid_out_otherwise_keeps_its_columns_in_order() -> None:
    first = ["Balansräkning", "\t\t\t2023-12-31\t2022-12-31", "Kassa och bank\t\t\t3 394 502\t4 586 960"]
    second = [
        "Summa tillgångar\t3 758 705\t4 853 265",
        "Leverantörsskulder\t2\t534 704\t1 225 961",  # a third figure cell: which is which cannot be told
    ]
    facts = read_statements(lines_of(first, second), META)
    found = {(f.label, f.period_end, f.amount_sek, f.source_page) for f in facts}
    assert found == {
        ("Kassa och bank", date(2023, 12, 31), Decimal("3394502.00"), 1),
        ("Kassa och bank", date(2022, 12, 31), Decimal("4586960.00"), 1),
        ("Summa tillgångar", date(2023, 12, 31), Decimal("3758705.00"), 2),
        ("Summa tillgångar", date(2022, 12, 31), Decimal("4853265.00"), 2),
    }


def test_a_note_header_run_into_the_first_date_heads_that_dates_column() -> None:
    facts = read_statements(
        lines_of(["Balansräkning", "\tNot 2023-12-31\t2022-12-31", "Kassa och bank\t3 391 475\t3 649 654"]), META
    )
    assert {(f.period_end, f.amount_sek) for f in facts} == {
        (date(2023, 12, 31), Decimal("3391475.00")),
        (date(2022, 12, 31), Decimal("3649654.00")),
    }


def test_the_header_row_of_another_table_ends_the_statement() -> None:
    lines = lines_of([
        "Balansräkning", "\t2023-12-31\t2022-12-31", "Kassa och bank\t3 873 830\t3 394 502", "",
        "1.6 Ekonomisk sammanfattning", "Verksamhet\tUtfall\tBudget\tAvvikelse", "Kansli 1.0\t1 184 300\t1 250 000\t65 700",
    ])  # fmt: skip
    assert {f.label for f in read_statements(lines, META)} == {"Kassa och bank"}


def test_a_label_wrapped_in_its_cell_is_one_row_whether_the_figures_are_on_its_last_line_or_its_first() -> None:
    lines = lines_of([
        "Resultaträkning", "\t2023-01-01 -2023-12-31\t2022-01-01 -2022-12-31",
        "Verksamhetens resultat\t-171 036\t183 332",
        "Resultat efter finansiella", "poster\t-158 071\t199 537",  # figures on the last line
        "Förändring av kortfristiga\t12 000\t-3 000", "fordringar",  # figures on the first line
        "Årets resultat\t-158 071\t199 537",
        "varav medlemsbidrag\t1 000\t2 000",  # a line of its own: the line above has figures
        "SUMMA EGET KAPITAL, AVSÄTTNINGAR\t3 043 383\t3 652 848", "OCH SKULDER",  # capitals: a connective
        "KORTFRISTIGA SKULDER",  # a heading: not continued into
        "LEVERANTÖRSSKULDER\t5 000\t6 000",
    ])  # fmt: skip
    facts = [f for f in read_statements(lines, META) if f.period_end == date(2023, 12, 31)]
    assert [(f.label_printed, f.line_item, f.amount_sek, f.source_line) for f in facts] == [
        ("Verksamhetens resultat", "operating_result", Decimal("-171036.00"), 3),
        ("Resultat efter finansiella poster", "result_after_financial_items", Decimal("-158071.00"), 5),
        ("Förändring av kortfristiga fordringar", "other", Decimal("12000.00"), 6),
        ("Årets resultat", "net_result", Decimal("-158071.00"), 8),
        ("varav medlemsbidrag", "other", Decimal("1000.00"), 9),
        ("SUMMA EGET KAPITAL, AVSÄTTNINGAR OCH SKULDER", "other", Decimal("3043383.00"), 10),
        ("LEVERANTÖRSSKULDER", "other", Decimal("5000.00"), 13),
    ]


def test_a_label_run_past_the_first_tab_stop_gives_its_figure_to_the_first_column() -> None:
    lines = lines_of([
        "Balansräkning", "\t2023-12-31\t2022-12-31",
        "Förutbetalda intäkter och upplupna kostnader1 222 461\t\t1 443 889",
        "Förutbetalda kostnader och upplupna intäkter 65 553\t\t71 282",
        "Kansli 1.0\t\t5 000",  # no figure at the label's end: the first column stays empty
    ])  # fmt: skip
    found = {(f.label_printed, f.period_end.year, f.amount_sek) for f in read_statements(lines, META)}
    assert found == {
        ("Förutbetalda intäkter och upplupna kostnader", 2023, Decimal("1222461.00")),
        ("Förutbetalda intäkter och upplupna kostnader", 2022, Decimal("1443889.00")),
        ("Förutbetalda kostnader och upplupna intäkter", 2023, Decimal("65553.00")),
        ("Förutbetalda kostnader och upplupna intäkter", 2022, Decimal("71282.00")),
        ("Kansli 1.0", 2022, Decimal("5000.00")),
    }


def test_rows_continued_on_a_later_page_keep_the_order_of_a_header_that_shared_one_cell() -> None:
    first = ["Resultaträkning", "\t\t2023-12-31 2022-12-31\t\t", "Projektmedel\t\t-1 403 515 -2 731 430\t\t"]
    second = ["Övriga kostnader\t-200 503\t-390 204"]
    facts = read_statements(lines_of(first, second), META)
    assert {(f.label, f.period_end.year, f.amount_sek, f.source_page) for f in facts} == {
        ("Projektmedel", 2023, Decimal("-1403515.00"), 1),
        ("Projektmedel", 2022, Decimal("-2731430.00"), 1),
        ("Övriga kostnader", 2023, Decimal("-200503.00"), 2),
        ("Övriga kostnader", 2022, Decimal("-390204.00"), 2),
    }


def _balance_sheet(*rows: str) -> list[TextLine]:
    return lines_of(["Balansräkning", "\t2023-12-31\t2022-12-31", *rows])


def _line_items(*rows: str) -> dict[str, str]:
    """Printed label → line item of a balance sheet with these rows."""
    return {f.label_printed: f.line_item for f in read_statements(_balance_sheet(*rows), META)}


def test_a_lone_provisions_line_is_the_provisions_total_where_the_balance_sheet_confirms_it() -> None:
    codes = _line_items(
        "Summa eget kapital\t1 818 239\t1 654 688", "Avsättningar för pensioner\t140 413\t140 413",
        "Leverantörsskulder\t1 417 398\t824 901", "Summa kortfristiga skulder\t2 499 875\t2 604 202",
        "Summa eget kapital och skulder\t4 458 527\t4 399 303",
    )  # fmt: skip
    assert codes["Avsättningar för pensioner"] == "provisions_total"
    # Long-term debt besides: the sheet's figures do not confirm it, so the line stays what it is.
    codes = _line_items(
        "Summa eget kapital\t1 818 239\t1 654 688", "Avsättningar för pensioner\t140 413\t140 413",
        "Långfristiga skulder\t100 000\t100 000", "Summa kortfristiga skulder\t2 499 875\t2 604 202",
        "Summa eget kapital och skulder\t4 558 527\t4 499 303",
    )  # fmt: skip
    assert codes["Avsättningar för pensioner"] == "other"


def test_figures_whose_label_ocr_set_on_a_line_of_its_own_take_it_where_only_one_line_can_be_it() -> None:
    lines = _balance_sheet(
        "Tillgångar\t\t", "\t91 979\t127 090", "Fordringar\t\t",  # a section heading above: the line below
        "Kassa och bank\t4 103 164\t5 117 457",
        "Årets resultat\t\t", "\t163 551\t254 688",  # the line above
        "Balanserat resultat\t1 000\t2 000",
        "Eget kapital och skulder\t\t", "\t7 000\t8 000",  # only a section heading next to it: not read
        "Summa eget kapital\t9 000\t9 500",
        "Leverantörsskulder\t\t", "\t5 000\t6 000", "Övriga skulder\t\t",  # two lines could be it: not read
    )  # fmt: skip
    facts = read_statements(lines, META)
    found = {(f.label_printed, f.amount_sek, f.source_line) for f in facts if f.period_end.year == 2023}
    assert found == {
        ("Fordringar", Decimal("91979.00"), 4),
        ("Kassa och bank", Decimal("4103164.00"), 6),
        ("Årets resultat", Decimal("163551.00"), 8),
        ("Balanserat resultat", Decimal("1000.00"), 9),
        ("Summa eget kapital", Decimal("9000.00"), 12),
    }
    _, unread = read_coverage(lines, META, facts, set())
    assert [u.source_line for u in unread] == [11, 14]  # said so, not silently dropped


def test_a_range_over_two_header_lines_without_its_dash_is_one_period() -> None:
    interim = ReportMetadata("interim", date(2023, 1, 1), date(2023, 6, 30), None, None)
    lines = lines_of([
        "Resultaträkning",
        "\t2023-01-01\t2022-01-01\t\t\t2022-01-01 -\t",  # OCR cut the middle start into a cell of its own
        "Belopp i tkr\t2023-06-30\t\t2022-06-30\t\t2022-12-31\t",
        "Verksamhetens intäkter\t4 100\t\t4 064\t\t8119\t",
    ])  # fmt: skip
    found = {(f.period_start, f.period_end, f.amount_sek) for f in read_statements(lines, interim)}
    assert found == {
        (date(2023, 1, 1), date(2023, 6, 30), Decimal("4100000.00")),
        (date(2022, 1, 1), date(2022, 6, 30), Decimal("4064000.00")),
        (date(2022, 1, 1), date(2022, 12, 31), Decimal("8119000.00")),
    }
