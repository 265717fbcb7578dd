"""Budget tables in the layouts the layout engine gives: columns from header cells, in any order."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from finsam_warehouse import settings
from finsam_warehouse.parsing.budget import read_budget_tables
from finsam_warehouse.parsing.numbers import every_split
from finsam_warehouse.parsing.layout.text_grid import aligned_page
from finsam_warehouse.parsing.models import ReportMetadata, TextLine

ANNUAL = ReportMetadata("annual", date(2022, 1, 1), date(2022, 12, 31), None, None)


def _read(*texts: str) -> list[dict[str, Any]]:
    lines = [TextLine(i, None, t) for i, t in enumerate(texts, start=1)]
    return read_budget_tables(lines, ANNUAL, settings.PARSER_CATALOG.insats, "vastra-ostergotland")


def _figures(rows: list[dict[str, Any]]) -> dict[str, tuple[Decimal | None, ...]]:
    return {
        r["label_printed"]: (r["budget_full_year_sek"], r["outcome_sek"], r["printed_difference_sek"]) for r in rows
    }


def k(amount: int) -> Decimal:
    return Decimal(amount).quantize(Decimal("0.01"))


def test_granted_used_remaining_columns_under_a_label_header() -> None:
    rows = _read(
        "Beviljade medel och utfall 2022",
        "Insats\tBeviljat\tUtfall\tKvar",
        "ISA-Västra\t2 800 000\t2 643 110\t156 890",
        "Summa individinriktade insatser\t2 800 000\t2 643 110\t156 890",
    )
    assert _figures(rows) == {
        "ISA-Västra": (k(2800000), k(2643110), k(156890)),
        "Summa individinriktade insatser": (k(2800000), k(2643110), k(156890)),
    }
    assert rows[0]["difference_basis"] == "budget_minus_outcome"
    assert rows[1]["is_total"] and rows[0]["parent_line_order"] == rows[1]["line_order"]


def test_columns_in_any_order_with_a_unit_in_the_label_header() -> None:
    rows = _read(
        "tkr\tUtfall jan–\tBudget 2022",
        "\taug\t",
        "Kansli\t812\t1 300",
        "Totalt\t812\t1 300",
    )
    (kansli, total) = rows
    assert (kansli["outcome_sek"], kansli["budget_full_year_sek"], kansli["unit"]) == (k(812000), k(1300000), "tkr")
    assert total["is_total"] and kansli["fiscal_year"] == 2022


def test_a_cell_shared_by_two_columns_is_cut_where_the_difference_agrees() -> None:
    """Two columns printed too close to be parted (Chromium, ReportLab): never one glued figure."""
    rows = _read(
        "Driftredovisning 2022",
        "\tBudget\tUtfall Avvikelse\t",
        "Verksamhet\t2022\t2022\t2022",
        "Coachingteamet\t2 450 000\t2 318 560 131 440\t",
        "Summa kostnader\t4 170 950\t3 783 880 387 070\t",
    )
    assert _figures(rows) == {
        "Coachingteamet": (k(2450000), k(2318560), k(131440)),
        "Summa kostnader": (k(4170950), k(3783880), k(387070)),
    }


def test_a_shared_cell_that_cannot_be_cut_with_certainty_is_left_unread() -> None:
    rows = _read(
        "\tBudget Utfall\tAvvikelse",
        "\t2022 2022\t2022",
        "Kansli\t980 000 951 700\t28 300",
        "Summa\t255 000 159 600\t90 400",  # budget less outcome is not the printed 90 400
    )
    assert _figures(rows) == {"Kansli": (k(980000), k(951700), k(28300))}


def test_a_shared_cell_without_a_difference_is_cut_only_where_the_grouping_allows_one_cut() -> None:
    rows = _read(
        "\tBudget Utfall\t\t",
        "Kansli\t1 300 1 200\t\t",  # only 1 300 | 1 200 is two printed figures
        "Revision\t255 000 159 600\t\t",  # 255 000 | 159 600, or 255 000 159 | 600?
    )
    assert _figures(rows) == {"Kansli": (k(1300), k(1200), None)}
    assert len(every_split("255 000 159 600", 2)) == 2 and len(every_split("9,8 9,1", 2)) == 1


def test_a_figure_in_a_cell_no_column_has_leaves_its_row_unread() -> None:
    """Its figures cannot be placed with certainty: they may be the columns' figures shifted."""
    rows = _read(
        "\tBudget\tUtfall\t",
        "Kansli\t1 000\t900\t",
        "Revision\t70 000\t68 219\t1 781",
    )
    assert list(_figures(rows)) == ["Kansli"]


def test_section_lines_without_cells_and_gaps_between_groups() -> None:
    """Markdown and HTML print a section row as its label alone; Chromium adds a gap before it."""
    rows = _read(
        "\tBudget\tUtfall\tAvvikelse",
        "\t2023\t2023\t2023",
        "Individinriktade insatser",
        "Coachingteamet\t2 300 000\t2 214 380\t85 620",
        "Summa individinriktade insatser\t2 300 000\t2 214 380\t85 620",
        "",
        "Administration",
        "Kansli\t980 000\t951 700\t28 300",
        "Summa administration\t980 000\t951 700\t28 300",
        "",
        "Summa kostnader\t3 280 000\t3 166 080\t113 920",
        "",
        "Förbundet har under året arbetat vidare med insatserna.",
    )
    by_label = {r["label_printed"]: r for r in rows}
    assert list(by_label) == [
        "Coachingteamet",
        "Summa individinriktade insatser",
        "Kansli",
        "Summa administration",
        "Summa kostnader",
    ]
    assert by_label["Kansli"]["section"] == "Administration"
    assert by_label["Coachingteamet"]["category"] == "individual"


def test_a_label_wrapped_over_two_lines_is_one_label() -> None:
    rows = _read(
        "\tBudget\tUtfall",
        "Direkta",
        "verksamhetskostnader",
        "Coachingteam Örebro\t3 997 000\t1 962 400",
        "Summa direkta\t\t",
        "kostnader\t3 997 000\t1 962 400",
    )
    assert [r["label_printed"] for r in rows] == ["Coachingteam Örebro", "Summa direkta kostnader"]
    assert rows[0]["section"] == "Direkta verksamhetskostnader"


def test_a_figure_that_lost_its_decimal_comma_is_left_unread() -> None:
    rows = _read(
        "mnkr\tBudget\tUtfall",
        "Individinriktade insatser\t9,8\t9,1",
        "Strukturövergripande insatser\t2,7\t2,4",
        "Administration\t13\t1,2",
    )
    assert _figures(rows)["Administration"] == (None, k(1200000), None)
    assert _figures(rows)["Strukturövergripande insatser"] == (k(2700000), k(2400000), None)


ALIGNED = """\
Budget och utfall per verksamhet (tkr)
tkr                       Budget 2023   Utfall jan–aug
Kansli                          1 300              812
ISA-Västra                      2 900            1 903
Totalt                          4 200            2 715"""


def test_a_space_aligned_table_reads_through_the_layout_engine() -> None:
    rows = _read(*aligned_page(ALIGNED.split("\n")))
    assert [(r["label_printed"], r["budget_full_year_sek"], r["outcome_sek"]) for r in rows] == [
        ("Kansli", k(1300000), k(812000)),
        ("ISA-Västra", k(2900000), k(1903000)),
        ("Totalt", k(4200000), k(2715000)),
    ]


def test_a_row_on_the_next_page_takes_the_header_columns_in_order() -> None:
    """Each page's cells are slotted by its own columns: a continued row prints as many figures as columns."""
    texts = [
        "\t\tBudget\tUtfall\tAvvikelse",
        "Kansli\t\t980 000\t951 700\t28 300",
        "Sida 1",
        "Summa kostnader\t980 000\t951 700\t28 300",
        "Revision\t70 000\t68 219",
    ]
    lines = [TextLine(i, 1 if i < 4 else 2, t) for i, t in enumerate(texts, start=1)]
    rows = read_budget_tables(lines, ANNUAL, settings.PARSER_CATALOG.insats, "sofint")
    assert _figures(rows) == {
        "Kansli": (k(980000), k(951700), k(28300)),
        "Summa kostnader": (k(980000), k(951700), k(28300)),
    }


def test_a_wide_gap_ends_the_table() -> None:
    rows = _read(
        "\tBudget\tUtfall",
        "Kansli\t1 000\t900",
        "Summa\t1 000\t900",
        "",
        "",
        "Deltagare",
        "Kvinnor\t12\t10",
    )
    assert [r["label_printed"] for r in rows] == ["Kansli", "Summa"]


def test_the_outcome_period_ends_where_its_header_range_ends() -> None:
    rows = _read(
        "\tBudget 2023\tUtfall",
        "\t\t2023-01-01 – 2023-06-30",
        "Kansli\t1 300 000\t612 000",
    )
    assert (rows[0]["period_end"], rows[0]["fiscal_year"]) == (date(2023, 6, 30), 2023)
    assert rows[0]["outcome_sek"] == k(612000)


def test_a_total_printed_off_is_cut_where_the_lines_it_sums_agree() -> None:
    """Summa 255 000 | 159 600 sums 250 000 and 159 600: only that cut agrees with its lines in a column."""
    rows = _read(
        "\tBudget Utfall\tAvvikelse",
        "Strukturövergripande insatser",
        "Kompetensutveckling\t150 000 98 200\t51 800",
        "Behovsinventering\t100 000 61 400\t38 600",
        "Summa strukturövergripande insatser\t255 000 159 600\t90 400",
    )
    figures = _figures(rows)
    assert figures["Summa strukturövergripande insatser"] == (k(255000), k(159600), k(90400))
    total = next(r for r in rows if r["is_total"])
    assert {r["parent_line_order"] for r in rows if not r["is_total"]} == {total["line_order"]}


def test_category_rows_with_figures_are_siblings_when_nothing_under_them_sums() -> None:
    rows = _read(
        "Sammanfattning (mnkr)",
        "mnkr\tBudget\tUtfall",
        "Individinriktade insatser\t9,8\t9,1",
        "Strukturövergripande insatser\t2,7\t2,4",
        "Administration\t1,3\t1,2",
        "Summa\t13,8\t12,7",
    )
    by_label = {r["label_printed"]: r for r in rows}
    summa = by_label["Summa"]
    parts = [r for r in rows if r["parent_line_order"] == summa["line_order"]]
    assert {r["label_printed"] for r in parts} == {
        "Individinriktade insatser",
        "Strukturövergripande insatser",
        "Administration",
    }
    assert sum(r["budget_full_year_sek"] for r in parts) == summa["budget_full_year_sek"] == Decimal("13800000.00")


def test_a_heading_row_whose_lines_sum_to_it_in_a_column_keeps_them() -> None:
    rows = _read(
        "Budget och utfall 2022",
        "Insats\tBudget\tUtfall",
        "Strukturövergripande insatser\t1 000 000\t900 000",
        "Nätverk\t600 000\t500 000",
        "Utbildning\t400 000\t350 000",
        "Summa\t1 000 000\t900 000",
    )
    by_label = {r["label_printed"]: r for r in rows}
    head = by_label["Strukturövergripande insatser"]
    assert by_label["Nätverk"]["parent_line_order"] == head["line_order"]
    assert by_label["Utbildning"]["parent_line_order"] == head["line_order"]
