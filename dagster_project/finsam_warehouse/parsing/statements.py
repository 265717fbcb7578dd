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
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from finsam_warehouse.parsing.dates import ISO_DATE, iso_date
from finsam_warehouse.parsing.layout.header import column_headers
from finsam_warehouse.parsing.line_items import (
    BALANCE_SHEET,
    LABEL_WORD_REPAIR,
    LINE_ITEM_VOCABULARY,
    OTHER,
    SECTION_VOCABULARY,
    STATEMENT_HEADING_VOCABULARY,
)
from finsam_warehouse.parsing.lone_totals import recode_lone_totals
from finsam_warehouse.parsing.models import ReportMetadata, StatementFact, TextLine
from finsam_warehouse.parsing.numbers import (
    UNIT_MULTIPLIERS,
    ParsedNumber,
    parse_single_amount,
    split_noted_run,
    split_number_run,
    unit_of,
)
from finsam_warehouse.parsing.ocr_repair import fold, repaired_label, strip_markup
from finsam_warehouse.parsing.ocr_rows import NUMERIC_TAIL, ocr_entries
from finsam_warehouse.parsing.sign_repair import repair_note, restore_lost_signs
from finsam_warehouse.parsing.statement_columns import Column, columns_from_header, complete_period, dates_in
from finsam_warehouse.parsing.statement_tab_rows import BARE_YEAR_CELL, StatementLayout, TableRow, tab_rows

MAX_BLOCK_LINES = 120
# "2. Resultaträkning", "## 3. Balansräkning", and OCR's "3: Balansräkning" or '"2. …'.
SECTION_NUMBER = re.compile(r"^[\s\W_]*(?:#+\s*)?(?:\d+(?:[.:;]\d+)*[.:;]?\s*)")
TOC_ENTRY = re.compile(r"\.{3,}|\t\s*<?b?>?\d{1,3}\s*(</b>)?\s*$")
TOP_HEADING = re.compile(r"^\s*(?:#+\s+\S|\d+\.\s*[A-Za-zÅÄÖåäö])")


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


def _is_data_row(text: str) -> bool:
    clean = strip_markup(text)
    if not clean or dates_in(clean):
        return False
    if "\t" in text:
        cells = [strip_markup(c) for c in text.split("\t")]
        if (not cells[0] or unit_of(cells[0])) and all(BARE_YEAR_CELL.match(c) for c in cells[1:] if c):
            return False  # column headers that are years ("Belopp i tkr  2021  2020"), not figures
        return any(_holds_figures(c) for c in cells[1:])
    return bool(NUMERIC_TAIL.search(clean)) and bool(re.match(r"\s*[A-Za-zÅÄÖåäöé]", clean))


def _holds_figures(cell: str) -> bool:
    """A cell with a figure, or with two columns' figures printed too close to be parted
    ("1 005 923 1 998 034"); column headers that are years ("2021 2020") hold none."""
    if all(BARE_YEAR_CELL.match(token) for token in cell.split()):
        return False
    return parse_single_amount(cell) is not None or split_number_run(cell, 2) is not None


def _layout(block: list[TextLine], flow: bool, meta: ReportMetadata) -> StatementLayout | None:
    header: list[str] = []
    for line in block:
        if _is_data_row(line.text):
            break
        header.append(line.text)
    columns = columns_from_header(header, flow, meta)
    if not columns:
        return None
    headers = column_headers([t for t in header if "\t" in t])
    note_cell = next((h.cell for h in headers if h.role == "note" and not h.has_period), None)
    has_note = any(re.search(r"\bnot\b", strip_markup(text).lower()) for text in header)
    unit = next((u for u in (unit_of(strip_markup(t)) for t in header) if u), "kr")
    return StatementLayout(columns, note_cell, has_note, unit, len(header))


def _split_run(run: str, layout: StatementLayout) -> tuple[str | None, list[ParsedNumber]] | None:
    k = len(layout.columns)
    if layout.has_note_column:
        return split_noted_run(run, k)
    values = split_number_run(run, k)
    return (None, values) if values else None


def _rows(block: list[TextLine], layout: StatementLayout) -> list[TableRow | str]:
    """Data rows, and section labels (lines with no figures) between them."""
    body = block[layout.header_line_count :]
    if any("\t" in line.text for line in body):
        page = block[layout.header_line_count - 1].page if layout.header_line_count else None
        return tab_rows(body, layout, page)
    items: list[TableRow | str] = []
    for entry in ocr_entries(body):
        if not entry.run:
            items.append(entry.label)
            continue
        split = _split_run(entry.run, layout)
        if split is not None and entry.label:
            items.append(TableRow(entry.label, split[0], list(split[1]), entry.lines))
    return items


def _block_rows(block: list[TextLine], flow: bool, meta: ReportMetadata) -> tuple[StatementLayout, list[TableRow | str]] | None:
    """A statement printed as a column of labels followed by one block of figures per column.

    Each figure block starts with its date. Section headings in the label
    column carry no figure; they are recognised by name, and their number must
    make labels and figures pair up exactly, else the block is not read.
    """
    lines = [line for line in block if strip_markup(line.text)]
    date_at = [i for i, line in enumerate(lines) if ISO_DATE.fullmatch(strip_markup(line.text).lstrip("-"))]
    if not date_at:
        return None
    labels = [line for line in lines[: date_at[0]] if not NUMERIC_TAIL.search(strip_markup(line.text))]
    labels = [line for line in labels if fold(line.text) not in ("", "not")]
    blocks: list[tuple[date, list[tuple[TextLine, ParsedNumber]]]] = []
    for n, start in enumerate(date_at):
        end = date_at[n + 1] if n + 1 < len(date_at) else len(lines)
        figures = []
        for line in lines[start + 1 : end]:
            number = split_number_run(strip_markup(line.text), 1)
            if number is None or re.search(r"[A-Za-zÅÄÖåäö]", line.text):
                return None
            figures.append((line, number[0]))
        blocks.append((iso_date(strip_markup(lines[start].text).lstrip("-")), figures))  # type: ignore[arg-type]
    counts = {len(figures) for _, figures in blocks}
    if len(labels) < 3 or len(counts) != 1:
        return None
    sections = [
        line
        for line in labels
        if SECTION_VOCABULARY.match(strip_markup(line.text)) and not fold(line.text).startswith("summa")
    ]
    if len(labels) - len(sections) != counts.pop():
        return None
    columns = [complete_period(Column(None, day, None), flow, meta) for day, _ in blocks]
    unit = next((u for u in (unit_of(strip_markup(line.text)) for line in block[:3]) if u), "kr")
    layout = StatementLayout(columns, None, False, unit, 0)
    items: list[TableRow | str] = []
    index = 0
    for line in labels:
        if line in sections:
            items.append(strip_markup(line.text))
            continue
        values = [figures[index][1] for _, figures in blocks]
        provenance = [figures[index][0] for _, figures in blocks]
        items.append(TableRow(strip_markup(line.text), None, list(values), [line, *provenance]))
        index += 1
    return layout, items


@dataclass(frozen=True)
class Table:
    layout: StatementLayout
    items: list[TableRow | str]  # rows, and the section labels between them
    labels_then_figures: bool  # True where each column was printed as its own block


def read_table(block: list[TextLine], flow: bool, meta: ReportMetadata) -> Table | None:
    """The columns and rows of a statement-like table (statements and notes)."""
    found = _block_rows(block, flow, meta)
    if found is not None:
        return Table(found[0], found[1], True)
    layout = _layout(block, flow, meta)
    if layout is None:
        return None
    return Table(layout, _rows(block, layout), False)


def _facts_from_block(
    statement: str, block: list[TextLine], meta: ReportMetadata
) -> list[StatementFact]:
    table = read_table(block, statement != BALANCE_SHEET, meta)
    if table is None:
        return []
    layout, items, found = table.layout, table.items, table.labels_then_figures
    vocabulary = LINE_ITEM_VOCABULARY[statement]
    multiplier = UNIT_MULTIPLIERS[layout.unit]
    facts: list[StatementFact] = []
    section: str | None = None
    order = 0
    for item in items:
        if isinstance(item, str):
            known = SECTION_VOCABULARY.match(item)
            section = (repaired_label(item, known.entry) if known else item) if statement == BALANCE_SHEET else None
            continue
        order += 1
        match = vocabulary.match(item.label)
        if match:
            code, label = match.entry[0], repaired_label(item.label, match.entry[1])
        else:
            code, label = OTHER, LABEL_WORD_REPAIR.repair(item.label)
        for n, (column, value) in enumerate(zip(layout.columns, item.values)):
            if value is None:
                continue
            line, raw_text = item.source(n, found)
            note = repair_note(value.printed)
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
                    source_page=line.page,
                    source_line=line.number,
                    raw_text=raw_text,
                )
            )
    return recode_lone_totals(statement, restore_lost_signs(statement, facts))


def _after_heading(line: TextLine) -> TextLine:
    """The heading line without its heading word: what remains are column headers, if any."""
    rest = SECTION_NUMBER.sub("", strip_markup(line.text)).split(maxsplit=1)
    return TextLine(line.number, line.page, rest[1] if len(rest) > 1 else "")


def statement_blocks(lines: list[TextLine]) -> Iterator[tuple[str, TextLine, list[TextLine]]]:
    """(statement, heading line, its block) for every heading of a statement, in order."""
    for i, line in enumerate(lines):
        statement = _heading_statement(line)
        if statement is None:
            continue
        block = [_after_heading(line)]
        for later in lines[i + 1 : i + 1 + MAX_BLOCK_LINES]:
            if _is_boundary(later, statement):
                break
            if _heading_statement(later) == statement:
                # A repeated heading ("## 2. Resultaträkning" / "### Resultaträkning"),
                # maybe with column headers after it ("Resultaträkning Not 2020-01-01").
                block.append(_after_heading(later))
                continue
            block.append(later)
        yield statement, line, block


def read_statements(lines: list[TextLine], meta: ReportMetadata) -> list[StatementFact]:
    """Every printed figure of every statement the report has."""
    facts: list[StatementFact] = []
    done: set[str] = set()
    for statement, _, block in statement_blocks(lines):
        if statement in done:
            continue
        found = _facts_from_block(statement, block, meta)
        if found:
            facts.extend(found)
            done.add(statement)
    return facts


__all__ = ["read_statements", "statement_blocks"]
