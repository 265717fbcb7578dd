"""Participant figures from the sample reports and from other wordings of the same facts."""

from __future__ import annotations

import csv
from datetime import date
from decimal import Decimal
from functools import lru_cache
from pathlib import Path
from typing import Any

import pytest

from finsam_warehouse import settings
from finsam_warehouse.parsing import parse_report
from finsam_warehouse.parsing.models import ReportMetadata, TextLine
from finsam_warehouse.parsing.ocr_repair import fold
from finsam_warehouse.parsing.participants import read_participants
from finsam_warehouse.parsing.registry import load_registry
from tests.conftest import SAMPLE_RAW_DIR, sample_path

HERE = Path(__file__).parent

Row = dict[str, Any]


def read_fixture(name: str) -> list[dict[str, str]]:
    with (HERE / name).open(encoding="utf-8") as handle:
        return list(csv.DictReader(line for line in handle if not line.startswith("#")))


EXPECTED = read_fixture("expected_participants.csv")


@lru_cache(maxsize=None)
def participant_rows(name: str) -> tuple[Row, ...]:
    report = parse_report(
        sample_path(name), SAMPLE_RAW_DIR, load_registry(settings.ASSOCIATIONS_SEED), settings.PARSER_CATALOG
    )
    assert report.ok, report.error_message
    return tuple(report.participant_counts)


@lru_cache(maxsize=1)
def outcome_codes() -> dict[str, str]:
    with settings.PARSER_CATALOG.participant_outcomes.open(encoding="utf-8", newline="") as handle:
        return {fold(row["phrase"]): row["outcome"] for row in csv.DictReader(handle)}


def outcome_code(row: Row) -> str | None:
    """The code fct_participants shows: the seed's, else `other`; only for ended figures."""
    if row["measure"] != "ended" or not row["outcome_key"]:
        return None
    return outcome_codes().get(row["outcome_key"], "other")


def figure(row: Row) -> tuple[Any, ...]:
    return (
        row["insats_label"],
        row["measure"],
        row["sex"],
        outcome_code(row),
        row["outcome_text"],
        row["participant_count"],
        row["share_pct"],
        row["is_target"],
        row["period_start"],
        row["period_end"],
        row["source_line"],
    )


def expected_figure(row: dict[str, str]) -> tuple[Any, ...]:
    return (
        row["insats_label"] or None,
        row["measure"],
        row["sex"],
        row["outcome"] or None,
        row["outcome_text"] or None,
        int(row["participant_count"]) if row["participant_count"] else None,
        Decimal(row["share_pct"]) if row["share_pct"] else None,
        row["is_target"] == "true",
        date.fromisoformat(row["period_start"]),
        date.fromisoformat(row["period_end"]),
        int(row["source_line"]),
    )


@pytest.mark.parametrize("name", sorted({r["report"] for r in EXPECTED}))
def test_every_participant_figure(name: str) -> None:
    """Each figure of the fixture, and no other: insats, measure, sex, outcome, count or share."""
    expected = sorted((expected_figure(r) for r in EXPECTED if r["report"] == name), key=repr)
    found = sorted((figure(r) for r in participant_rows(name)), key=repr)
    assert found == expected


def find(name: str, **fields: Any) -> list[Row]:
    return [r for r in participant_rows(name) if all(r[k] == v for k, v in fields.items())]


def test_the_table_of_003() -> None:
    """Totalt / Kvinna / Man for Delår, Påbörjade, Avslutade and Aktuella."""
    table = {
        (r["measure"], r["sex"]): r["participant_count"]
        for r in participant_rows("003_76c6639e21d29c62.txt")
        if 162 <= r["source_line"] <= 165
    }
    assert table == {
        ("participants", "all"): 197, ("participants", "female"): 91, ("participants", "male"): 106,
        ("started", "all"): 94, ("started", "female"): 42, ("started", "male"): 52,
        ("ended", "all"): 67, ("ended", "female"): 30, ("ended", "male"): 37,
        ("current", "all"): 130, ("current", "female"): 61, ("current", "male"): 69,
    }  # fmt: skip


def test_volumes_are_not_participants() -> None:
    """SIP counts meetings (43 möten), Förstegskoordinator contacts (241 tillfällen)."""
    rows = participant_rows("003_76c6639e21d29c62.txt")
    assert not [r for r in rows if r["participant_count"] == 241]
    assert not [r for r in rows if (r["insats_label"] or "").startswith("SIP")]
    assert find("003_76c6639e21d29c62.txt", insats_label="Fontänhuset", participant_count=43)


def test_a_share_keeps_its_count() -> None:
    """ "31 % (12/39)": count and percentage on one row, and the 39 ended as their own row."""
    name = "002_caf57892eec3f583.txt"
    (row,) = find(name, insats_label="Coachingteamet Örebro", share_pct=Decimal("31.00"))
    assert (row["participant_count"], row["measure"], row["is_target"]) == (12, "ended", False)
    assert find(name, insats_label="Coachingteamet Örebro", measure="ended", participant_count=39,
                outcome_key=None)  # fmt: skip


def test_chart_labels_take_their_sex_from_the_legend() -> None:
    """001: "54 individer / 44 %" above "Kvinna", "70 Individer / 56 %" above "Man"."""
    rows = find("001_f7400a145f68ac80.txt", insats_label="Coachingteamet", measure="participants")
    by_sex = {r["sex"]: (r["participant_count"], r["share_pct"]) for r in rows}
    assert by_sex == {"female": (54, Decimal("44.00")), "male": (70, Decimal("56.00")), "all": (124, None)}
    assert len({r["figure_group"] for r in rows}) == 1  # checked together: 54 + 70 = 124


@pytest.mark.parametrize(
    ("name", "insats_label", "measure", "count", "share"),
    [
        ("002_caf57892eec3f583.txt", "Mottagningsteamet Lekeberg", "participants", 30, None),
        ("002_caf57892eec3f583.txt", None, "participants", 286, None),
        ("001_f7400a145f68ac80.txt", None, "participants", 155, None),
        ("004_a495080c90d84188.txt", "Coachingteam Lekeberg", "ended", None, Decimal("40.00")),
        ("004_a495080c90d84188.txt", "Coachingteam Orebro", "participants", 100, None),
    ],
)
def test_targets_are_kept_apart(
    name: str, insats_label: str | None, measure: str, count: int | None, share: Decimal | None
) -> None:
    """Each goal is a target row over the fiscal year, and no result row holds it."""
    rows = find(name, insats_label=insats_label, measure=measure, participant_count=count, share_pct=share)
    assert [r["is_target"] for r in rows] == [True]
    assert rows[0]["period_start"].month == 1 and rows[0]["period_end"] == date(rows[0]["period_end"].year, 12, 31)


def test_the_result_beside_a_goal_is_a_result() -> None:
    """'Att40% av de avslutade deltagarna gar mot arbete eller studier (17%)'."""
    rows = find("004_a495080c90d84188.txt", insats_label="Coachingteam Lekeberg", source_line=261)
    assert {(r["share_pct"], r["is_target"], outcome_code(r)) for r in rows} == {
        (Decimal("40.00"), True, "work_or_studies"),
        (Decimal("17.00"), False, "work_or_studies"),
    }


def test_anonymous_participants_are_noted_where_mentioned() -> None:
    """004 names "Anonyma" in the association's statistics; 002 mentions none."""
    assert all(r["anonymous_mentioned"] for r in find("004_a495080c90d84188.txt", insats_label=None))
    assert not any(r["anonymous_mentioned"] for r in participant_rows("002_caf57892eec3f583.txt"))


# --- other wordings --------------------------------------------------------------------

META = ReportMetadata("annual", date(2024, 1, 1), date(2024, 12, 31), None, None)
YEAR = (date(2024, 1, 1), date(2024, 12, 31))


def read_text(text: str, meta: ReportMetadata = META) -> list[Row]:
    lines = [TextLine(i, None, line) for i, line in enumerate(text.split("\n"), start=1)]
    return read_participants(lines, meta, settings.PARSER_CATALOG)


def brief(rows: list[Row]) -> set[tuple[Any, ...]]:
    return {
        (r["insats_label"], r["measure"], r["sex"], outcome_code(r), r["participant_count"], r["share_pct"],
         r["is_target"])
        for r in rows
    }  # fmt: skip


@pytest.mark.parametrize(
    "sentence",
    [
        "Arbeta med 30 individer totalt under året.",
        "För verksamhetsperioden är målet att sammanlagt antal deltagare i insatsen är 155 deltagare.",
        "Att 40% av de avslutade deltagarna går mot arbete eller studier.",
        "Förbundet har som målsättning att möta upp och erbjuda stöd till totalt 286 individer.",
        "Under året är målet att 80 nya deltagare registreras i insatsen.",
        "Insatsen ska nå 45 deltagare, varav hälften kvinnor.",
        "Malet ar att 72 deltagare avslutas fran insats.",
    ],
)
def test_a_target_sentence_never_becomes_a_participant_count(sentence: str) -> None:
    rows = read_text(sentence)
    assert rows, "the target is read"
    assert all(r["is_target"] for r in rows)
    assert all((r["period_start"], r["period_end"]) == YEAR for r in rows)


def test_sentences_worded_otherwise() -> None:
    rows = read_text(
        "Samordningsförbundet har under året nått 310 personer i de individinriktade insatserna.\n"
        "\n"
        "Totalt deltog 58 individer i insatsen, varav 31 kvinnor och 27 män.\n"
        "\n"
        "Av de 12 avslutade gick 5 till arbete och 2 till studier.\n"
        "\n"
        "Målet är att 60 procent av de avslutade ska gå vidare till arbete eller studier.\n"
        "\n"
        "Under året har 20 deltagare påbörjat insatsen och 14 deltagare avslutat den.\n"
        "\n"
        "Av dem som avslutats har 4 personer (25 %) gått vidare till arbete.\n"
    )
    assert brief(rows) == {
        (None, "participants", "all", None, 310, None, False),
        (None, "participants", "all", None, 58, None, False),
        (None, "participants", "female", None, 31, None, False),
        (None, "participants", "male", None, 27, None, False),
        (None, "ended", "all", None, 12, None, False),
        (None, "ended", "all", "work", 5, None, False),
        (None, "ended", "all", "studies", 2, None, False),
        (None, "ended", "all", "work_or_studies", None, Decimal("60.00"), True),
        (None, "started", "all", None, 20, None, False),
        (None, "ended", "all", None, 14, None, False),
        (None, "ended", "all", "work", 4, Decimal("25.00"), False),
    }


def test_an_insats_block_with_its_form_rows() -> None:
    rows = read_text(
        "Individinriktade insatser\n"
        "\n"
        "Steg till arbete\n"
        "\n"
        "Syfte: | Att stödja unga vuxna.\n"
        "Antal deltagare | 44 deltagare, varav 19 kvinnor och 25 män\n"
        "Avslutade | 17 deltagare har avslutats, 6 av dessa till arbete.\n"
        "\n"
        "Strukturövergripande insatser\n"
        "\n"
        "Utbildningsdag | 120 deltagare från medlemmarna.\n"
    )
    assert brief(rows) == {
        ("Steg till arbete", "participants", "all", None, 44, None, False),
        ("Steg till arbete", "participants", "female", None, 19, None, False),
        ("Steg till arbete", "participants", "male", None, 25, None, False),
        ("Steg till arbete", "ended", "all", None, 17, None, False),
        ("Steg till arbete", "ended", "all", "work", 6, None, False),
        (None, "attendees", "all", None, 120, None, False),
    }


def test_a_table_with_the_sexes_as_rows() -> None:
    rows = read_text(
        "Deltagare\tPåbörjade\tAvslutade\tAktuella\nKvinnor\t10\t5\t20\nMän\t12\t6\t22\nTotalt\t22\t11\t42\n"
    )
    assert {(r["measure"], r["sex"], r["participant_count"]) for r in rows} == {
        ("started", "female", 10), ("ended", "female", 5), ("current", "female", 20),
        ("started", "male", 12), ("ended", "male", 6), ("current", "male", 22),
        ("started", "all", 22), ("ended", "all", 11), ("current", "all", 42),
    }  # fmt: skip


def test_volumes_and_restated_figures_are_not_counts() -> None:
    rows = read_text(
        "Insats\tDeltagare/möten\n"
        "SIP\t43 möten\n"
        "Kartläggning\t15 kartläggningar, varav 12 avslutade\n"
        "\n"
        "Två av de 15 deltagarna har flyttat. En grupp på 10 personer deltar i yoga. "
        "Varje individ registreras som 1 deltagare. (jfr 2023; 133 deltagare)\n"
    )
    assert rows == []
