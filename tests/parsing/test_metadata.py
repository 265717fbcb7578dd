"""The report's period, from its first pages."""

from __future__ import annotations

from datetime import date

from finsam_warehouse.parsing.metadata import report_period
from finsam_warehouse.parsing.models import TextLine


def _lines(*texts: str) -> list[TextLine]:
    return [TextLine(n, 1, text) for n, text in enumerate(texts, start=1)]


def test_an_annual_report_titled_with_its_year_is_not_taken_for_the_previous_years_column() -> None:
    lines = _lines("Årsredovisning 2021", "Resultaträkning", "\tNot\t2020-01-01 -2020-12-31\t2021-01-01 -2021-12-31")
    assert report_period(lines, "annual") == (date(2021, 1, 1), date(2021, 12, 31))


def test_a_header_wrapped_into_the_next_columns_date_is_no_period() -> None:
    # "2020-01-01 -⇥2021-01-01" ends in the titled year, but not on a month's last day.
    lines = _lines("Årsredovisning 2021", "\tNot\t2020-01-01 -\t2021-01-01 -", "\t\t2020-12-31\t2021-12-31")
    assert report_period(lines, "annual") == (date(2021, 1, 1), date(2021, 12, 31))


def test_an_interim_report_takes_its_first_range() -> None:
    lines = _lines("Delårsrapport 2023-01-01 – 2023-06-30", "\t2023-06-30\t2022-12-31")
    assert report_period(lines, "interim") == (date(2023, 1, 1), date(2023, 6, 30))
