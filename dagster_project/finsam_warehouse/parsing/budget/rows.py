"""One budget line as loaded into raw.budget_lines, and the helpers every reader shares."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, fields
from datetime import date
from decimal import Decimal
from typing import Any

from finsam_warehouse.parsing.budget.insats import InsatsResolver
from finsam_warehouse.parsing.budget.words import CATEGORY_PHRASES, SUM_WORDS
from finsam_warehouse.parsing.models import ReportMetadata, TextLine
from finsam_warehouse.parsing.numbers import UNIT_MULTIPLIERS, ParsedNumber, parse_single_amount
from finsam_warehouse.parsing.ocr_repair import fold, repaired_label, strip_markup
from finsam_warehouse.parsing.ocr_rows import NUMERIC_TAIL

TABLE_LINE = "table_line"
INSATS_SUMMARY = "insats_summary"
COST_LINE = "cost_line"

BUDGET_MINUS_OUTCOME = "budget_minus_outcome"
BUDGET_MINUS_FORECAST = "budget_minus_forecast"

CENT = Decimal("0.01")
YEAR = re.compile(r"^(19|20)\d{2}$")
TRAILING_UNIT = re.compile(r"\s*(?:kr|tkr|kkr|kronor|k)\.?\s*\*?\s*$", re.IGNORECASE)
PAGE_FOOTER = re.compile(r"^(?:sida|page)\s+\d+(?:\s*\(\d+\))?$", re.IGNORECASE)
NUMBERED_HEADING = re.compile(r"^\s*\d{1,2}\.\s+(?P<name>[A-ZÅÄÖ]\S*(?:\s+\S+){0,5})\s*$")
SWEDISH_LETTERS = set("åäöÅÄÖ")


@dataclass(kw_only=True)
class BudgetRow:
    """One row of raw.budget_lines, less report_id and association_id (same column order)."""

    table_title: str | None
    table_number: int = 0
    fiscal_year: int
    period_end: date
    budget_line: str
    label_printed: str
    section: str | None = None
    category: str | None = None
    is_total: bool = False
    line_kind: str
    insats_label: str | None = None
    insats_id: str | None = None
    parent_line_order: int | None = None
    budget_full_year_sek: Decimal | None = None
    budget_period_sek: Decimal | None = None
    outcome_sek: Decimal | None = None
    outcome_previous_year_sek: Decimal | None = None
    forecast_full_year_sek: Decimal | None = None
    printed_difference_sek: Decimal | None = None
    difference_basis: str | None = None
    unit: str
    line_order: int = 0
    source_page: int | None
    source_line: int
    raw_text: str
    # Printed figures not read, each as "<field>: <why>" ("budget_full_year_sek: '13' has no decimal comma, …").
    unread_figures: str | None = None
    # Not loaded: the row this one is summed into, before line_order is known.
    parent: BudgetRow | None = field(default=None, repr=False, compare=False)

    def as_dict(self) -> dict[str, Any]:
        return {f.name: getattr(self, f.name) for f in fields(self) if f.name != "parent"}


@dataclass
class ReadContext:
    meta: ReportMetadata
    is_ocr: bool
    resolver: InsatsResolver


def kronor(value: ParsedNumber | None, unit: str) -> Decimal | None:
    if value is None:
        return None
    return (value.value * UNIT_MULTIPLIERS[unit]).quantize(CENT)


def clean_label(text: str) -> str:
    """A printed label without markup, OCR strays and footnote marks."""
    label = strip_markup(text).replace("\t", " ")
    label = re.sub(r"[|*]+", " ", label)
    return re.sub(r"\s+", " ", label).strip(" :")


def tokens(text: str) -> list[str]:
    return fold(strip_markup(text), keep_digits=True).split()


def amount_of(text: str) -> ParsedNumber | None:
    """The single amount of a cell or a run such as "3086 953 kr*"."""
    cleaned = TRAILING_UNIT.sub("", strip_markup(text).replace("*", " ")).strip()
    return parse_single_amount(cleaned) if cleaned else None


def ocr_label_and_run(text: str) -> tuple[str, str] | None:
    """Split an OCR row into its label and the run of figures after it."""
    clean = TRAILING_UNIT.sub("", strip_markup(text).replace("*", " ")).rstrip()
    tail = NUMERIC_TAIL.search(clean)
    if not tail:
        return None
    label = clean[: tail.start()].strip()
    if not re.match(r"[A-Za-zÅÄÖåäöé]", label):
        return None
    return label, tail.group(0)


def is_sum_label(label: str) -> bool:
    words = fold(label).split()
    return bool(words) and words[0] in SUM_WORDS


def category_of(text: str) -> str | None:
    found = CATEGORY_PHRASES.starts_with(text)
    return found.entry if found else None


def display_label(printed: str, known: str | None, ctx: ReadContext) -> str:
    """The label after OCR repair: the known spelling where OCR lost its Swedish letters."""
    if known is None or not ctx.is_ocr or not SWEDISH_LETTERS & set(known):
        return printed
    return repaired_label(printed, known)


def index_after(lines: list[TextLine], line_number: int) -> int:
    return next((i for i, ln in enumerate(lines) if ln.number > line_number), len(lines))
