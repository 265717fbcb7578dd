"""Per-insats reports ("Ekonomisk rapport", "Ekonomisk rapportering").

Cost lines, then Förbrukade medel (outcome), Erhållna or Budgeterade medel
(budget, with its period beside it) and Överskott. They give one summary row
per insats and the cost lines as detail rows (line_kind 'cost_line').
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Any

from finsam_warehouse.parsing.budget.rows import (
    BUDGET_MINUS_OUTCOME,
    COST_LINE,
    INSATS_SUMMARY,
    NUMBERED_HEADING,
    TRAILING_UNIT,
    BudgetRow,
    ReadContext,
    amount_of,
    clean_label,
    display_label,
    index_after,
    kronor,
    ocr_label_and_run,
)
from finsam_warehouse.parsing.budget.words import (
    CATEGORY_PHRASES,
    COST_LABELS,
    INSATS_REPORT_HEADINGS,
    INSATS_REPORT_LINES,
)
from finsam_warehouse.parsing.dates import first_day_month_range
from finsam_warehouse.parsing.models import ReportMetadata, TextLine
from finsam_warehouse.parsing.numbers import ParsedNumber, unit_of
from finsam_warehouse.parsing.ocr_repair import fold, strip_markup

MAX_INSATS_REPORT_LINES = 30
INSATS_HEADING_LOOKBACK = 150
INSATS_HEADING = re.compile(r"^(?P<kind>.{0,40}?insats\w*)\s*[\u2013\u2014-]\s*(?P<rest>\S.*)$", re.IGNORECASE)
NAME_END = re.compile(r"\s+\.\s|\.\s|\s*\(|\s+[\u2013\u2014-]\s")


@dataclass
class InsatsHeading:
    name: str
    text: str
    category: str | None
    period: tuple[date, date] | None


def insats_name(text: str) -> str:
    name = NAME_END.split(text, maxsplit=1)[0]
    return clean_label(name)


def _insats_heading(lines: list[TextLine], index: int, stop_before: int, fiscal_year: int) -> InsatsHeading | None:
    """The nearest insats heading above lines[index]: "Individinriktad insats – Coachingteamet (…)"."""
    numbered: InsatsHeading | None = None
    for line in reversed(lines[max(stop_before, index - INSATS_HEADING_LOOKBACK) : index]):
        clean = strip_markup(line.text)
        if not clean or len(clean) > 160:
            continue
        m = INSATS_HEADING.match(clean)
        if m:
            found = CATEGORY_PHRASES.starts_with(m["kind"])
            return InsatsHeading(
                insats_name(m["rest"]),
                clean,
                found.entry if found else None,
                first_day_month_range(clean, fiscal_year),
            )
        n = NUMBERED_HEADING.match(clean)
        if n and numbered is None:
            numbered = InsatsHeading(insats_name(n["name"]), clean, None, first_day_month_range(clean, fiscal_year))
    return numbered


def insats_report_heading(line: TextLine) -> str | None:
    """For an "Ekonomisk rapport(ering) [insats]" heading: the words after it ('' if none)."""
    clean = strip_markup(line.text)
    words = clean.split()
    if len(words) < 2 or len(words) > 8 or "\t" in line.text or re.search(r"\.{3,}|\d", clean):
        return None
    if INSATS_REPORT_HEADINGS.match(" ".join(words[:2])) is None:
        return None
    return " ".join(words[2:])


@dataclass
class ReportLine:
    kind: str  # cost, outcome, budget, surplus, deficit
    label: str
    amount: ParsedNumber | None
    line: TextLine
    texts: list[str]  # the label's line, and the figure's where OCR put it on a line below
    last_line: int


def _label_and_amount(line: TextLine) -> tuple[str, ParsedNumber | None, bool]:
    """Label, amount and whether the line holds a figure at all."""
    if "\t" in line.text:
        cells = line.text.split("\t")
        amount_text = " ".join(strip_markup(c) for c in cells[1:]).strip()
        return clean_label(cells[0]), amount_of(amount_text) if amount_text else None, bool(amount_text)
    split = ocr_label_and_run(line.text)
    if split is not None:
        label, run = split
        return clean_label(label), amount_of(run), True
    return clean_label(line.text), None, False


def _is_amount_only(line: TextLine) -> ParsedNumber | None:
    clean = strip_markup(line.text)
    if re.search(r"[A-Za-zÅÄÖåäö]", TRAILING_UNIT.sub("", clean.replace("*", " "))):
        return None
    return amount_of(clean)


def _report_lines(block: list[TextLine]) -> list[ReportLine]:
    found: list[ReportLine] = []
    i = 0
    while i < len(block):
        line = block[i]
        clean = strip_markup(line.text)
        i += 1
        if not clean.replace("\t", "").strip():
            continue
        if line.text.lstrip().startswith("#"):
            break
        label, amount, has_figure = _label_and_amount(line)
        kind_match = INSATS_REPORT_LINES.starts_with(label)
        kind = kind_match.entry if kind_match else "cost"
        texts, last_line = [line.text], line.number
        if kind in ("outcome", "budget", "surplus", "deficit") and amount is None and not has_figure:
            # OCR puts the figure on a line of its own below the label.
            j = i
            while j < len(block) and not strip_markup(block[j].text):
                j += 1
            below = _is_amount_only(block[j]) if j < len(block) else None
            if below is not None:
                amount, texts, last_line, i = below, [line.text, block[j].text], block[j].number, j + 1
        if kind == "header":
            if len(label.split()) > 2:
                break
            continue
        if kind == "cost" and not has_figure and (len(label.split()) > 4 or not label[:1].isalpha()):
            break  # prose after the table
        found.append(ReportLine(kind, label, amount, line, texts, last_line))
        if kind in ("surplus", "deficit"):
            break
    # Lines after the last figure of the report (its budget or surplus) are not cost lines.
    while found and found[-1].kind == "cost" and any(r.kind != "cost" for r in found):
        found.pop()
    return found


def _is_full_year(period: tuple[date, date]) -> bool:
    start, end = period
    return (start.month, start.day, end.month, end.day) == (1, 1, 12, 31)


def _budget_is_for_period(
    budget_label: str, heading: InsatsHeading | None, fiscal_year: int, meta: ReportMetadata
) -> bool:
    """Whether the budget of a per-insats report is for a part of the year.

    The period printed beside it decides ("(1jan-31mars)", "(Helår 2020)"),
    else the period in the insats heading; with neither, an annual report's
    budget is the year's and an interim report's the period's.
    """
    if re.search(r"hel\w*r", fold(budget_label)):
        return False
    period = first_day_month_range(budget_label, fiscal_year) or (heading.period if heading else None)
    if period is not None:
        return not _is_full_year(period)
    return meta.report_type != "annual"


def read_insats_report(
    lines: list[TextLine], index: int, name_on_heading: str, stop_before: int, ctx: ReadContext
) -> tuple[list[BudgetRow], int]:
    """One summary row for the insats and a row per cost line; also the index after the report."""
    meta = ctx.meta
    report_lines = _report_lines(lines[index + 1 : index + 1 + MAX_INSATS_REPORT_LINES])
    anchor = next((r for r in report_lines if r.kind == "outcome"), None) or next(
        (r for r in report_lines if r.kind == "budget"), None
    )
    if anchor is None:
        return [], index + 1
    heading = None if name_on_heading else _insats_heading(lines, index, stop_before, meta.period_end.year)
    printed_name = name_on_heading or (heading.name if heading else "")
    title = clean_label(lines[index].text)
    budget_label = next((r.label for r in report_lines if r.kind == "budget"), "")
    full_year = re.search(r"hel\w*r\s*(\d{4})", fold(budget_label, keep_digits=True))
    fiscal_year = int(full_year[1]) if full_year else meta.period_end.year
    budget_is_for_period = _budget_is_for_period(budget_label, heading, fiscal_year, meta)
    resolved = ctx.resolver.resolve(printed_name) if printed_name else None
    common: dict[str, Any] = {
        "table_title": title,
        "fiscal_year": fiscal_year,
        "period_end": heading.period[1] if heading and heading.period else meta.period_end,
        "section": heading.text if heading else None,
        "category": (heading.category if heading else None) or (resolved[0].category if resolved else None),
        "insats_label": printed_name or None,
        "unit": next((u for u in (unit_of(clean_label(r.line.text)) for r in report_lines) if u), "kr"),
    }
    summary = BudgetRow(
        **common,
        budget_line=display_label(printed_name, resolved[1] if resolved else None, ctx) if printed_name else title,
        label_printed=printed_name or title,
        line_kind=INSATS_SUMMARY,
        source_page=anchor.line.page,
        source_line=anchor.line.number,
        raw_text="\n".join(t for r in report_lines if r.kind != "cost" for t in r.texts),
    )
    rows = [*_cost_rows(report_lines, summary, common, ctx), summary]
    _fill_summary(summary, report_lines, common["unit"], budget_is_for_period)
    return rows, index_after(lines, max(r.last_line for r in report_lines))


def _cost_rows(
    report_lines: list[ReportLine], summary: BudgetRow, common: dict[str, Any], ctx: ReadContext
) -> list[BudgetRow]:
    """A row per cost line, summed into the insats's summary row."""
    rows: list[BudgetRow] = []
    for r in report_lines:
        if r.kind == "cost":
            known = COST_LABELS.match(r.label)
            cost = BudgetRow(
                **common,
                budget_line=display_label(r.label, known.phrase if known else None, ctx),
                label_printed=r.label,
                line_kind=COST_LINE,
                outcome_sek=kronor(r.amount, common["unit"]),
                source_page=r.line.page,
                source_line=r.line.number,
                raw_text=r.line.text,
            )
            cost.parent = summary
            rows.append(cost)
    return rows


def _fill_summary(summary: BudgetRow, report_lines: list[ReportLine], unit: str, for_period: bool) -> None:
    """The summary row's outcome, budget and printed surplus or deficit."""
    for r in report_lines:
        amount = kronor(r.amount, unit)
        if r.kind == "outcome":
            summary.outcome_sek = amount
        elif r.kind == "budget" and for_period:
            summary.budget_period_sek = amount
        elif r.kind == "budget":
            summary.budget_full_year_sek = amount
        elif r.kind != "cost" and amount is not None:  # Överskott, or Underskott printed as a positive figure
            summary.printed_difference_sek = amount if r.kind == "surplus" else -abs(amount)
            summary.difference_basis = BUDGET_MINUS_OUTCOME
