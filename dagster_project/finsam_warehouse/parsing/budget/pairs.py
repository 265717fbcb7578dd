"""Budget / outcome pairs under an insats heading: "Budget 400 000 kr" followed by "Utfall 139 800"."""

from __future__ import annotations

import re

from finsam_warehouse.parsing.budget.reports import InsatsHeading, insats_name
from finsam_warehouse.parsing.budget.rows import (
    INSATS_SUMMARY,
    NUMBERED_HEADING,
    BudgetRow,
    ReadContext,
    display_label,
    kronor,
)
from finsam_warehouse.parsing.budget.words import PAIR_LABELS
from finsam_warehouse.parsing.models import TextLine
from finsam_warehouse.parsing.numbers import ParsedNumber, split_number_run
from finsam_warehouse.parsing.ocr_repair import fold, strip_markup
from finsam_warehouse.parsing.statements import SECTION_NUMBER

PAIR_HEADING_LOOKBACK = 60
AMOUNT_WITH_KR = re.compile(r"(?<![\d,])(-?\d[\d |]*?\d|\d)\s*(?:kr|k)\b", re.IGNORECASE)
FIRST_AMOUNT = re.compile(r"(?<![\d,])(-?\d[\d |]*\d(?:,\d{1,2})?|\d)(?![\d.,]\d)")


def _numbered_heading(lines: list[TextLine], index: int) -> InsatsHeading | None:
    for line in reversed(lines[max(0, index - PAIR_HEADING_LOOKBACK) : index]):
        m = NUMBERED_HEADING.match(strip_markup(line.text))
        if m:
            return InsatsHeading(insats_name(m["name"]), strip_markup(line.text), None, None)
    return None


def _pair_amount(text: str, kind: str) -> ParsedNumber | None:
    clean = strip_markup(text).replace("|", " ")
    words = clean.split()
    label_words = 2 if kind == "outcome" and fold(words[0]) != "utfall" else 1
    rest = " ".join(words[label_words:])
    m = AMOUNT_WITH_KR.search(rest) if kind == "budget" else FIRST_AMOUNT.search(rest)
    if not m:
        return None
    found = split_number_run(m.group(1), 1)
    return found[0] if found else None


def pair_kind(line: TextLine) -> str | None:
    words = strip_markup(line.text).split()
    if not words or "\t" in line.text:
        return None
    for n in (2, 1):
        found = PAIR_LABELS.match(" ".join(words[:n]))
        if found and found.phrase.count(" ") == n - 1:
            return found.entry
    return None


def read_pair(lines: list[TextLine], index: int, ctx: ReadContext) -> tuple[list[BudgetRow], int]:
    """A "Budget … kr" line followed, within three lines, by an "Utfall …" line."""
    budget = _pair_amount(lines[index].text, "budget")
    if budget is None:
        return [], index + 1
    seen = 0
    for j in range(index + 1, len(lines)):
        if not strip_markup(lines[j].text):
            continue
        seen += 1
        if seen > 3:
            break
        if pair_kind(lines[j]) != "outcome":
            continue
        outcome = _pair_amount(lines[j].text, "outcome")
        if outcome is None:
            break
        heading = _numbered_heading(lines, index)
        if heading is None:
            break
        resolved = ctx.resolver.resolve(heading.name)
        row = BudgetRow(
            table_title=SECTION_NUMBER.sub("", heading.text).strip() or heading.text,
            fiscal_year=ctx.meta.period_end.year,
            period_end=ctx.meta.period_end,
            budget_line=display_label(heading.name, resolved[1] if resolved else None, ctx),
            label_printed=heading.name,
            category=resolved[0].category if resolved else None,
            line_kind=INSATS_SUMMARY,
            insats_label=heading.name,
            budget_full_year_sek=kronor(budget, "kr"),
            outcome_sek=kronor(outcome, "kr"),
            unit="kr",
            source_page=lines[j].page,
            source_line=lines[j].number,
            raw_text=f"{lines[index].text}\n{lines[j].text}",
        )
        return [row], j + 1
    return [], index + 1
