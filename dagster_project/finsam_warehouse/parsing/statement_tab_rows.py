"""Statement table rows printed as tab-separated cells (text layer, layout engine).

Each row is a label cell and one cell per column; a row of a later page keeps
the header's columns in printed order. Where a word processor or a narrow
label column bends a row (a label wrapped within its cell, a label run past
the first tab stop), the row is mended here; where a figure cannot be placed
in a column for certain, it is not read.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from finsam_warehouse.parsing.layout.header import column_headers
from finsam_warehouse.parsing.line_items import LABEL_CONTINUATION_WORDS, SECTION_VOCABULARY
from finsam_warehouse.parsing.models import TextLine
from finsam_warehouse.parsing.numbers import ParsedNumber, every_split, parse_single_amount, split_number_run
from finsam_warehouse.parsing.ocr_repair import strip_markup
from finsam_warehouse.parsing.ocr_rows import NUMERIC_TAIL
from finsam_warehouse.parsing.statement_columns import Column

BARE_YEAR_CELL = re.compile(r"^\s*(?:19|20)\d{2}\s*$")
# A figure at the end of a label cell, maybe glued to its last word ("kostnader1 222 461").
GLUED_FIGURE = re.compile(r"(?<=[A-Za-zÅÄÖåäöé])\s*([-\u2212\u2013]?\d{1,3}(?: \d{3})*)\s*$")


@dataclass(frozen=True)
class StatementLayout:
    columns: list[Column]
    note_cell: int | None
    has_note_column: bool
    unit: str
    header_line_count: int


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


def _opens_other_table(line: TextLine) -> bool:
    """A header row of another table ("Verksamhet  Utfall  Budget  Avvikelse"): every
    column header it prints has a role a statement's columns never have."""
    headers = column_headers([line.text]) if "\t" in line.text else []
    return len(headers) >= 2 and all(h.role not in (None, "note") for h in headers)


def _continued(line: TextLine, layout: StatementLayout) -> StatementLayout:
    """The layout of a table row on a later page than its header.

    Serves tables continued over a page break: each page's cells are slotted
    by that page's own columns, so the header's cell indexes do not hold there.
    The header's columns are printed in the same order (also where the header
    page printed two in one cell), so a row whose figure cells are exactly as
    many as the columns gives them in that order, and a
    row whose one figure cell holds them all (that page printed the columns too
    close to part) gives them in that order where its digit grouping splits
    only one way; any other row is not read (no column can be told for it).
    """
    cells = [strip_markup(c) for c in line.text.split("\t")]
    figures = [i for i, c in enumerate(cells) if i > 0 and parse_single_amount(c)]
    columns = _in_printed_order(layout.columns)
    if len(figures) == len(columns):
        where = {id(c): (i, 0, 1) for c, i in zip(columns, figures)}
    elif (
        len(columns) > 1 and (shared := _only_figure_cell(cells)) and len(every_split(cells[shared], len(columns))) == 1
    ):
        where = {id(c): (shared, part, len(columns)) for part, c in enumerate(columns)}
    else:
        return replace(layout, columns=[replace(c, cell_index=None) for c in layout.columns], note_cell=None)
    placed = [
        replace(c, cell_index=where[id(c)][0], part=where[id(c)][1], parts=where[id(c)][2]) for c in layout.columns
    ]
    return replace(layout, columns=placed, note_cell=None)


def _in_printed_order(columns: list[Column]) -> list[Column]:
    """The columns left to right: by cell, and within a cell shared by several, by part."""
    return sorted(columns, key=lambda c: (c.cell_index or 0, c.part))


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
    columns = _in_printed_order(layout.columns)
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


def tab_rows(body: list[TextLine], layout: StatementLayout, header_page: int | None) -> list[TableRow | str]:
    """Data rows, and section labels (lines with no figures) between them, up to another table's header row."""
    body = body[: next((i for i, line in enumerate(body) if _opens_other_table(line)), len(body))]
    rows = ((line, _tab_row(line, layout if line.page == header_page else _continued(line, layout))) for line in body)
    return _join_wrapped_labels(_label_orphan_figures([(line, item) for line, item in rows if item]))


def _label_orphan_figures(rows: list[tuple[TextLine, TableRow | str]]) -> list[tuple[TextLine, TableRow | str]]:
    """A row of figures with no label takes the label of the label-only line next to it.

    Serves scans whose OCR sets a row's label a little above or below its
    figures, as two lines ("Årets resultat" / "163551  254688"). A section
    heading is never taken; where both neighbours could be the label, or
    neither, the row is not read (its line is left unread, and said so).
    """
    taken: set[int] = set()
    labelled: dict[int, tuple[TextLine, TableRow | str]] = {}
    for i, (line, item) in enumerate(rows):
        if not isinstance(item, TableRow) or item.label:
            continue
        taken.add(i)
        near = [
            j
            for j in (i - 1, i + 1)
            if 0 <= j < len(rows) and j not in taken and isinstance(rows[j][1], str) and not _is_section(rows[j][1])
        ]
        if len(near) == 1:
            (j,) = near
            label_line, label = rows[j]
            taken.add(j)
            labelled[i] = (
                line,
                replace(item, label=str(label), lines=sorted([label_line, line], key=lambda x: x.number)),
            )
    return [labelled.get(i, row) for i, row in enumerate(rows) if i in labelled or i not in taken]


def _is_section(label: str) -> bool:
    return SECTION_VOCABULARY.match(label) is not None


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
