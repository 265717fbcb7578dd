"""Budget, outcome and forecast tables of the samples, against values read from the text."""

from __future__ import annotations

import csv
import logging
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from finsam_warehouse import settings
from finsam_warehouse.parsing import ParsedReport, parse_report
from finsam_warehouse.parsing.budget import (
    InsatsResolver,
    load_insatser,
    read_budget_tables,
)
from finsam_warehouse.parsing.models import ReportMetadata, TextLine
from finsam_warehouse.parsing.ocr_repair import fold
from finsam_warehouse.parsing.registry import load_registry
from finsam_warehouse.warehouse.raw_schema import RAW_TABLES

from tests.conftest import SAMPLE_RAW_DIR, sample_path

HERE = Path(__file__).parent
CATALOG = settings.PARSER_CATALOG
AMOUNT_COLUMNS = (
    "budget_full_year_sek",
    "budget_period_sek",
    "outcome_sek",
    "outcome_previous_year_sek",
    "forecast_full_year_sek",
    "printed_difference_sek",
)


def read_fixture(name: str) -> list[dict[str, str]]:
    with (HERE / name).open(encoding="utf-8") as handle:
        return list(csv.DictReader(line for line in handle if not line.startswith("#")))


EXPECTED = read_fixture("expected_budget_lines.csv")
_PARSED: dict[str, ParsedReport] = {}


def parse_sample(name: str) -> ParsedReport:
    if name not in _PARSED:
        report = parse_report(
            sample_path(name), SAMPLE_RAW_DIR, load_registry(settings.ASSOCIATIONS_SEED), settings.PARSER_CATALOG
        )
        assert report.ok, report.error_message
        _PARSED[name] = report
    return _PARSED[name]


def _amount(text: str) -> Decimal | None:
    return Decimal(text).quantize(Decimal("0.01")) if text else None


def _expected_key(r: dict[str, str]) -> tuple[Any, ...]:
    return (
        r["source_line"] and int(r["source_line"]),
        r["line_kind"],
        r["budget_line"],
        r["insats_id"] or None,
        r["category"] or None,
        r["is_total"] == "true",
        int(r["fiscal_year"]),
        date.fromisoformat(r["period_end"]),
        *(_amount(r[c]) for c in AMOUNT_COLUMNS),
        int(r["sums_into_line"]) if r["sums_into_line"] else None,
    )


def _found_keys(rows: list[dict[str, Any]]) -> list[tuple[Any, ...]]:
    line_of = {(r["table_number"], r["line_order"]): r["source_line"] for r in rows}
    return [
        (
            r["source_line"],
            r["line_kind"],
            r["budget_line"],
            r["insats_id"],
            r["category"],
            r["is_total"],
            r["fiscal_year"],
            r["period_end"],
            *(r[c] for c in AMOUNT_COLUMNS),
            line_of[(r["table_number"], r["parent_line_order"])] if r["parent_line_order"] else None,
        )
        for r in rows
    ]


@pytest.mark.parametrize("name", sorted({r["report"] for r in EXPECTED}))
def test_every_budget_line(name: str) -> None:
    """Each line of each budget table, and no other: name, insats, category, amounts, total."""
    expected = sorted(_expected_key(r) for r in EXPECTED if r["report"] == name)
    found = sorted(_found_keys(parse_sample(name).budget_lines))
    missing = [e for e in expected if e not in found]
    extra = [f for f in found if f not in expected]
    assert not missing and not extra, f"missing: {missing}\nextra: {extra}"


@pytest.mark.parametrize(
    ("name", "lines"),
    [
        ("000_64bff6a06dc0d84a.txt", 30),
        ("001_f7400a145f68ac80.txt", 14),
        ("002_caf57892eec3f583.txt", 22),
        ("003_76c6639e21d29c62.txt", 8),
        ("004_a495080c90d84188.txt", 12),
    ],
)
def test_line_count_per_report(name: str, lines: int) -> None:
    assert len(parse_sample(name).budget_lines) == lines


def test_rows_have_the_raw_table_columns() -> None:
    columns = [c for c, _ in RAW_TABLES["budget_lines"] if c not in ("report_id", "association_id")]
    for row in parse_sample("002_caf57892eec3f583.txt").budget_lines:
        assert list(row) == columns


def test_amounts_of_a_tkr_table_are_in_kronor() -> None:
    rows = [r for r in parse_sample("001_f7400a145f68ac80.txt").budget_lines if r["table_title"] == "Driftredovisning"]
    assert {r["unit"] for r in rows} == {"tkr"}
    assert rows[0]["outcome_sek"] == Decimal("3986000.00")


@pytest.mark.parametrize(
    ("printed_2023", "printed_2020"),
    [
        ("Coachingteam Örebro", "IRMA Orebro"),
        ("Samverkansteam Örebro", "Samverkansteam Orebro"),
        ("Mottagningsteam Lekeberg", "Mottagningsteam Lekeberg"),
        ("Coachingteam Lekeberg", "Coachingteam Lekeberg"),
    ],
)
def test_the_same_insats_in_002_and_004_has_one_insats_id(printed_2023: str, printed_2020: str) -> None:
    def insats_of(name: str, printed: str) -> str | None:
        (row,) = [r for r in parse_sample(name).budget_lines if r["label_printed"] == printed]
        return row["insats_id"]

    in_2023 = insats_of("002_caf57892eec3f583.txt", printed_2023)
    assert in_2023 is not None
    assert insats_of("004_a495080c90d84188.txt", printed_2020) == in_2023


def test_the_samples_leave_no_line_without_its_insats(caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.WARNING, logger="finsam_warehouse.parsing.budget"):
        for name in sorted({r["report"] for r in EXPECTED}):
            _PARSED.pop(name, None)
            parse_sample(name)
    assert "match no insats" not in caplog.text


META = ReportMetadata("interim", date(2024, 1, 1), date(2024, 6, 30), None, None)


def _lines(*texts: str) -> list[TextLine]:
    return [TextLine(i, None, t) for i, t in enumerate(texts, start=1)]


def test_a_line_that_matches_no_alias_is_loaded_and_listed(caplog: pytest.LogCaptureFixture) -> None:
    lines = _lines(
        "Prognos 2024",
        "\tBudget\tUtfall\tPrognos",
        "\tHelår 2024\tHalvår 2024\tHelår 2024",
        "Coachingteam Örebro\t100 000\t40 000\t90 000",
        "Nytt projekt Glanshammar\t50 000\t10 000\t50 000",
        "Summa\t150 000\t50 000\t140 000",
    )
    with caplog.at_level(logging.WARNING, logger="finsam_warehouse.parsing.budget"):
        rows = read_budget_tables(lines, META, CATALOG.insats, "lekeberg-orebro")
    by_line = {r["budget_line"]: r for r in rows}
    assert by_line["Coachingteam Örebro"]["insats_id"] == "coachingteam-orebro"
    unknown = by_line["Nytt projekt Glanshammar"]
    assert unknown["insats_id"] is None
    assert unknown["insats_label"] == "Nytt projekt Glanshammar"
    assert unknown["outcome_sek"] == Decimal("10000.00")
    assert by_line["Summa"]["is_total"] and by_line["Summa"]["category"] == "total"
    assert "Nytt projekt Glanshammar (line 5)" in caplog.text


def test_a_per_insats_report_with_a_period_budget() -> None:
    lines = _lines(
        "## Individinriktad insats – Samverkansteamet (1 april-30 juni)",
        "### Ekonomisk rapport",
        "Kostnader\tKr",
        "Löner\t90 000",
        "Övrigt\t",
        "Förbrukade medel\t90 000",
        "Budgeterade medel\t100 000",
        "Underskott\t-",
        "## Analys",
    )
    rows = read_budget_tables(lines, META, CATALOG.insats, "sofint")
    summary = next(r for r in rows if r["line_kind"] == "insats_summary")
    assert summary["budget_line"] == "Samverkansteamet"
    assert summary["insats_id"] == "samverkansteamet"
    assert summary["category"] == "individual"
    assert summary["budget_period_sek"] == Decimal("100000.00")
    assert summary["budget_full_year_sek"] is None
    assert summary["outcome_sek"] == Decimal("90000.00")
    assert summary["period_end"] == date(2024, 6, 30)
    costs = [r for r in rows if r["line_kind"] == "cost_line"]
    assert [(r["budget_line"], r["outcome_sek"]) for r in costs] == [("Löner", Decimal("90000.00")), ("Övrigt", None)]
    assert {r["parent_line_order"] for r in costs} == {summary["line_order"]}


def test_prose_naming_budget_and_outcome_is_no_table() -> None:
    lines = _lines(
        "budgeten forbrukad.",
        "Genomsnittskostnad | 30 267 kr",
        "Uppföljning av budget/utfall under året. De administrativa",
        "Budget, ekonomiska utfall och kostnadseffektivitet ska följas upp.",
        "Kostnad 12 000",
    )
    assert read_budget_tables(lines, META, CATALOG.insats, "sofint") == []


def test_ocr_damaged_names_find_their_insats() -> None:
    resolver = InsatsResolver(load_insatser(CATALOG.insats), "lekeberg-orebro")
    for printed, insats_id in [
        ("IRMA Orebro", "coachingteam-orebro"),
        ("Coachingteam Orebro (tidigare IRMA)", "coachingteam-orebro"),
        ("Miljovardscentrum", "miljovardscentrum"),
        ("Samverkansteam 6rebro", "samverkansteam-orebro"),
        ("Arbetstraningsplatser Rosingen", "arbetstraningsplatser-rosangen"),
    ]:
        found = resolver.resolve(printed)
        assert found is not None and found[0].insats_id == insats_id, printed
    assert resolver.resolve("Summa") is None
    assert resolver.resolve("Medlemsbidrag") is None


def test_the_insats_seed_is_consistent() -> None:
    insatser = load_insatser(CATALOG.insats)
    assert CATALOG.insats == settings.DBT_PROJECT_DIR / "seeds" / "insats.csv"
    associations = set(load_registry(settings.ASSOCIATIONS_SEED))
    ids = [i.insats_id for i in insatser]
    assert len(ids) == len(set(ids))
    owner: dict[tuple[str, str], str] = {}
    for insats in insatser:
        assert insats.association_id in associations
        assert insats.category in ("individual", "structural", "administration")
        for name in (insats.display_name, *insats.aliases):
            key = (insats.association_id, fold(name))
            assert owner.setdefault(key, insats.insats_id) == insats.insats_id, f"{name} names two insatser"


def test_a_figure_printed_but_not_read_is_named_on_its_line() -> None:
    """An mnkr table read by OCR: "13" lost the decimal comma of its column, "5 70" is no one figure."""
    lines = _lines(
        "Sammanfattning (mnkr)",
        "\tBudget\tUtfall",
        "Individinriktade insatser\t9,8\t9,1",
        "Strukturövergripande insatser\t2,7\t5 70",
        "Administration\t13\t1,2",
        "Summa\t13,8\t12,7",
    )
    by_line = {r["budget_line"]: r for r in read_budget_tables(lines, META, CATALOG.insats, "sofint")}
    administration = by_line["Administration"]
    assert administration["budget_full_year_sek"] is None and administration["outcome_sek"] == Decimal("1200000.00")
    assert administration["unread_figures"] == (
        "budget_full_year_sek: '13' has no decimal comma, the other figures of its column have"
    )
    assert by_line["Strukturövergripande insatser"]["unread_figures"] == "outcome_sek: '5 70' is not one figure"
    assert by_line["Individinriktade insatser"]["unread_figures"] is None
