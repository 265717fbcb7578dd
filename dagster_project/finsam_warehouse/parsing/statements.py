"""The financial statements: resultaträkning, balansräkning, kassaflödesanalys.

A statement is found by its heading. Its header lines give the columns: one
period per column, from dates such as "2022-01-01 -2022-12-31" or "2023-06-30",
and the unit ("Belopp i kr", "tkr"). Each following row is a label and one
figure per column. Rows come tab-separated (cells keep their columns) or as OCR
text, where the figures arrive as one run of digit groups that
``split_number_run`` divides into the columns.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal

from finsam_warehouse.parsing.dates import ISO_DATE, ISO_RANGE, iso_date
from finsam_warehouse.parsing.line_items import (
    BALANCE_SHEET,
    LINE_ITEM_VOCABULARY,
    OTHER,
    STATEMENT_HEADING_VOCABULARY,
)
from finsam_warehouse.parsing.models import ReportMetadata, StatementFact, TextLine
from finsam_warehouse.parsing.numbers import (
    UNIT_MULTIPLIERS,
    ParsedNumber,
    parse_cell_amount,
    split_noted_run,
    split_number_run,
    unit_of,
)
from finsam_warehouse.parsing.ocr_repair import fold, repaired_label, strip_markup

MAX_BLOCK_LINES = 120
SECTION_NUMBER = re.compile(r"^\s*(?:#+\s*)?(?:\d+(?:\.\d+)*\.?\s*)")
TOC_ENTRY = re.compile(r"\.{3,}|\t\s*<?b?>?\d{1,3}\s*(</b>)?\s*$")
TOP_HEADING = re.compile(r"^\s*(?:#+\s+\S|\d+\.\s*[A-Za-zÅÄÖåäö])")
# Where the figures of an OCR row begin: a number token after the label.
NUMERIC_TAIL = re.compile(r"(?:(?<=\s)|^)[\(\|]?[-\u2212\u2013]?\d[\d\s|(),\-\u2212\u2013]*$")


@dataclass(frozen=True)
class Column:
    period_start: date | None
    period_end: date
    cell_index: int | None  # tab layout: which cell holds the column


@dataclass(frozen=True)
class StatementLayout:
    columns: list[Column]
    note_cell: int | None
    has_note_column: bool
    unit: str
    header_line_count: int


def _heading_statement(line: TextLine) -> str | None:
    """The statement a line opens, or None (also None for table-of-contents lines)."""
    text = strip_markup(line.text)
    if not text or TOC_ENTRY.search(line.text):
        return None
    text = SECTION_NUMBER.sub("", text)
    words = text.split()
    if not words:
        return None
    found = STATEMENT_HEADING_VOCABULARY.match(words[0])
    return found.entry if found else None


def _is_boundary(line: TextLine, statement: str) -> bool:
    other = _heading_statement(line)
    if other is not None:
        return other != statement
    text = strip_markup(line.text)
    return bool(TOP_HEADING.match(line.text)) and not re.search(r"\d{3}", text[3:])


def _dates_in(text: str) -> list[date]:
    return [d for d in (iso_date(m.group(0)) for m in ISO_DATE.finditer(text)) if d]


def _shift_year(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def _columns_from_header(header: list[str], flow: bool, meta: ReportMetadata) -> list[Column]:
    # Tab layout: each cell with a date (range) is a column.
    for text in header:
        if "\t" not in text:
            continue
        cells = text.split("\t")
        columns = []
        for i, cell in enumerate(cells):
            rng = ISO_RANGE.search(cell)
            if rng:
                columns.append(Column(iso_date(rng[1]), iso_date(rng[2]), i))  # type: ignore[arg-type]
            elif _dates_in(cell):
                columns.append(Column(None, _dates_in(cell)[-1], i))
        if columns:
            return [_complete_period(c, flow, meta) for c in columns]
    for text in header:
        ranges = [(iso_date(m[1]), iso_date(m[2])) for m in ISO_RANGE.finditer(text)]
        if ranges and all(s and e and s < e for s, e in ranges):
            return [Column(s, e, None) for s, e in ranges]  # type: ignore[arg-type]
    # Starts on one line and ends on the next: "2022-01-01 2021-01-01" / "-2022-12-31 2021-12-31".
    per_line = [_dates_in(text) for text in header if _dates_in(text)]
    if len(per_line) >= 2 and len(per_line[0]) == len(per_line[1]):
        starts, ends = per_line[0], per_line[1]
        if all(s < e for s, e in zip(starts, ends)):
            return [Column(s, e, None) for s, e in zip(starts, ends)]
    if per_line:
        return [_complete_period(Column(None, d, None), flow, meta) for d in per_line[0]]
    return []


def _complete_period(column: Column, flow: bool, meta: ReportMetadata) -> Column:
    """A flow column printed with its end date only starts like the report's period."""
    if not flow:
        return replace(column, period_start=None)
    if column.period_start is None:
        years = column.period_end.year - meta.period_end.year
        return replace(column, period_start=_shift_year(meta.period_start, years))
    return column


def _is_data_row(text: str) -> bool:
    clean = strip_markup(text)
    if not clean or _dates_in(clean):
        return False
    if "\t" in text:
        return any(parse_cell_amount(strip_markup(c)) for c in text.split("\t")[1:])
    return bool(NUMERIC_TAIL.search(clean)) and bool(re.match(r"\s*[A-Za-zÅÄÖåäöé]", clean))


def _layout(block: list[TextLine], flow: bool, meta: ReportMetadata) -> StatementLayout | None:
    header: list[str] = []
    for line in block:
        if _is_data_row(line.text):
            break
        header.append(line.text)
    columns = _columns_from_header(header, flow, meta)
    if not columns:
        return None
    note_cell = None
    has_note = False
    for text in header:
        cells = [strip_markup(c).lower() for c in text.split("\t")]
        if "not" in cells and "\t" in text:
            note_cell = cells.index("not")
        if re.search(r"\bnot\b", strip_markup(text).lower()):
            has_note = True
    unit = next((u for u in (unit_of(strip_markup(t)) for t in header) if u), "kr")
    return StatementLayout(columns, note_cell, has_note, unit, len(header))


@dataclass
class _Row:
    label: str
    note: str | None
    values: list[ParsedNumber | None]
    line: TextLine


def _split_ocr_row(text: str, layout: StatementLayout) -> tuple[str, str | None, list[ParsedNumber | None]] | None:
    clean = strip_markup(text)
    tail = NUMERIC_TAIL.search(clean)
    if not tail:
        return None
    label = clean[: tail.start()].strip()
    run = tail.group(0)
    k = len(layout.columns)
    if layout.has_note_column:
        noted = split_noted_run(run, k)
        return (label, noted[0], list(noted[1])) if noted else None
    values = split_number_run(run, k)
    return (label, None, list(values)) if values else None


def _rows(block: list[TextLine], layout: StatementLayout) -> list[_Row | str]:
    """Data rows, and section labels (text-only lines) between them."""
    items: list[_Row | str] = []
    pending_label: str | None = None
    for line in block[layout.header_line_count :]:
        text = line.text
        clean = strip_markup(text)
        if not clean:
            continue
        if "\t" in text:
            cells = text.split("\t")
            label = strip_markup(cells[0])
            values = [
                parse_cell_amount(strip_markup(cells[c.cell_index]))
                if c.cell_index is not None and c.cell_index < len(cells)
                else None
                for c in layout.columns
            ]
            note = None
            if layout.note_cell is not None and layout.note_cell < len(cells):
                note = strip_markup(cells[layout.note_cell]) or None
            if any(values):
                items.append(_Row(label, note, values, line))
            elif label:
                items.append(label)
            continue
        split = _split_ocr_row(text, layout) if _is_data_row(text) else None
        if split is None:
            if clean[0].islower() and items and isinstance(items[-1], _Row) and pending_label is None:
                items[-1].label = f"{items[-1].label} {clean}"  # a wrapped label's second line
            else:
                if pending_label is not None:
                    items.append(pending_label)
                pending_label = clean
            continue
        label, note, values = split
        if pending_label is not None and (not label or label[0].islower()):
            label = f"{pending_label} {label}".strip()
        elif pending_label is not None:
            items.append(pending_label)
        pending_label = None
        items.append(_Row(label, note, values, line))
    if pending_label is not None:
        items.append(pending_label)
    return items


def _repair_note(printed: str) -> str | None:
    stray = sorted({c for c in printed if c in "|()"})
    if stray and not (printed.strip().startswith("(") and printed.strip().endswith(")")):
        return "removed stray " + " ".join(f"'{c}'" for c in stray) + " from the printed figure"
    return None


def _facts_from_block(
    statement: str, block: list[TextLine], meta: ReportMetadata
) -> list[StatementFact]:
    flow = statement != BALANCE_SHEET
    layout = _layout(block, flow, meta)
    if layout is None:
        return []
    vocabulary = LINE_ITEM_VOCABULARY[statement]
    multiplier = UNIT_MULTIPLIERS[layout.unit]
    facts: list[StatementFact] = []
    section: str | None = None
    order = 0
    for item in _rows(block, layout):
        if isinstance(item, str):
            section = item if statement == BALANCE_SHEET else None
            continue
        order += 1
        found = vocabulary.match(item.label)
        code, label = (found.entry[0], repaired_label(item.label, found.entry[1])) if found else (OTHER, item.label)
        for column, value in zip(layout.columns, item.values):
            if value is None:
                continue
            note = _repair_note(value.printed)
            facts.append(
                StatementFact(
                    statement=statement,
                    line_item=code,
                    label=label,
                    label_printed=item.label,
                    section=section,
                    note_ref=item.note,
                    period_start=column.period_start,
                    period_end=column.period_end,
                    is_comparative=column.period_end != meta.period_end,
                    amount_sek=(value.value * multiplier).quantize(Decimal("0.01")),
                    amount_printed=value.printed,
                    unit=layout.unit,
                    is_repaired=note is not None,
                    repair_note=note,
                    line_order=order,
                    source_page=item.line.page,
                    source_line=item.line.number,
                    raw_text=item.line.text,
                )
            )
    return facts


def read_statements(lines: list[TextLine], meta: ReportMetadata) -> list[StatementFact]:
    """Every printed figure of every statement the report has."""
    facts: list[StatementFact] = []
    done: set[str] = set()
    for i, line in enumerate(lines):
        statement = _heading_statement(line)
        if statement is None or statement in done:
            continue
        heading_rest = SECTION_NUMBER.sub("", strip_markup(line.text)).split(maxsplit=1)
        block = [TextLine(line.number, line.page, heading_rest[1] if len(heading_rest) > 1 else "")]
        for later in lines[i + 1 : i + 1 + MAX_BLOCK_LINES]:
            if _is_boundary(later, statement):
                break
            if _heading_statement(later) == statement:
                continue  # a repeated heading ("## 2. Resultaträkning" / "### Resultaträkning")
            block.append(later)
        found = _facts_from_block(statement, block, meta)
        if found:
            facts.extend(found)
            done.add(statement)
    return facts


__all__ = ["read_statements"]
