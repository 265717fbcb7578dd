"""What the parser read of each section, and the lines with figures it did not read.

A section is a statement (found by its heading) or the notes. For the block the
statements reader took (the first heading whose table gave rows), every line
with figures is either part of a row that became facts or an unread line. Lines
with figures outside the rows read (prose after the table, page footers) count
only if they look like rows of the statement: a known label or a Summa.
A section whose heading was found but whose table gave nothing is reported
with its lines with figures, all unread. Nothing here changes what is read.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from finsam_warehouse.parsing.dates import ISO_DATE
from finsam_warehouse.parsing.line_items import BALANCE_SHEET, LINE_ITEM_VOCABULARY, OTHER
from finsam_warehouse.parsing.models import ReportMetadata, SectionCoverage, StatementFact, TextLine, UnreadLine
from finsam_warehouse.parsing.notes import NoteBlock, note_blocks, note_table
from finsam_warehouse.parsing.numbers import parse_single_amount, split_number_run
from finsam_warehouse.parsing.ocr_repair import fold, strip_markup
from finsam_warehouse.parsing.statements import NUMERIC_TAIL, Table, TableRow, read_table, statement_blocks

NOTES = "notes"
STATEMENT_SECTIONS = ("income_statement", "balance_sheet", "cash_flow")
REQUIRED_SECTIONS = {
    "annual": ("income_statement", "balance_sheet", "cash_flow", NOTES),
    "interim": ("income_statement", "balance_sheet"),
}
# "Sida 4", "4 (12)", "- 4 -", "4/12": page numbers, never figures.
PAGE_FOOTER = re.compile(r"^\W*(?:sida|page|s\.)?\s*\d{1,3}(?:\s*(?:\(|av|/)\s*\d{1,3}\)?)?\W*$", re.IGNORECASE)
MAX_UNREAD_PER_SECTION = 60
GLUED_LABEL = re.compile(r"[^\W\d_]\d[\d ]*$")  # "kostnader1" or "kostnader1 222"
YEAR = re.compile(r"(?:19|20)\d\d")  # a column header "2023", never a figure

NOT_SPLIT = "figures not split into the table's columns"
SECTION_UNREAD = "the section's table was not read"
NOTE_UNREAD = "the note's table was not read"
GLUED = "a column's figure ran into the label"


@dataclass(frozen=True)
class _BlockReading:
    heading: TextLine
    figure_lines: list[TextLine]  # lines with figures in the table's body
    read: set[int]  # line numbers of the rows read
    unread: list[TextLine]


def _label(line: TextLine) -> str:
    text = strip_markup(line.text)
    if "\t" in line.text:
        return strip_markup(line.text.split("\t")[0])
    tail = NUMERIC_TAIL.search(text)
    return (text[: tail.start()] if tail else text).strip()


def has_figures(line: TextLine) -> bool:
    """A line with an amount after its label (or in a cell), not a date or page number."""
    clean = strip_markup(line.text)
    if not clean or ISO_DATE.search(clean) or PAGE_FOOTER.match(clean):
        return False
    if "\t" in line.text:
        amounts = [strip_markup(cell) for cell in line.text.split("\t")[1:]]
        amounts = [cell for cell in amounts if parse_single_amount(cell)]
        return bool(amounts) and not (not _label(line) and all(YEAR.fullmatch(cell) for cell in amounts))
    tail = NUMERIC_TAIL.search(clean)
    return bool(tail) and not (not _label(line) and all(YEAR.fullmatch(w) for w in tail.group(0).split()))


def _row_like(line: TextLine, statement: str | None) -> bool:
    """A line a statement or note table would have: a Summa, a known label, or figures whose label was lost."""
    label = _label(line)
    if fold(label).startswith("summa") or (not label and _table_like(line)):
        return True
    if statement in LINE_ITEM_VOCABULARY and label:
        match = LINE_ITEM_VOCABULARY[statement].match(label)
        return bool(match and match.entry[0] != OTHER)
    return False


def _table_like(line: TextLine) -> bool:
    """A row of at least two figures: what a table the parser could not read would print."""
    if not has_figures(line):
        return False
    if "\t" in line.text:
        return sum(1 for cell in line.text.split("\t")[1:] if parse_single_amount(strip_markup(cell))) >= 2
    tail = NUMERIC_TAIL.search(strip_markup(line.text))
    return bool(tail and _label(line) and split_number_run(tail.group(0).strip(), 2))


def _read_block(heading: TextLine, block: list[TextLine], table: Table | None, statement: str | None) -> _BlockReading:
    rows = [item for item in (table.items if table else []) if isinstance(item, TableRow)]
    read = {line.number for row in rows for line in row.lines}
    body = block[table.layout.header_line_count :] if table else block
    figure_lines = [line for line in body if line.text and has_figures(line)]
    if not read:
        return _BlockReading(heading, figure_lines, read, figure_lines)
    first, last = min(read), max(read)
    unread = [
        line
        for line in figure_lines
        if line.number not in read and (first <= line.number <= last or _row_like(line, statement))
    ]
    # A row whose figure ran into the label ("…kostnader1 222 461"): a column empty, or split wrong.
    glued = [
        row.lines[0]
        for row in rows
        if (None in row.values and NUMERIC_TAIL.search(row.label)) or GLUED_LABEL.search(row.label)
    ]
    return _BlockReading(heading, figure_lines, read, sorted(unread + glued, key=lambda line: line.number))


def _statement_reading(statement: str, lines: list[TextLine], meta: ReportMetadata) -> _BlockReading | None:
    """The block the statements reader took, else the heading with most lines with figures."""
    candidates: list[_BlockReading] = []
    for found, heading, block in statement_blocks(lines):
        if found != statement:
            continue
        reading = _read_block(heading, block, read_table(block, statement != BALANCE_SHEET, meta), statement)
        if reading.read:
            return reading
        candidates.append(reading)
    return max(candidates, key=lambda r: len(r.figure_lines), default=None)


def _coverage(section: str, required: bool, reading: _BlockReading | None, read_count: int) -> SectionCoverage:
    unread = len(reading.unread) if reading else 0
    return SectionCoverage(
        section=section,
        is_required=required,
        is_found=reading is not None,
        heading_page=reading.heading.page if reading else None,
        heading_line=reading.heading.number if reading else None,
        heading_text=strip_markup(reading.heading.text) if reading else None,
        lines_with_figures=read_count + unread,
        lines_read=read_count,
    )


def _unread_line(section: str, note: str | None, line: TextLine, reason: str) -> UnreadLine:
    return UnreadLine(section, note, _label(line), reason, line.page, line.number, line.text)


def _reason(reading: _BlockReading, line: TextLine, unread_table: str = SECTION_UNREAD) -> str:
    if not reading.read:
        return unread_table
    return GLUED if line.number in reading.read else NOT_SPLIT


def _read_figure_count(reading: _BlockReading) -> int:
    unread = {line.number for line in reading.unread}
    return sum(1 for line in reading.figure_lines if line.number in reading.read and line.number not in unread)


def _note_reading(
    note: NoteBlock, meta: ReportMetadata, facts: list[StatementFact], read_elsewhere: set[int]
) -> _BlockReading:
    reading = _read_block(note.heading, note.lines, note_table(note, meta, facts), None)
    if reading.read:
        return reading
    # No table read: a note printing rows of figures no other reader took is a table we missed.
    table_rows = [line for line in reading.figure_lines if _table_like(line) and line.number not in read_elsewhere]
    return _BlockReading(note.heading, table_rows, set(), table_rows if len(table_rows) >= 2 else [])


def _notes_coverage(
    lines: list[TextLine], meta: ReportMetadata, facts: list[StatementFact], required: bool, read_elsewhere: set[int]
) -> tuple[SectionCoverage | None, list[UnreadLine]]:
    readings = [(note, _note_reading(note, meta, facts, read_elsewhere)) for note in note_blocks(lines)]
    if not readings:
        return (_coverage(NOTES, True, None, 0), []) if required else (None, [])
    unread: list[UnreadLine] = []
    for note, reading in readings:
        unread += [
            _unread_line(NOTES, note.number, line, _reason(reading, line, NOTE_UNREAD))
            for line in reading.unread[:MAX_UNREAD_PER_SECTION]
        ]
    read_count = sum(_read_figure_count(reading) for _, reading in readings)
    coverage = _coverage(NOTES, required, readings[0][1], read_count)
    return replace(coverage, lines_with_figures=read_count + len(unread)), unread


def read_coverage(
    lines: list[TextLine], meta: ReportMetadata, facts: list[StatementFact], read_elsewhere: set[int]
) -> tuple[list[SectionCoverage], list[UnreadLine]]:
    """Per section: found or not, lines with figures read; and the lines not read.

    ``read_elsewhere``: line numbers other readers (budget tables, participants) took.
    """
    required = REQUIRED_SECTIONS.get(meta.report_type, ())
    sections: list[SectionCoverage] = []
    unread: list[UnreadLine] = []
    for statement in STATEMENT_SECTIONS:
        reading = _statement_reading(statement, lines, meta)
        if reading is None and statement not in required:
            continue
        read_count = _read_figure_count(reading) if reading else 0
        sections.append(_coverage(statement, statement in required, reading, read_count))
        if reading is not None:
            unread += [
                _unread_line(statement, None, line, _reason(reading, line)) for line in reading.unread[:MAX_UNREAD_PER_SECTION]
            ]
    notes, note_unread = _notes_coverage(lines, meta, facts, NOTES in required, read_elsewhere)
    if notes is not None:
        sections.append(notes)
    return sections, unread + note_unread
