"""PDF reports give the facts their extracted text gives, with the right pages.

The sample reports are printed to PDF during the run (``tests/pdf_fixtures.py``)
and parsed again from the PDF: from its text layer, and for 002 from a scanned
copy through OCR.
"""

from __future__ import annotations

import importlib.util
import logging
import os
import shutil
import subprocess
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from finsam_warehouse import settings
from finsam_warehouse.parsing import ParsedReport, ReportError, extract, parse_report
from finsam_warehouse.parsing.extract import extract_text
from finsam_warehouse.parsing.layout import Word, lines_from_words
from finsam_warehouse.parsing.layout.ocr_cells import clean_ocr_figure, clean_ocr_line_start, clean_ocr_zero
from finsam_warehouse.parsing.models import StatementFact
from finsam_warehouse.parsing.registry import load_registry

from tests.conftest import SAMPLE_RAW_DIR, sample_path
from tests.pdf_fixtures import RenderedPdf, render_report_pdf, render_scanned_pdf

REGISTRY = load_registry(settings.ASSOCIATIONS_SEED)
SAMPLES = ["000_64bff6a06dc0d84a.txt", "002_caf57892eec3f583.txt", "003_76c6639e21d29c62.txt"]
SCANNED_SAMPLE = "002_caf57892eec3f583.txt"
SCAN_SEED = 3  # the scanner noise of the scanned copy

FactKey = tuple[Any, ...]


@dataclass(frozen=True)
class Routes:
    """One sample report read from its text and from its PDF."""

    text: ParsedReport
    pdf: ParsedReport
    rendered: RenderedPdf


def fact_key(fact: StatementFact) -> FactKey:
    return (fact.statement, fact.line_item, fact.period_start, fact.period_end, fact.is_comparative, fact.amount_sek)


def budget_key(row: dict[str, Any]) -> FactKey:
    return (
        row["budget_line"],
        row["budget_full_year_sek"],
        row["budget_period_sek"],
        row["outcome_sek"],
        row["forecast_full_year_sek"],
        row["is_total"],
    )


@pytest.fixture(scope="module")
def routes(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Routes]:
    """Each sample parsed from its text file and from a PDF printed from that text."""
    raw = tmp_path_factory.mktemp("raw")
    found: dict[str, Routes] = {}
    for name in SAMPLES:
        source = sample_path(name)
        association_id = source.parent.name
        (raw / association_id).mkdir(exist_ok=True)
        rendered = render_report_pdf(source.read_text(encoding="utf-8"), raw / association_id / f"{source.stem}.pdf")
        found[name] = Routes(
            text=parse_report(source, SAMPLE_RAW_DIR, REGISTRY, settings.PARSER_CATALOG),
            pdf=parse_report(rendered.path, raw, REGISTRY, settings.PARSER_CATALOG),
            rendered=rendered,
        )
    return found


# --- tesseract ------------------------------------------------------------------------


def tesseract_languages() -> set[str]:
    tesseract = shutil.which("tesseract")
    if tesseract is None:
        return set()
    listed = subprocess.run([tesseract, "--list-langs"], capture_output=True, text=True, check=False)
    return {line.strip() for line in (listed.stdout + listed.stderr).splitlines()[1:]}


def require_tesseract(language: str) -> None:
    """Skip without tesseract and its language data, except in CI, where that is a failure."""
    if language in tesseract_languages():
        return
    message = f"tesseract with '{language}' data is needed (apt-get install tesseract-ocr tesseract-ocr-swe)"
    if os.environ.get("CI"):
        pytest.fail(f"{message}; CI must install it (.ci/run)")
    pytest.skip(message)


@pytest.fixture(scope="module")
def scanned(routes: dict[str, Routes], tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, list[int]]:
    """A scan of 002's title page and financial pages: raw folder, file, and the PDF pages it holds."""
    sample = routes[SCANNED_SAMPLE]
    pages = sorted({1} | {sample.rendered.page_of_line[f.source_line] for f in sample.text.statement_facts})
    raw = tmp_path_factory.mktemp("scanned")
    scan = raw / "lekeberg-orebro" / "002_scanned.pdf"
    scan.parent.mkdir()
    render_scanned_pdf(sample.rendered.path, scan, pages, seed=SCAN_SEED)
    return raw, scan, pages


# --- text-layer PDFs --------------------------------------------------------------------


@pytest.mark.parametrize("name", SAMPLES)
def test_a_pdf_is_read_page_by_page(routes: dict[str, Routes], name: str) -> None:
    sample = routes[name]
    assert sample.pdf.ok, sample.pdf.error_message
    assert sample.pdf.source_format == "pdf"
    assert sample.pdf.page_count == sample.rendered.page_count > 1
    assert sample.pdf.metadata == sample.text.metadata


@pytest.mark.parametrize("name", SAMPLES)
def test_statement_figures_and_pages_match_the_text(routes: dict[str, Routes], name: str) -> None:
    """Every statement figure of the text, and no other, with the page its line was printed on."""
    sample = routes[name]
    assert sample.text.statement_facts, "the text route found no statement figures"
    page_of = sample.rendered.page_of_line
    expected = Counter((*fact_key(f), page_of[f.source_line]) for f in sample.text.statement_facts)
    found = Counter((*fact_key(f), f.source_page) for f in sample.pdf.statement_facts)
    assert found - expected == Counter(), "figures (or pages) the text does not give"
    assert expected - found == Counter(), "figures (or pages) of the text the PDF did not give"


@pytest.mark.parametrize("name", SAMPLES)
def test_budget_lines_and_pages_match_the_text(routes: dict[str, Routes], name: str) -> None:
    if importlib.util.find_spec("finsam_warehouse.parsing.budget") is None:
        pytest.skip("parsing/budget/ does not exist yet")
    sample = routes[name]
    if not sample.text.budget_lines:
        pytest.skip(f"the budget parser finds no budget lines in the text of {name} yet")
    page_of = sample.rendered.page_of_line
    expected = Counter((*budget_key(r), page_of[r["source_line"]]) for r in sample.text.budget_lines)
    found = Counter((*budget_key(r), r["source_page"]) for r in sample.pdf.budget_lines)
    assert found - expected == Counter(), "budget lines (or pages) the text does not give"
    assert expected - found == Counter(), "budget lines (or pages) of the text the PDF did not give"


# --- the row and column rebuild ---------------------------------------------------------


def row_of_words(top: float, *cells: tuple[float, str]) -> Iterator[Word]:
    """Words of one printed row: each cell starts at x and its words are 5 pt apart (10 pt text)."""
    for x, text in cells:
        for word in text.split():
            width = 6.0 * len(word)
            yield Word(x, x + width, top, top + 10, word)
            x += width + 3


def right_aligned(x1: float, text: str) -> tuple[float, str]:
    width = sum(6.0 * len(w) for w in text.split()) + 3 * (len(text.split()) - 1)
    return x1 - width, text


def test_rows_share_the_header_cell_indexes() -> None:
    note, current, previous = 300.0, 420.0, 520.0  # right edges of the columns
    words = [
        *row_of_words(100, right_aligned(note, "Not"), right_aligned(current, "2023-06-30"),
                      right_aligned(previous, "2022-12-31")),
        *row_of_words(113, (60, "Verksamhetens intäkter"), right_aligned(note, "2"),
                      right_aligned(current, "4 004 544"), right_aligned(previous, "8 038 718")),
        *row_of_words(126, (60, "Verksamhetens resultat"), right_aligned(current, "-266 374"),
                      right_aligned(previous, "671 650")),
        *row_of_words(139, (60, "Omsättningstillgångar")),
        *row_of_words(152, (60, "Kassa och bank"), right_aligned(current, "6 134 557"), right_aligned(previous, "0")),
        *row_of_words(200, (60, "Prose after the table, with 12 345 kronor in it.")),
    ]  # fmt: skip
    assert lines_from_words(words) == [
        "\tNot\t2023-06-30\t2022-12-31",
        "Verksamhetens intäkter\t2\t4 004 544\t8 038 718",
        "Verksamhetens resultat\t\t-266 374\t671 650",
        "Omsättningstillgångar\t\t\t",
        "Kassa och bank\t\t6 134 557\t0",
        "",
        "Prose after the table, with 12 345 kronor in it.",
    ]


@pytest.mark.parametrize(
    ("read", "clean"),
    [
        ('"--266 374', "-266 374"),
        ("A1 670 166", "1 670 166"),
        ("-266.690", "-266 690"),
        ("1670-166", "1 670 166"),
        ("2359 937", "2 359 937"),
        (": 140 413", "140 413"),
        ("403 022,50", "403 022,50"),
        ("8038718", "8038718"),
        ("2023", "2023"),
        ("2023-01-01 -2023-06-30 (6 mån)", "2023-01-01 -2023-06-30 (6 mån)"),
        ("Helår 2023", "Helår 2023"),
    ],
)
def test_ocr_figures_lose_stray_marks_and_get_lost_spaces_back(read: str, clean: str) -> None:
    assert clean_ocr_figure(read) == clean


@pytest.mark.parametrize(
    ("read", "clean"),
    [
        ("Finansiella intikter O 96", "Finansiella intikter 0 96"),
        ("Kassaflode fran O", "Kassaflode fran 0"),
        ('"2. Resultaträkning', "2. Resultaträkning"),
        ("3: Balansräkning", "3. Balansräkning"),
        ('"Finsamvärlden" är ett ord', '"Finsamvärlden" är ett ord'),
        ("Ordförande O. Svensson", "Ordförande O. Svensson"),
    ],
)
def test_ocr_lines_get_their_zeros_and_heading_numbers_back(read: str, clean: str) -> None:
    assert clean_ocr_line_start(clean_ocr_zero(read)) == clean


# --- scanned PDFs -----------------------------------------------------------------------


def test_a_scanned_report_gives_the_same_statement_figures_through_ocr(
    routes: dict[str, Routes], scanned: tuple[Path, Path, list[int]]
) -> None:
    require_tesseract("swe")
    raw, scan, pages = scanned
    sample = routes[SCANNED_SAMPLE]
    report = parse_report(scan, raw, REGISTRY, settings.PARSER_CATALOG)
    assert report.ok, report.error_message
    assert report.source_format == "pdf_ocr"
    assert report.page_count == len(pages)
    assert report.metadata == sample.text.metadata
    page_of = sample.rendered.page_of_line
    expected = Counter((*fact_key(f), pages.index(page_of[f.source_line]) + 1) for f in sample.text.statement_facts)
    found = Counter((*fact_key(f), f.source_page) for f in report.statement_facts)
    assert found == expected
    labels = {(f.line_item, f.label) for f in report.statement_facts}
    assert ("receivables", "Övriga fordringar") in labels


def test_without_swedish_data_ocr_reads_english_and_says_so_once(
    routes: dict[str, Routes],
    scanned: tuple[Path, Path, list[int]],
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
    tmp_path: Path,
) -> None:
    require_tesseract("eng")
    fake = tmp_path / "tesseract"
    fake.write_text("#!/bin/sh\necho 'List of available languages in \"/x\" (2):'\necho eng\necho osd\n")
    fake.chmod(0o755)
    extract.ocr_language.cache_clear()
    with caplog.at_level(logging.WARNING, logger=extract.__name__):
        assert extract.ocr_language(str(fake)) == "eng"
        assert extract.ocr_language(str(fake)) == "eng"
    extract.ocr_language.cache_clear()
    warnings = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert len(warnings) == 1
    assert "tesseract-ocr-swe" in warnings[0] and "'eng'" in warnings[0]

    # Read with English data, the figures are the same and the labels are repaired.
    monkeypatch.setattr(extract, "ocr_language", lambda tesseract: "eng")
    raw, scan, _ = scanned
    report = parse_report(scan, raw, REGISTRY, settings.PARSER_CATALOG)
    assert report.ok, report.error_message
    text_facts = routes[SCANNED_SAMPLE].text.statement_facts
    assert Counter(map(fact_key, report.statement_facts)) == Counter(map(fact_key, text_facts))
    labels = {(f.line_item, f.label.casefold()) for f in report.statement_facts}
    assert labels == {(f.line_item, f.label.casefold()) for f in text_facts}


def test_without_tesseract_a_scanned_report_names_the_package(
    scanned: tuple[Path, Path, list[int]], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(extract.shutil, "which", lambda name: None)
    with pytest.raises(ReportError, match="tesseract-ocr"):
        extract_text(scanned[1])


# --- bad files ----------------------------------------------------------------------------


def encrypted_pdf(path: Path) -> None:
    from reportlab.pdfgen.canvas import Canvas

    canvas = Canvas(str(path), encrypt="hemligt")
    canvas.drawString(72, 720, "Delårsredovisning 1 januari-30 juni 2023, Samordningsförbundet")
    canvas.save()


def blank_pdf(path: Path) -> None:
    from reportlab.pdfgen.canvas import Canvas

    canvas = Canvas(str(path))
    canvas.showPage()
    canvas.showPage()
    canvas.save()


def truncated_pdf(path: Path, routes: dict[str, Routes]) -> None:
    data = routes[SAMPLES[0]].rendered.path.read_bytes()
    path.write_bytes(data[: len(data) // 2])


@pytest.mark.parametrize(
    ("kind", "message"),
    [
        ("encrypted", "the PDF is encrypted"),
        ("corrupt", "the PDF is corrupt"),
        ("empty", "the file is empty"),
        ("blank", "the PDF has neither text nor images"),
    ],
)
def test_a_bad_pdf_gets_a_clear_error_on_its_report(
    routes: dict[str, Routes], tmp_path: Path, kind: str, message: str
) -> None:
    path = tmp_path / "sofint" / f"{kind}.pdf"
    path.parent.mkdir()
    if kind == "encrypted":
        encrypted_pdf(path)
    elif kind == "corrupt":
        truncated_pdf(path, routes)
    elif kind == "empty":
        path.write_bytes(b"")
    else:
        blank_pdf(path)
    with pytest.raises(ReportError, match=message):
        extract_text(path)
    report = parse_report(path, tmp_path, REGISTRY, settings.PARSER_CATALOG)  # never raises
    assert report.error_message is not None and message in report.error_message
    assert report.statement_facts == []
