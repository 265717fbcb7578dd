"""Notes to the accounts (Noter): their line items, and the statement line each explains.

A note opens with "Not 2 Verksamhetens intäkter" (or "Not 2."); its table has
dated columns like a statement. The note explains the statement line whose
label its title names, or else the line that refers to it by number.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from finsam_warehouse.parsing.line_items import (
    BALANCE_SHEET,
    INCOME_STATEMENT,
    LABEL_WORD_REPAIR,
    LINE_ITEM_VOCABULARY,
    OTHER,
)
from finsam_warehouse.parsing.models import ReportMetadata, StatementFact, TextLine
from finsam_warehouse.parsing.numbers import UNIT_MULTIPLIERS
from finsam_warehouse.parsing.ocr_repair import fold, strip_markup
from finsam_warehouse.parsing.statements import TOP_HEADING, Table, read_table

NOTE_HEADING = re.compile(r"^\s*Not\s+(?P<number>\d{1,2})\.?\s+(?P<title>[A-Za-zÅÄÖåäö].*)$")
MAX_NOTE_LINES = 60


def _explained_line(
    number: str, title: str, facts: list[StatementFact]
) -> tuple[str | None, str | None]:
    """(statement, line_item) the note explains: by its title, else by the reference to it."""
    for statement in (INCOME_STATEMENT, BALANCE_SHEET):
        match = LINE_ITEM_VOCABULARY[statement].match(title)
        if match and match.entry[0] != OTHER:
            return statement, match.entry[0]
    for fact in facts:
        if fact.note_ref == number:
            return fact.statement, fact.line_item
    return None, None


@dataclass(frozen=True)
class NoteBlock:
    number: str
    title: str
    heading: TextLine
    lines: list[TextLine]  # an empty line in place of the heading, then the note's lines


def note_blocks(lines: list[TextLine]) -> Iterator[NoteBlock]:
    """Every note heading with the lines up to the next note or top heading."""
    for i, line in enumerate(lines):
        heading = NOTE_HEADING.match(strip_markup(line.text))
        if not heading:
            continue
        block: list[TextLine] = [TextLine(line.number, line.page, "")]
        for later in lines[i + 1 : i + 1 + MAX_NOTE_LINES]:
            text = strip_markup(later.text)
            if NOTE_HEADING.match(text) or (TOP_HEADING.match(later.text) and not re.search(r"\d{3}", text[3:])):
                break
            block.append(later)
        yield NoteBlock(heading["number"], heading["title"].strip(), line, block)


def note_table(note: NoteBlock, meta: ReportMetadata, facts: list[StatementFact]) -> Table | None:
    """The note's dated table, read like the statement it explains."""
    statement, _ = _explained_line(note.number, note.title, facts)
    return read_table(note.lines, statement != BALANCE_SHEET, meta)


def read_notes(lines: list[TextLine], meta: ReportMetadata, facts: list[StatementFact]) -> list[dict[str, Any]]:
    """Every line item of every note that has a dated table."""
    rows: list[dict[str, Any]] = []
    for note in note_blocks(lines):
        number, title = note.number, note.title
        statement, line_item = _explained_line(number, title, facts)
        table = note_table(note, meta, facts)
        if table is None:
            continue
        multiplier = UNIT_MULTIPLIERS[table.layout.unit]
        order = 0
        for item in table.items:
            if isinstance(item, str):
                continue
            order += 1
            for n, (column, value) in enumerate(zip(table.layout.columns, item.values)):
                if value is None:
                    continue
                source, raw_text = item.source(n, table.labels_then_figures)
                rows.append(
                    {
                        "note_number": number,
                        "note_title": title,
                        "explains_statement": statement,
                        "explains_line_item": line_item,
                        "label": LABEL_WORD_REPAIR.repair(item.label),
                        "label_printed": item.label,
                        "is_total": fold(item.label).startswith("summa"),
                        "period_start": column.period_start,
                        "period_end": column.period_end,
                        "is_comparative": column.period_end != meta.period_end,
                        "amount_sek": (value.value * multiplier).quantize(Decimal("0.01")),
                        "amount_printed": value.printed,
                        "line_order": order,
                        "source_page": source.page,
                        "source_line": source.number,
                        "raw_text": raw_text,
                    }
                )
    return rows
