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
from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal

from finsam_warehouse.parsing.dates import ISO_DATE, iso_date
from finsam_warehouse.parsing.layout.header import column_headers
from finsam_warehouse.parsing.line_items import (
    BALANCE_SHEET,
    LABEL_CONTINUATION_WORDS,
    LABEL_WORD_REPAIR,
    LINE_ITEM_VOCABULARY,
    OTHER,
    SECTION_VOCABULARY,
    STATEMENT_HEADING_VOCABULARY,
)
from finsam_warehouse.parsing.models import ReportMetadata, StatementFact, TextLine
from finsam_warehouse.parsing.numbers import (
    UNIT_MULTIPLIERS,
    ParsedNumber,
    every_split,
    parse_single_amount,
    split_noted_run,
    split_number_run,
    unit_of,
)
from finsam_warehouse.parsing.ocr_repair import fold, repaired_label, strip_markup
from finsam_warehouse.parsing.ocr_rows import NUMERIC_TAIL, ocr_entries
from finsam_warehouse.parsing.sign_repair import repair_note, restore_lost_signs
from finsam_warehouse.parsing.statement_columns import Column, columns_from_header, complete_period, dates_in

MAX_BLOCK_LINES = 120
# "2. Resultaträkning", "## 3. Balansräkning", and OCR's "3: Balansräkning" or '"2. …'.
SECTION_NUMBER = re.compile(r"^[\s\W_]*(?:#+\s*)?(?:\d+(?:[.:;]\d+)*[.:;]?\s*)")
BARE_YEAR_CELL = re.compile(r"^\s*(?:19|20)\d{2}\s*$")
TOC_ENTRY = re.compile(r"\.{3,}|\t\s*<?b?>?\d{1,3}\s*(</b>)?\s*$")
# A figure at the end of a label cell, maybe glued to its last word ("kostnader1 222 461").
GLUED_FIGURE = re.compile(r"(?<=[A-Za-zÅÄÖåäöé])\s*([-\u2212\u2013]?\d{1,3}(?: \d{3})*)\s*$")
TOP_HEADING = re.compile(r"^\s*(?:#+\s+\S|\d+\.\s*[A-Za-zÅÄÖåäö])")


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


@dataclass
class TableRow:
    label: str
    note: str | None
    values: list[ParsedNumber | None]
    lines: list[TextLine]

    def source(self, column: int, labels_then_figures: bool) -> tuple[TextLine, str]:
        """The line a column's figure was printed on, and the raw text to keep."""
        if labels_then_figures:  # the label line, then one figure line per column
            line = self.lines[1 + column]
            return line, f"{self.lines[0].text} | {line.text}"
        # A wrapped row points at its first line with figures.
        line = next((x for x in self.lines if NUMERIC_TAIL.search(strip_markup(x.text))), self.lines[0])
        return line, "\n".join(x.text for x in self.lines)


def _split_run(run: str, layout: StatementLayout) -> tuple[str | None, list[ParsedNumber]] | None:
    k = len(layout.columns)
    if layout.has_note_column:
        return split_noted_run(run, k)
    values = split_number_run(run, k)
    return (None, values) if values else None


def _opens_other_table(line: TextLine) -> bool:
    """A header row of another table ("Verksamhet  Utfall  Budget  Avvikelse"): every
    column header it prints has a role a statement's columns never have."""
    headers = column_headers([line.text]) if "\t" in line.text else []
    return len(headers) >= 2 and all(h.role not in (None, "note") for h in headers)


def _continued(line: TextLine, layout: StatementLayout) -> StatementLayout:
    """The layout of a table row on a later page than its header.

    Serves tables continued over a page break: each page's cells are slotted
    by that page's own columns, so the header's cell indexes do not hold there.
    The header's columns are printed in the same order, so a row whose figure
    cells are exactly as many as the columns gives them in that order, and a
    row whose one figure cell holds them all (that page printed the columns too
    close to part) gives them in that order where its digit grouping splits
    only one way; any other row is not read (no column can be told for it).
    """
    cells = [strip_markup(c) for c in line.text.split("\t")]
    figures = [i for i, c in enumerate(cells) if i > 0 and parse_single_amount(c)]
    columns = sorted(layout.columns, key=lambda c: (c.cell_index or 0, c.part))
    if any(c.parts > 1 for c in columns):
        figures = []
    if len(figures) == len(columns):
        where = {id(c): (i, 0, 1) for c, i in zip(columns, figures)}
    elif len(columns) > 1 and (shared := _only_figure_cell(cells)) and len(every_split(cells[shared], len(columns))) == 1:
        where = {id(c): (shared, part, len(columns)) for part, c in enumerate(columns)}
    else:
        return replace(layout, columns=[replace(c, cell_index=None) for c in layout.columns], note_cell=None)
    placed = [replace(c, cell_index=where[id(c)][0], part=where[id(c)][1], parts=where[id(c)][2]) for c in layout.columns]
    return replace(layout, columns=placed, note_cell=None)


def _only_figure_cell(cells: list[str]) -> int | None:
    """The one cell after the label that holds digits, if exactly one does."""
    with_digits = [i for i, c in enumerate(cells) if i > 0 and re.search(r"\d", c)]
    return with_digits[0] if len(with_digits) == 1 else None


def _tab_row(line: TextLine, layout: StatementLayout) -> TableRow | str | None:
    cells = _overrun_label(line.text.split("\t"), layout)
    label = strip_markup(cells[0])
    shared_fits = _fits_shared_cells(cells, layout)
    values = [_cell_value(cells, c) if c.parts == 1 or shared_fits else None for c in layout.columns]
    note = None
    if layout.note_cell is not None and layout.note_cell < len(cells):
        note = strip_markup(cells[layout.note_cell]) or None
    if any(values):
        return TableRow(label, note, values, [line])
    return label or None


def _overrun_label(cells: list[str], layout: StatementLayout) -> list[str]:
    """The cells with a figure printed in the label's cell moved to the first column's.

    Serves tab-stop layouts (word processors) where a long label runs past the
    first column's tab stop, so that column's figure lands in the label cell
    ("Förutbetalda intäkter och upplupna kostnader1 222 461", the next cell
    empty). Moved only where the first column's cell is empty and every other
    column's cell holds a figure.
    """
    columns = sorted(layout.columns, key=lambda c: (c.cell_index or 0, c.part))
    if len(columns) < 2 or any(c.parts > 1 or not c.cell_index for c in columns):
        return cells
    label = strip_markup(cells[0])
    glued = GLUED_FIGURE.search(label)
    if not glued or BARE_YEAR_CELL.match(glued.group(1)) or parse_single_amount(glued.group(1)) is None:
        return cells

    def cell(index: int) -> str:
        return strip_markup(cells[index]) if index < len(cells) else ""

    first = columns[0].cell_index or 0
    if cell(first) or not all(parse_single_amount(cell(c.cell_index or 0)) for c in columns[1:]):
        return cells
    moved = cells + [""] * (first + 1 - len(cells))
    moved[0], moved[first] = label[: glued.start(1)].rstrip(), glued.group(1)
    return moved


def _fits_shared_cells(cells: list[str], layout: StatementLayout) -> bool:
    """Does a row print its figures only in the header's cells? A row that prints a
    figure elsewhere (a table continued on a page laid out otherwise) cannot tell
    which of a shared cell's columns its figures belong to."""
    known = {c.cell_index for c in layout.columns} | {0, layout.note_cell}
    return not any(parse_single_amount(strip_markup(c)) for i, c in enumerate(cells) if i not in known)


def _cell_value(cells: list[str], column: Column) -> ParsedNumber | None:
    """A column's figure in a tab row; a cell shared by several columns is split by its digit grouping.

    Serves tables whose columns were printed too close to be parted (narrow
    columns, long figures: "9 030 876 13 545 956"). Where no split is certain
    the figures are not read.
    """
    if column.cell_index is None or column.cell_index >= len(cells):
        return None
    cell = strip_markup(cells[column.cell_index])
    if column.parts == 1:
        return parse_single_amount(cell)
    split = split_number_run(cell, column.parts)
    return split[column.part] if split else None


def _rows(block: list[TextLine], layout: StatementLayout) -> list[TableRow | str]:
    """Data rows, and section labels (lines with no figures) between them."""
    body = block[layout.header_line_count :]
    if any("\t" in line.text for line in body):
        page = block[layout.header_line_count - 1].page if layout.header_line_count else None
        body = body[: next((i for i, line in enumerate(body) if _opens_other_table(line)), len(body))]
        rows = ((line, _tab_row(line, layout if line.page == page else _continued(line, layout))) for line in body)
        return _join_wrapped_labels([(line, item) for line, item in rows if item])
    items: list[TableRow | str] = []
    for entry in ocr_entries(body):
        if not entry.run:
            items.append(entry.label)
            continue
        split = _split_run(entry.run, layout)
        if split is not None and entry.label:
            items.append(TableRow(entry.label, split[0], list(split[1]), entry.lines))
    return items


def _join_wrapped_labels(rows: list[tuple[TextLine, TableRow | str]]) -> list[TableRow | str]:
    """Join a label wrapped within its cell: a line whose label starts in lower case
    continues the one above (``_continues``), where one of the two holds no figures.

    Serves narrow label columns (HTML and word-processor tables) that print a
    row's figures on its label's last line ("Resultat efter finansiella" /
    "poster  -158 071") or on its first. Two rows with figures are never joined
    ("varav …" lines). The OCR route joins wrapped rows alike (``ocr_entries``).
    """
    joined: list[TableRow | str] = []
    lines: list[list[TextLine]] = []
    for line, item in rows:
        label = item.label if isinstance(item, TableRow) else item
        above = joined[-1] if joined else None
        if above is None or not _continues(label) or (isinstance(above, TableRow) and isinstance(item, TableRow)):
            joined.append(item)
            lines.append([line])
            continue
        lines[-1].append(line)
        if isinstance(above, TableRow):
            joined[-1] = replace(above, label=f"{above.label} {label}", lines=lines[-1])
        elif isinstance(item, TableRow):
            joined[-1] = replace(item, label=f"{above} {label}", lines=lines[-1])
        else:
            joined[-1] = f"{above} {label}"
    return joined


def _continues(label: str) -> bool:
    """Does a label continue the one above: it starts in lower case, or, in capitals, with a connective ("OCH")."""
    words = label.split()
    return label[:1].islower() or (label.isupper() and bool(words) and words[0].lower() in LABEL_CONTINUATION_WORDS)


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
    return restore_lost_signs(statement, facts)


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
