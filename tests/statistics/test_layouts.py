"""Export layouts other than the samples': the same figures whatever the separator,
encoding, header position, number format or where the sex is printed."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import openpyxl

from tests.conftest import SAMPLE_RAW_DIR
from tests.statistics.conftest import SUS_ENDED


def _figures(result) -> set[tuple]:
    return {(f.insats_id, f.measure, f.sex, f.outcome, f.participant_count, f.share_pct) for f in result.figures}


def test_the_ended_export_as_utf8_with_commas_and_quotes(read, tmp_path: Path) -> None:
    text = (SAMPLE_RAW_DIR / SUS_ENDED).read_bytes().decode("cp1252")
    rows = [line.split(";") for line in text.splitlines()]
    converted = "\n".join(",".join(f'"{c}"' if "," in c else c for c in row) for row in rows)
    key = "vastra-ostergotland/ended_utf8.csv"
    (tmp_path / "vastra-ostergotland").mkdir()
    (tmp_path / key).write_text(converted, encoding="utf-8")
    original, copy = read(SUS_ENDED), read(key, tmp_path)
    assert (copy.encoding, copy.separator) == ("utf-8", ",")
    assert _figures(copy) == _figures(original)


def test_sexes_as_rows_under_each_insats_and_shares_as_percent_cells(read, tmp_path: Path) -> None:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["Uppföljning deltagare"])
    sheet.append(["Period: 2022-01-01 -- 2022-12-31"])
    sheet.append(["Insats", "Antal deltagare", "Avslutade", "Förvärvsarbete", "Andel till arbete (%)"])
    sheet.append(["Coachingteamet"])
    sheet.append(["Kvinnor", 12, 4, 1, 0.25])
    sheet.append(["Män", "1 003", 6, 3, 0.5])
    sheet.append(["Totalt", 1015, 10, 4, 0.4])
    for row in sheet.iter_rows(min_row=5, min_col=5, max_col=5):
        row[0].number_format = "0%"
    (tmp_path / "sofint").mkdir()
    workbook.save(tmp_path / "sofint" / "grouped.xlsx")
    result = read("sofint/grouped.xlsx", tmp_path)
    assert result.ok, result.error_message
    assert str(result.period_start) == "2022-01-01" and result.title == "Uppföljning deltagare"
    assert _figures(result) == {
        ("coachingteamet", "participants", "female", None, 12, None),
        ("coachingteamet", "participants", "male", None, 1003, None),
        ("coachingteamet", "participants", "all", None, 1015, None),
        ("coachingteamet", "ended", "female", None, 4, None),
        ("coachingteamet", "ended", "male", None, 6, None),
        ("coachingteamet", "ended", "all", None, 10, None),
        ("coachingteamet", "ended", "female", "work", 1, None),
        ("coachingteamet", "ended", "male", "work", 3, None),
        ("coachingteamet", "ended", "all", "work", 4, None),
        ("coachingteamet", "ended", "female", "work", None, Decimal("25")),
        ("coachingteamet", "ended", "male", "work", None, Decimal("50")),
        ("coachingteamet", "ended", "all", "work", None, Decimal("40")),
    }
    assert {f.raw_text for f in result.figures if f.share_pct is not None} == {"25 %", "50 %", "40 %"}


def test_sex_in_the_header_and_an_unknown_insats_name(read, tmp_path: Path) -> None:
    text = "Period;2020-01-01 -- 2020-06-30\nInsats;Deltagare kvinnor;Deltagare män;Påbörjade\nNy insats;3;4;5\n"
    (tmp_path / "sofint").mkdir()
    (tmp_path / "sofint" / "wide.csv").write_text(text, encoding="utf-8")
    result = read("sofint/wide.csv", tmp_path)
    assert {(f.insats_label, f.insats_id, f.measure, f.sex, f.participant_count) for f in result.figures} == {
        ("Ny insats", None, "participants", "female", 3),
        ("Ny insats", None, "participants", "male", 4),
        ("Ny insats", None, "started", "all", 5),
    }
