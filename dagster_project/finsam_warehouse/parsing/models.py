"""Typed records the parsers produce."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any, NamedTuple


class ReportError(Exception):
    """A report that cannot be read. The message says what is wrong, for a person."""


@dataclass(frozen=True)
class TextLine:
    """One line of extracted text. ``number`` is 1-based over the whole text."""

    number: int
    page: int | None
    text: str


class UnsureWord(NamedTuple):
    """A word with digits OCR was unsure of: as printed, why ("29 %", "read again as '4218'"),
    the text of its cell, and its second, digits-only reading ("" if none differs)."""

    word: str
    why: str
    cell: str
    second_reading: str = ""


@dataclass(frozen=True)
class ExtractedText:
    source_format: str  # 'text', 'pdf' or 'pdf_ocr'
    lines: list[TextLine]
    page_count: int | None
    # OCR: line number → the words with digits OCR was unsure of.
    unsure_figures: dict[int, list[UnsureWord]] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {
            "source_format": self.source_format,
            "page_count": self.page_count,
            "lines": [[ln.number, ln.page, ln.text] for ln in self.lines],
            "unsure_figures": [[n, [list(w) for w in words]] for n, words in self.unsure_figures.items()],
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> ExtractedText:
        return cls(
            source_format=data["source_format"],
            page_count=data["page_count"],
            lines=[TextLine(n, p, t) for n, p, t in data["lines"]],
            unsure_figures={n: [UnsureWord(*word) for word in words] for n, words in data.get("unsure_figures", [])},
        )


@dataclass(frozen=True)
class Provenance:
    source_page: int | None
    source_line: int
    raw_text: str


@dataclass(frozen=True)
class ReportMetadata:
    report_type: str  # 'annual' or 'interim'
    period_start: date
    period_end: date
    decided_on: date | None
    org_nr_printed: str | None


@dataclass(frozen=True)
class StatementFact:
    statement: str  # income_statement, balance_sheet, cash_flow
    line_item: str  # canonical code or 'other'
    label: str  # after OCR repair
    label_printed: str
    section: str | None
    note_ref: str | None
    period_start: date | None
    period_end: date
    is_comparative: bool
    amount_sek: Decimal
    amount_printed: str
    unit: str  # 'kr', 'tkr' or 'mkr'
    is_repaired: bool
    repair_note: str | None
    line_order: int
    source_page: int | None
    source_line: int
    raw_text: str
    unsure_note: str | None = None  # OCR was unsure of the figure ("OCR unsure of '15038' (confidence 29)")


@dataclass(frozen=True)
class SectionCoverage:
    """How much of one section (a statement, or the notes) the parser read."""

    section: str  # income_statement, balance_sheet, cash_flow or notes
    is_required: bool  # the report type must have it
    is_found: bool  # its heading was found
    heading_page: int | None
    heading_line: int | None
    heading_text: str | None
    lines_with_figures: int
    lines_read: int


@dataclass(frozen=True)
class UnreadLine:
    """A line with figures inside a section that no fact was read from."""

    section: str
    note_number: str | None  # for a note's line
    label: str
    reason: str
    source_page: int | None
    source_line: int
    raw_text: str


@dataclass
class ParsedReport:
    report_id: str
    association_id: str
    source_file: str
    source_sha256: str
    source_format: str | None
    parser_version: str
    metadata: ReportMetadata | None = None
    page_count: int | None = None
    line_count: int | None = None
    error_message: str | None = None
    statement_facts: list[StatementFact] = field(default_factory=list)
    note_lines: list[dict[str, Any]] = field(default_factory=list)
    budget_lines: list[dict[str, Any]] = field(default_factory=list)
    participant_counts: list[dict[str, Any]] = field(default_factory=list)
    coverage: list[SectionCoverage] = field(default_factory=list)
    unread_lines: list[UnreadLine] = field(default_factory=list)
    # The running line number each page starts at (page 1 first); empty for unpaged text.
    page_first_lines: list[int] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.error_message is None

    def report_row(self) -> dict[str, Any]:
        meta = self.metadata
        return {
            "report_id": self.report_id,
            "association_id": self.association_id,
            "source_file": self.source_file,
            "source_sha256": self.source_sha256,
            "source_format": self.source_format,
            "report_type": meta.report_type if meta else None,
            "period_start": meta.period_start if meta else None,
            "period_end": meta.period_end if meta else None,
            "decided_on": meta.decided_on if meta else None,
            "org_nr_printed": meta.org_nr_printed if meta else None,
            "page_count": self.page_count,
            "line_count": self.line_count,
            "parse_status": "ok" if self.ok else "error",
            "error_message": self.error_message,
            "parser_version": self.parser_version,
        }

    def statement_rows(self) -> list[dict[str, Any]]:
        base = {"report_id": self.report_id, "association_id": self.association_id}
        return [{**base, **_flat_fields(f)} for f in self.statement_facts]

    def coverage_rows(self) -> list[dict[str, Any]]:
        base = {"report_id": self.report_id, "association_id": self.association_id}
        return [{**base, **_flat_fields(c)} for c in self.coverage]

    def unread_line_rows(self) -> list[dict[str, Any]]:
        base = {"report_id": self.report_id, "association_id": self.association_id}
        return [{**base, **_flat_fields(u)} for u in self.unread_lines]

    def page_rows(self) -> list[dict[str, Any]]:
        """One row per page: where it starts, so a line can be named by its page and place on it."""
        base = {"report_id": self.report_id, "association_id": self.association_id}
        return [
            {**base, "page": page, "first_line": first_line}
            for page, first_line in enumerate(self.page_first_lines, start=1)
        ]


def _flat_fields(row: Any) -> dict[str, Any]:
    """A dataclass of plain values as a dict: ``asdict`` without its deep copies (the load makes millions)."""
    return {name: getattr(row, name) for name in row.__dataclass_fields__}
