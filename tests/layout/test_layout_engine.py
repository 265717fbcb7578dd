"""The layout engine on small constructed pages: words, lines, columns, headers."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest

from finsam_warehouse.parsing.layout import LayoutSettings, Word, lines_from_words, words_from_tsv
from finsam_warehouse.parsing.layout.columns import Column, glued_cut, split_spanning
from finsam_warehouse.parsing.layout.header import column_headers, role_of
from finsam_warehouse.parsing.layout.lines import Cell

CHAR = 5.0  # width of one character, 10 pt text


def words_of(top: float, x0: float, text: str, gap: float = CHAR) -> Iterator[Word]:
    """The words of ``text`` from x0 on, one space (``gap``) between them."""
    for word in text.split(" "):
        yield Word(x0, x0 + CHAR * len(word), top, top + 10, word)
        x0 += CHAR * len(word) + gap


def ending_at(top: float, x1: float, text: str) -> Iterator[Word]:
    """Right-aligned text: its last character ends at x1."""
    return words_of(top, x1 - CHAR * len(text), text)


def test_settings_are_validated() -> None:
    with pytest.raises(ValueError, match="cell_gap"):
        LayoutSettings(cell_gap=0)
    with pytest.raises(ValueError, match="row_tolerance"):
        LayoutSettings(row_tolerance=-1)
    with pytest.raises(ValueError, match="confidence"):
        LayoutSettings(ocr_low_confidence=80, ocr_min_confidence=60)


def test_ocr_words_keep_their_confidence_and_lose_specks() -> None:
    head = "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext"
    rows = [
        "5\t1\t1\t1\t1\t1\t100\t50\t120\t30\t96.5\tKassa",
        "5\t1\t1\t1\t1\t2\t240\t50\t60\t30\t91\tbank",
        "5\t1\t1\t1\t1\t3\t320\t60\t4\t4\t30\t.",  # a speck: tiny and without letters
        "5\t1\t1\t1\t1\t4\t400\t50\t100\t30\t12\t|",  # low confidence, no letters or digits
        "4\t1\t1\t1\t1\t0\t100\t50\t300\t30\t-1\t",  # a line box, not a word
    ]
    words = words_from_tsv("\n".join([head, *rows]))
    assert [(w.text, w.confidence) for w in words] == [("Kassa", 96.5), ("bank", 91.0)]


def test_a_dash_glued_to_the_next_columns_date_is_cut_at_the_column_end() -> None:
    word = Word(381.7, 439.1, 0, 10, "-2022-01-01")
    cut = glued_cut(word, 385.1)
    assert cut is not None
    assert (cut[0].text, cut[1].text) == ("-", "2022-01-01")
    assert cut[0].x1 == cut[1].x0


def test_digits_and_letters_meeting_at_a_column_end_are_cut_there() -> None:
    word = Word(100, 155, 0, 10, "2022jan–jun")
    cut = glued_cut(word, 120)
    assert cut is not None and (cut[0].text, cut[1].text) == ("2022", "jan–jun")


def test_a_whole_word_over_a_column_end_stays_whole() -> None:
    assert glued_cut(Word(100, 155, 0, 10, "Nyinskrivna"), 130) is None
    assert glued_cut(Word(100, 150, 0, 10, "2024-01-01"), 105) is None


def test_a_header_cell_that_ends_elsewhere_than_a_figure_column_spans_nothing() -> None:
    columns = [Column(265, 270.8), Column(330, 385), Column(390, 445)]
    note = Cell([Word(265.2, 280.8, 0, 10, "Not")], "Not")
    assert split_spanning(note, columns, 6.0, ocr=False) == [note]


def test_a_header_run_over_two_columns_is_cut_at_the_first_columns_end() -> None:
    columns = [Column(330, 385.0), Column(395, 445.0)]
    words = [*words_of(0, 385.0 - 50, "2023-06-30"), *words_of(0, 445.0 - 50, "2022-12-31")]
    run = Cell(words, "2023-06-30 2022-12-31")
    assert [c.text for c in split_spanning(run, columns, 6.0, ocr=False)] == ["2023-06-30", "2022-12-31"]


def header_page() -> list[Word]:
    """A statement whose right-aligned date headers are wider than its figures and touch
    (LibreOffice tables): "2023-01-01 –" over "2023-06-30" in each of two columns."""
    first, second = 385.0, 445.0  # the columns' right edges
    return [
        # "2023-01-01 –" ends at the first column's end, where "2022-01-01 –" starts: the
        # dash and the next date print as one word.
        Word(first - 60, first - 10, 90, 100, "2023-01-01"),
        Word(first - 5, second - 10, 90, 100, "–2022-01-01"),
        Word(second - 5, second, 90, 100, "–"),
        *words_of(102, first - CHAR * 10, "2023-06-30 2022-12-31", gap=10),
        *words_of(114, 60, "Verksamhetens intäkter"), *ending_at(114, first, "4 100"),
        *ending_at(114, second, "4 064"),
        *words_of(126, 60, "Verksamhetens kostnader"), *ending_at(126, first, "-4 007"),
        *ending_at(126, second, "-4 215"),
    ]  # fmt: skip


def test_header_lines_over_a_table_are_cut_into_its_columns() -> None:
    assert lines_from_words(header_page()) == [
        "\t2023-01-01 –\t2022-01-01 –",
        "\t2023-06-30\t2022-12-31",
        "Verksamhetens intäkter\t4 100\t4 064",
        "Verksamhetens kostnader\t-4 007\t-4 215",
    ]


def test_a_column_header_joins_its_cells_over_the_header_lines() -> None:
    headers = column_headers(["\tNot\t2023-01-01 –\t2022-01-01 –", "Belopp i tkr\t\t2023-06-30\t2022-12-31"])
    assert [(h.cell, h.role, h.period_start, h.period_end) for h in headers] == [
        (1, "note", None, None),
        (2, None, date(2023, 1, 1), date(2023, 6, 30)),
        (3, None, date(2022, 1, 1), date(2022, 12, 31)),
    ]


def test_bare_years_units_and_roles_in_headers() -> None:
    headers = column_headers(["\t2021\tBudget 2021\tUtfall tkr"])
    assert [(h.year, h.role, h.unit) for h in headers] == [(2021, None, None), (2021, "budget", None), (None, "outcome", "tkr")]
    assert role_of("Prognos helår") == "forecast"
    assert role_of("Avvikelse") == "difference"


def test_several_periods_in_one_cell_are_parts_of_it() -> None:
    headers = column_headers(["\t2022-08-31\t2021-08-31 2021-12-31"])
    assert [(h.cell, h.part, h.parts, h.period_end) for h in headers] == [
        (1, 0, 1, date(2022, 8, 31)),
        (2, 0, 2, date(2021, 8, 31)),
        (2, 1, 2, date(2021, 12, 31)),
    ]
