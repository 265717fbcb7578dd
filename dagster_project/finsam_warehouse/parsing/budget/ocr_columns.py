"""Budget tables in OCR text: no cells, so a header line's words and each row's run of figures.

A header line names two or more roles ("Utfall Budget Avvikelse Utfall"); lines
under it add years, dates and units ("2022 2022 2022 2021", "Belopp tkr"). An
outcome column split into Intäkt | Kostnad | Netto prints two figures per row:
the one of Intäkt or Kostnad that is filled, then Netto. Words are matched with
OCR damage ("Intikt", "Utfa:ll").
"""

from __future__ import annotations

import logging
import re

from finsam_warehouse.parsing.budget.columns import BudgetColumn
from finsam_warehouse.parsing.budget.rows import YEAR, tokens
from finsam_warehouse.parsing.budget.words import FUZZY_QUALIFIERS, FUZZY_ROLES
from finsam_warehouse.parsing.dates import SHORT_DATE
from finsam_warehouse.parsing.models import TextLine
from finsam_warehouse.parsing.numbers import ParsedNumber, split_number_run
from finsam_warehouse.parsing.ocr_repair import fold, strip_markup

log = logging.getLogger(__name__)


def _is_year_or_date(token: str) -> bool:
    return bool(YEAR.match(token) or SHORT_DATE.fullmatch(token) or re.fullmatch(r"\d{4}\d{2}\d{2}", token))


def _role(token: str) -> str | None:
    if token.isdigit() or len(token) < 4:
        return None
    found = FUZZY_ROLES.match(token)
    return found.entry if found else None


def _is_qualifier(token: str) -> bool:
    return _is_year_or_date(token) or (not token.isdigit() and FUZZY_QUALIFIERS.match(token) is not None)


def ocr_header(line: TextLine) -> list[BudgetColumn] | None:
    """The columns an OCR header line names, or None if it is no column header."""
    if "\t" in line.text:
        return None
    stripped = strip_markup(line.text).strip()
    if not stripped or stripped[0].islower() or stripped.endswith((".", ":")):
        return None  # a sentence, not a header
    words = tokens(line.text)
    roles = [i for i, t in enumerate(words) if _role(t)]
    if len(roles) < 2 or roles[0] > 3:
        return None
    if not all(_role(t) or _is_qualifier(t) for t in words[roles[0] :]):
        return None
    return [
        BudgetColumn(_role(words[start]) or "", " ".join(words[start:end]))
        for start, end in zip(roles, [*roles[1:], len(words)], strict=True)
    ]


def is_ocr_sub_header(line: TextLine) -> bool:
    words = tokens(line.text)
    if len(words) < 2:
        return False
    if any(t.isdigit() and not _is_year_or_date(t) for t in words):
        return False
    known = sum(1 for t in words if _role(t) or _is_qualifier(t))
    return known / len(words) >= 0.6


def add_ocr_sub_header(columns: list[BudgetColumn], line: TextLine) -> None:
    words = tokens(line.text)
    periods = [t for t in words if _is_year_or_date(t)]
    if len(periods) == len(columns) == len(words):
        for column, token in zip(columns, periods, strict=True):
            column.text = f"{column.text} {token}"
        return
    # Intäkt | Kostnad | Netto under an outcome column: the first such columns split.
    splits = sum(1 for t in words if fold(t).startswith("int") and FUZZY_QUALIFIERS.match(t))
    for column in [c for c in columns if c.role == "outcome"][:splits]:
        column.split = True


def ocr_values(run: str, columns: list[BudgetColumn], line: TextLine) -> list[ParsedNumber | None]:
    """One figure per column from an OCR run; a split column keeps its second figure, Netto."""
    count = sum(c.figure_count for c in columns)
    figures = split_number_run(run, count)
    if figures is None:
        log.warning("line %s: could not split the figures of %r into %d columns", line.number, line.text, count)
        return [None] * len(columns)
    values: list[ParsedNumber | None] = []
    position = 0
    for column in columns:
        position += column.figure_count
        values.append(figures[position - 1])
    return values
