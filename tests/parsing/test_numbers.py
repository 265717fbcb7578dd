"""Swedish number formats, in table cells and in OCR runs of digit groups."""

from decimal import Decimal

import pytest

from finsam_warehouse.parsing.numbers import (
    parse_cell_amount,
    split_noted_run,
    split_number_run,
    unit_of,
)


@pytest.mark.parametrize(
    ("cell", "value"),
    [
        ("4 004 544", "4004544"),
        ("-4 270 918", "-4270918"),
        ("\u22121 121", "-1121"),  # a typographic minus
        ("403 022,50", "403022.50"),
        ("13 725", "13725"),
        ("0", "0"),
        ("(3971903", "3971903"),  # OCR stray '('
        ("(1 234)", "-1234"),  # an accountant's negative
        ("7970586-", "-7970586"),  # a trailing minus, as accounting systems print it
        ("1 234,50\u2212", "-1234.50"),
        ("<b>-351 528</b>".replace("<b>", "").replace("</b>", ""), "-351528"),
    ],
)
def test_cell_amounts(cell: str, value: str) -> None:
    parsed = parse_cell_amount(cell)
    assert parsed is not None
    assert parsed.value == Decimal(value)
    assert parsed.printed == cell


@pytest.mark.parametrize("cell", ["", "Kr", "2020-06-30", "Not", "12 %", "-1 234-"])
def test_cells_that_are_no_amount(cell: str) -> None:
    assert parse_cell_amount(cell) is None


@pytest.mark.parametrize(
    ("run", "count", "values"),
    [
        ("3986 000 3986 000", 2, ["3986000", "3986000"]),
        ("3986 000 | 3986000", 2, ["3986000", "3986000"]),
        ("-4 414742 -8 265 492", 2, ["-4414742", "-8265492"]),
        ("2442 099 3260 288", 2, ["2442099", "3260288"]),
        ("4006 230 8000 000", 2, ["4006230", "8000000"]),
        ("750963 271 055", 2, ["750963", "271055"]),
        ("1461 549", 1, ["1461549"]),
        ("7970586- 7935961-", 2, ["-7970586", "-7935961"]),
        ("890- 1874", 2, ["-890", "1874"]),
    ],
)
def test_ocr_runs_split_into_columns(run: str, count: int, values: list[str]) -> None:
    split = split_number_run(run, count)
    assert split is not None
    assert [str(n.value) for n in split] == values


def test_a_run_that_cannot_make_the_columns() -> None:
    assert split_number_run("12", 2) is None
    assert split_number_run("1 23 456", 1) is None  # '23' cannot follow a group


@pytest.mark.parametrize(
    ("run", "note", "values"),
    [
        ("4 253722 101 474", "4", ["253722", "101474"]),
        ("5 1926 673 1841652", "5", ["1926673", "1841652"]),
        ("2 695 821 3361762", None, ["2695821", "3361762"]),
        ("3 -4 740 656 -4 255 804", "3", ["-4740656", "-4255804"]),
    ],
)
def test_note_numbers_before_the_figures(run: str, note: str | None, values: list[str]) -> None:
    found = split_noted_run(run, 2)
    assert found is not None
    assert found[0] == note
    assert [str(n.value) for n in found[1]] == values


@pytest.mark.parametrize(
    ("text", "unit"),
    [("Belopp i kr.", "kr"), ("Belopp tkr", "tkr"), ("Kkr", "tkr"), ("Belopp i mkr", "mkr"), ("Belopp i mnkr", "mkr"), ("Not", None)],
)
def test_units(text: str, unit: str | None) -> None:
    assert unit_of(text) == unit


def test_a_minus_ocr_read_as_an_em_dash_or_doubled_is_one_minus() -> None:
    from finsam_warehouse.parsing.numbers import parse_single_amount

    assert parse_single_amount("-—8 927 280").value == Decimal("-8927280")
    assert parse_single_amount("—-14 601").value == Decimal("-14601")
    assert parse_single_amount("(—3 000)").value == Decimal("-3000")
    assert parse_single_amount("—") is None
