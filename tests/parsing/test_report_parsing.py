"""The parsing library against the sample reports, with values read from the text."""

from __future__ import annotations

import csv
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from finsam_warehouse import settings
from finsam_warehouse.parsing import ParsedReport, parse_report
from finsam_warehouse.parsing.registry import load_registry
from tests.conftest import SAMPLE_RAW_DIR, sample_path

HERE = Path(__file__).parent


def read_fixture(name: str) -> list[dict[str, str]]:
    with (HERE / name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(line for line in handle if not line.startswith("#")))


def parse_sample(name: str) -> ParsedReport:
    report = parse_report(
        sample_path(name), SAMPLE_RAW_DIR, load_registry(settings.ASSOCIATIONS_SEED), settings.PARSER_CATALOG
    )
    assert report.ok, report.error_message
    return report


def optional_date(text: str) -> date | None:
    return date.fromisoformat(text) if text else None


@pytest.mark.parametrize("expected", read_fixture("expected_metadata.csv"), ids=lambda r: r["report"])
def test_report_metadata(expected: dict[str, str]) -> None:
    report = parse_sample(expected["report"])
    meta = report.metadata
    assert meta is not None
    assert report.association_id == expected["association_id"]
    assert meta.report_type == expected["report_type"]
    assert meta.period_start == date.fromisoformat(expected["period_start"])
    assert meta.period_end == date.fromisoformat(expected["period_end"])
    assert meta.decided_on == optional_date(expected["decided_on"])
    assert meta.org_nr_printed == (expected["org_nr_printed"] or None)
    assert report.source_format == "text"
    assert report.source_file == f"{expected['association_id']}/{expected['report']}"


STATEMENT_ROWS = read_fixture("expected_statements.csv")


@pytest.mark.parametrize("name", sorted({r["report"] for r in STATEMENT_ROWS}))
def test_every_statement_figure(name: str) -> None:
    """Each printed figure, and no other, by line item, period, amount and line."""
    expected = {
        (
            r["statement"],
            r["line_item"],
            r["label_printed"],
            optional_date(r["period_start"]),
            date.fromisoformat(r["period_end"]),
            r["is_comparative"] == "true",
            Decimal(r["amount_sek"]),
            r["note_ref"] or None,
            int(r["source_line"]),
            r["is_repaired"] == "true",
        )
        for r in STATEMENT_ROWS
        if r["report"] == name
    }
    report = parse_sample(name)
    found = {
        (
            f.statement,
            f.line_item,
            f.label_printed,
            f.period_start,
            f.period_end,
            f.is_comparative,
            f.amount_sek,
            f.note_ref,
            f.source_line,
            f.is_repaired,
        )
        for f in report.statement_facts
    }
    assert found - expected == set(), "figures that are not in the report"
    assert expected - found == set(), "printed figures that were not read"


def test_provenance_keeps_the_raw_line() -> None:
    report = parse_sample("000_64bff6a06dc0d84a.txt")
    total = next(f for f in report.statement_facts if f.line_item == "total_assets")
    lines = sample_path("000_64bff6a06dc0d84a.txt").read_text(encoding="utf-8").split("\n")
    assert total.raw_text == lines[total.source_line - 1]
    assert "2 687 773" in total.raw_text
    assert total.amount_printed == "2 687 773"
    assert total.source_page is None  # extracted text has no page breaks


def test_report_id_is_stable_for_the_same_file_and_unique_per_file(tmp_path: Path) -> None:
    source = sample_path("002_caf57892eec3f583.txt")
    copy_dir = tmp_path / "lekeberg-orebro"
    copy_dir.mkdir()
    (copy_dir / "renamed.txt").write_bytes(source.read_bytes())
    registry = load_registry(settings.ASSOCIATIONS_SEED)
    original = parse_report(source, SAMPLE_RAW_DIR, registry, settings.PARSER_CATALOG)
    again = parse_report(source, SAMPLE_RAW_DIR, registry, settings.PARSER_CATALOG)
    renamed = parse_report(copy_dir / "renamed.txt", tmp_path, registry, settings.PARSER_CATALOG)
    assert original.report_id == again.report_id
    assert original.source_sha256 == renamed.source_sha256
    assert original.report_id != renamed.report_id


def test_restored_signs_keep_what_was_printed() -> None:
    report = parse_sample("001_f7400a145f68ac80.txt")
    repaired = [f for f in report.statement_facts if f.is_repaired]
    assert {(f.line_item, f.amount_printed, f.amount_sek) for f in repaired} == {
        ("result_after_financial_items", "750963", Decimal("-750963.00")),
        ("result_after_financial_items", "271 055", Decimal("-271055.00")),
    }
    assert all("minus sign restored" in (f.repair_note or "") for f in repaired)
    assert repaired[0].raw_text == "Resultat efter finansiella 750963 271 055\nposter"


@pytest.mark.parametrize(
    ("name", "printed", "repaired"),
    [
        ("001_f7400a145f68ac80.txt", "Verksamhetens intikter", "Verksamhetens intäkter"),
        ("001_f7400a145f68ac80.txt", "Summa omsittningstillgangar", "Summa omsättningstillgångar"),
        (
            "001_f7400a145f68ac80.txt",
            "Kassafléde for den l6pande verksamheten",
            "Kassaflöde från den löpande verksamheten",
        ),
        ("004_a495080c90d84188.txt", "Avséttningar for pensioner", "Avsättningar för pensioner"),
        ("004_a495080c90d84188.txt", "SUMMA TILLGANGAR", "Summa tillgångar"),
    ],
)
def test_ocr_labels_are_repaired_and_the_printed_label_kept(name: str, printed: str, repaired: str) -> None:
    labels = {(f.label_printed, f.label) for f in parse_sample(name).statement_facts}
    assert (printed, repaired) in labels


def test_labels_then_figures_layout_gives_each_figure_its_own_line() -> None:
    report = parse_sample("004_a495080c90d84188.txt")
    equity = [f for f in report.statement_facts if f.line_item == "equity_total"]
    assert {(f.period_end, f.source_line, f.raw_text) for f in equity} == {
        (date(2020, 6, 30), 754, "Summa eget kapital | 1461 549"),
        (date(2019, 12, 31), 778, "Summa eget kapital | 1871182"),
    }
    assert {f.section for f in equity} == {"Eget kapital"}


NOTE_ROWS = read_fixture("expected_note_lines.csv")


@pytest.mark.parametrize("name", sorted({r["report"] for r in NOTE_ROWS}))
def test_note_lines_and_the_statement_line_each_explains(name: str) -> None:
    found = {
        (
            n["note_number"],
            n["explains_statement"],
            n["explains_line_item"],
            n["label_printed"],
            n["period_end"],
            n["amount_sek"],
            n["is_total"],
            n["source_line"],
        )
        for n in parse_sample(name).note_lines
    }
    for r in (r for r in NOTE_ROWS if r["report"] == name):
        expected = (
            r["note_number"],
            r["explains_statement"],
            r["explains_line_item"],
            r["label_printed"],
            date.fromisoformat(r["period_end"]),
            Decimal(r["amount_sek"]),
            r["is_total"] == "true",
            int(r["source_line"]),
        )
        assert expected in found


def test_a_note_with_budget_columns_is_no_dated_note_table() -> None:
    # 004's Not 2 has Budget / Budget halvår / Kostnad columns: a budget table, not note lines.
    assert parse_sample("004_a495080c90d84188.txt").note_lines == []


@pytest.mark.parametrize(
    ("printed", "repaired"),
    [
        ("Driftbidrag fran Hallefors kommun", "Driftbidrag från Hällefors kommun"),
        ("Kop av tjanst forbundschef", "Köp av tjänst förbundschef"),
        ("Ersattning forlorad arbetsfortjanst", "Ersättning förlorad arbetsförtjänst"),
        ("Upplupna intakter", "Upplupna intäkter"),
        ("Kundfordringar", "Kundfordringar"),
    ],
)
def test_ocr_note_labels_are_repaired_word_by_word(printed: str, repaired: str) -> None:
    labels = {(n["label_printed"], n["label"]) for n in parse_sample("001_f7400a145f68ac80.txt").note_lines}
    assert (printed, repaired) in labels


def test_other_statement_labels_are_repaired_word_by_word() -> None:
    labels = {(f.label_printed, f.label) for f in parse_sample("001_f7400a145f68ac80.txt").statement_facts}
    assert ("Okning/minskning kortfristiga fordringar", "Ökning/minskning kortfristiga fordringar") in labels
