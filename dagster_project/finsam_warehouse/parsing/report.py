"""Parse one report file: the entry point of the parsing library."""

from __future__ import annotations

import hashlib
import os
from functools import lru_cache
from pathlib import Path

from finsam_warehouse.parsing.budget import read_budget_tables
from finsam_warehouse.parsing.catalog import Catalog
from finsam_warehouse.parsing.column_conflicts import mark_unread, misread_statements, split_misread
from finsam_warehouse.parsing.completeness import completeness_problem
from finsam_warehouse.parsing.coverage import read_coverage
from finsam_warehouse.parsing.extract import extract_text
from finsam_warehouse.parsing.layout.header import column_roles
from finsam_warehouse.parsing.metadata import read_metadata
from finsam_warehouse.parsing.models import ExtractedText, ParsedReport, ReportError
from finsam_warehouse.parsing.notes import read_notes
from finsam_warehouse.parsing.participants import read_participants
from finsam_warehouse.parsing.participants.tables import table_words
from finsam_warehouse.parsing.participants.vocabulary import insats_names, outcome_phrases
from finsam_warehouse.parsing.prose import read_stated_result
from finsam_warehouse.parsing.registry import Association
from finsam_warehouse.parsing.ocr_confidence import mark_unsure_figures, take_second_readings
from finsam_warehouse.parsing.statements import read_statements

PARSING_DIR = Path(__file__).resolve().parent


# What a file's text depends on: a change elsewhere in the parser parses the
# staged texts again but never extracts (or OCRs) a file again.
EXTRACTION_SOURCES = ("extract.py", "ocr_second_reading.py", "dates.py", "numbers.py", "models.py")


def extraction_version() -> str:
    """A hash of the text extraction's source: staged texts from older code are extracted again."""
    layout = sorted((PARSING_DIR / "layout").glob("*.py"))
    return _files_digest((*(PARSING_DIR / name for name in EXTRACTION_SOURCES), *layout))


def parser_version(catalog: Catalog) -> str:
    """A hash of the parser's source, its data files and its catalog: staged parses from older ones are redone."""
    return _files_digest((*_parser_files(), *catalog.files))


def _parser_files() -> list[Path]:
    """The parser's source and data files (os.walk: called for every report, so kept cheap)."""
    found: list[Path] = []
    for folder, subfolders, names in os.walk(PARSING_DIR):
        subfolders[:] = [name for name in subfolders if name != "__pycache__"]
        found += [Path(folder, name) for name in names if os.path.splitext(name)[1] in {".py", ".txt", ".csv"}]
    return sorted(found)


def _files_digest(paths: tuple[Path, ...]) -> str:
    """Hashed again only when a file's size or modification time changes (a long-lived process sees edits)."""
    return _digest_of(tuple(_stamp(path) for path in paths))


def _stamp(path: Path) -> tuple[str, int, int]:
    try:
        status = os.stat(path)
    except FileNotFoundError:
        return (str(path), 0, 0)
    return (str(path), status.st_mtime_ns, status.st_size)


def warm_caches(catalog: Catalog) -> None:
    """Fill the caches that hold no report's text: the versions, the catalog and the word files.

    The process that isolated parses fork from calls this once, so that each
    file's process starts with them instead of reading them again.
    """
    parser_version(catalog)
    extraction_version()
    insats_names(catalog.insats)
    outcome_phrases(catalog.participant_outcomes)
    table_words()
    column_roles()


@lru_cache(maxsize=8)
def _digest_of(stamps: tuple[tuple[str, int, int], ...]) -> str:
    digest = hashlib.sha256()
    for name, _, _ in stamps:
        path = Path(name)
        digest.update(path.relative_to(path.parents[1]).as_posix().encode())
        digest.update(path.read_bytes() if path.exists() else b"")
    return digest.hexdigest()[:12]


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def report_id_for(sha256: str, source_file: str) -> str:
    """Stable for the same file content at the same path; unique per file, even for copies."""
    return hashlib.sha256(f"{source_file}\n{sha256}".encode()).hexdigest()[:16]


def association_of(relative_path: str, registry: dict[str, Association]) -> str:
    parts = Path(relative_path).parts
    if len(parts) != 2:
        raise ReportError(
            f"'{relative_path}' is not in an association folder: reports go in <raw>/<association_id>/<file>"
        )
    association_id = parts[0]
    if association_id not in registry:
        known = ", ".join(sorted(registry))
        raise ReportError(
            f"unknown association '{association_id}': the folder is not in the association registry "
            f"(dbt/seeds/associations.csv; known: {known})"
        )
    return association_id


def page_first_lines(text: ExtractedText) -> list[int]:
    """The running number of each page's first line; empty when the text has no pages."""
    if not text.page_count:
        return []
    firsts: dict[int, int] = {}
    for line in text.lines:
        if line.page is not None:
            firsts.setdefault(line.page, line.number)
    return [firsts[page] for page in range(1, text.page_count + 1) if page in firsts]


def parse_extracted(report: ParsedReport, text: ExtractedText, catalog: Catalog) -> ParsedReport:
    """Fill ``report`` with what its text holds. Raises ReportError for a non-report.

    The caller stamps ``report.parser_version``: each file's process need not work it out again.
    """
    report.source_format = text.source_format
    report.page_count = text.page_count
    report.line_count = len(text.lines)
    report.page_first_lines = page_first_lines(text)
    report.metadata = read_metadata(text.lines)
    report.statement_facts = read_statements(text.lines, report.metadata)
    report.participant_counts = read_participants(text.lines, report.metadata, catalog, report.association_id)
    report.budget_lines = read_budget_tables(text.lines, report.metadata, catalog.insats, report.association_id)
    report.statement_facts += read_stated_result(text.lines, report.metadata, report.statement_facts)
    report.statement_facts = mark_unsure_figures(report.statement_facts, text.unsure_figures)
    report.statement_facts = take_second_readings(report.statement_facts, text.unsure_figures)
    misread = misread_statements(report.statement_facts)
    report.statement_facts, dropped = split_misread(report.statement_facts, misread)
    report.note_lines = read_notes(text.lines, report.metadata, report.statement_facts)
    elsewhere = {row["source_line"] for row in report.budget_lines + report.participant_counts}
    report.coverage, report.unread_lines = mark_unread(
        *read_coverage(text.lines, report.metadata, report.statement_facts, elsewhere), dropped, misread
    )
    problem = completeness_problem(text.lines, report)
    if problem:
        raise ReportError(problem)
    return report


def empty_report(source_file: str, sha256: str, error_message: str | None = None) -> ParsedReport:
    """A report with no facts yet; a file that is gone (no sha256) is keyed by its path.

    Its parser version is empty until the caller (``parse_report``, the reading step) sets it.
    """
    return ParsedReport(
        report_id=report_id_for(sha256, source_file) if sha256 else source_file,
        association_id=source_file.split("/")[0],
        source_file=source_file,
        source_sha256=sha256,
        source_format=None,
        parser_version="",
        error_message=error_message,
    )


def parse_report(path: Path, raw_dir: Path, registry: dict[str, Association], catalog: Catalog) -> ParsedReport:
    """Parse a report file. Never raises for bad input: the error is on the result."""
    relative = path.relative_to(raw_dir).as_posix()
    report = empty_report(relative, file_sha256(path))
    report.parser_version = parser_version(catalog)
    try:
        association_of(relative, registry)
        parse_extracted(report, extract_text(path), catalog)
    except ReportError as exc:
        report.error_message = str(exc)
    return report
