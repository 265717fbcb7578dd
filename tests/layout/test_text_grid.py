"""Space-aligned text pages (pdftotext -layout) read by position, like a PDF page."""

from __future__ import annotations

from finsam_warehouse.parsing.extract import extract_text_file
from finsam_warehouse.parsing.layout.text_grid import aligned_page, is_space_aligned

PAGE = """\
2. Resultaträkning
                                               2020-01-01 –2019-01-01 –
                                                 2020-06-30 2019-12-31
Verksamhetens intäkter                             3 915 381  8 133 548
Verksamhetens kostnader                           -4 062 269 -7 970 586
Finansiella kostnader                                 -1 366       -890


3. Balansräkning
                                                2020-06-30 2019-12-31
Tillgångar
Kassa och bank                                    2 715 536   4 286 443
Summa tillgångar                                  2 895 338   4 458 527"""


def test_columns_found_where_figures_end_even_one_space_apart() -> None:
    lines = aligned_page(PAGE.split("\n"))
    assert lines[1:6] == [
        "\t2020-01-01 –\t2019-01-01 –",
        "\t2020-06-30\t2019-12-31",
        "Verksamhetens intäkter\t3 915 381\t8 133 548",
        "Verksamhetens kostnader\t-4 062 269\t-7 970 586",
        "Finansiella kostnader\t-1 366\t-890",
    ]
    assert lines[11] == "Kassa och bank\t2 715 536\t4 286 443"


def test_dates_side_by_side_are_two_headers() -> None:
    lines = aligned_page(PAGE.split("\n"))
    assert lines[9].split("\t")[-2:] == ["2020-06-30", "2019-12-31"]


def test_every_line_keeps_its_number() -> None:
    page = PAGE.split("\n")
    lines = aligned_page(page)
    assert len(lines) == len(page)
    assert [i for i, line in enumerate(lines) if not line] == [i for i, line in enumerate(page) if not line.strip()]
    assert lines[0] == "2. Resultaträkning" and lines[10].split("\t")[0] == "Tillgångar"


def test_only_pages_aligned_with_spaces_are_regridded() -> None:
    assert is_space_aligned(PAGE.split("\n"))
    assert not is_space_aligned(["Intäkter\t100\t200"] * 5)  # tab-separated cells stay as they are
    assert not is_space_aligned(["Förbundet har 12 deltagare.", "Det är 2 fler än 2022."])
    extracted = extract_text_file(("Prosa på en rad.\n" + PAGE).encode())
    assert extracted.lines[4].text == "Verksamhetens intäkter\t3 915 381\t8 133 548"
    assert extracted.lines[4].number == 5


CASH_FLOW_PAGE = """\
3. Balansräkning
Belopp i kr                                  Not    2022-12-31 2021-12-31
Fordringar                                   4          91 979      127 090
Kassa och banktillgodohavande                        4 103 164    5 117 457

4. Kassaflödesanalys
Belopp i kr                                 Not     2022-12-31 2021-12-31
Årets resultat                                          110 102   317 411
Ökning/minskning kortfristiga skulder                -1 201 208   311 720
Likvida medel vid årets början                        5 117 457 4 476 257"""


def test_each_table_has_its_own_columns_and_touching_figures_part_by_grouping() -> None:
    lines = aligned_page(CASH_FLOW_PAGE.split("\n"))
    assert lines[3] == "Kassa och banktillgodohavande\t\t4 103 164\t5 117 457"
    # The cash flow's columns end a character left of the balance sheet's: its own.
    assert lines[7] == "Årets resultat\t\t110 102\t317 411"
    assert lines[9] == "Likvida medel vid årets början\t\t5 117 457\t4 476 257"
