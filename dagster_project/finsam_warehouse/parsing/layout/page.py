"""A page's positioned words as text lines, with table rows as ``label<TAB>cell<TAB>…``."""

from __future__ import annotations

import re
import statistics
from collections.abc import Sequence
from dataclasses import dataclass

from finsam_warehouse.parsing.layout.columns import (
    Column,
    cluster_edges,
    place,
    split_spanning,
)
from finsam_warehouse.parsing.layout.lines import Cell, Line, group_lines, paragraph_breaks, table_lines
from finsam_warehouse.parsing.layout.settings import DEFAULT_SETTINGS, LayoutSettings
from finsam_warehouse.parsing.layout.words import Word
from finsam_warehouse.parsing.models import UnsureWord
from finsam_warehouse.parsing.numbers import two_figures

MINUS = "\\-\u2212\u2013"  # for character classes: hyphen, minus, en dash
NUMBER_CELL = re.compile(rf"^[({MINUS}]?\s?\d[\d\s\u00a0.,]*\)?\s?%?$")


@dataclass(frozen=True)
class _Grid:
    """Where a page's table cells go: its columns, the text height and the label's left edge."""

    columns: list[Column]
    tolerance: float
    label_edge: float

    def slots(self, line: Line) -> list[str]:
        label = ""
        slots = [""] * len(self.columns)
        for cell, column in place(line.cells, self.columns, self.tolerance, self.label_edge):
            if column is None or column == -1:
                label = f"{label} {cell.text}".strip()
            else:
                slots[column] = f"{slots[column]} {cell.text}".strip()
        return [label, *slots]


@dataclass(frozen=True)
class PageLine:
    """One line of a page: where it sits, its text, whether a wide gap comes before it,
    and the words with digits OCR was unsure of (as printed, with why, and their cell's text)."""

    top: float
    text: str
    after_gap: bool
    unsure: tuple[UnsureWord, ...] = ()


def lines_from_words(
    words: Sequence[Word], ocr: bool = False, settings: LayoutSettings = DEFAULT_SETTINGS
) -> list[str]:
    """A page's words as text lines; a wide vertical gap gives an empty line (see ``page_lines``)."""
    return [text for text, _ in lines_with_unsure_figures(words, ocr, settings)]


def lines_with_unsure_figures(
    words: Sequence[Word], ocr: bool = False, settings: LayoutSettings = DEFAULT_SETTINGS
) -> list[tuple[str, tuple[UnsureWord, ...]]]:
    """Each text line of ``lines_from_words`` with the words of figures OCR was unsure of."""
    text_lines: list[tuple[str, tuple[UnsureWord, ...]]] = []
    for line in page_lines(words, ocr, settings):
        if line.after_gap:
            text_lines.append(("", ()))
        text_lines.append((line.text, line.unsure))
    return text_lines


def _unsure(line: Line, settings: LayoutSettings) -> tuple[UnsureWord, ...]:
    """Each word with digits OCR read two ways or with low confidence, with its cell's text."""
    unsure = []
    for cell in line.cells or [Cell(line.words, " ".join(w.text for w in line.words))]:
        for word in cell.words:
            if not any(c.isdigit() for c in word.text):
                continue
            if word.outvoted is not None:
                why = f"read '{word.outvoted}' once and '{word.text}' twice"
                unsure.append(UnsureWord(word.text, why, cell.text))
            elif word.read_two_ways:
                why = f"read again as '{word.reread}'"
                unsure.append(UnsureWord(word.text, why, cell.text, word.reread or ""))
            elif word.confidence is not None and word.confidence < settings.ocr_unsure_figure:
                unsure.append(UnsureWord(word.text, f"{word.confidence:.0f} %", cell.text))
    return tuple(unsure)


def page_lines(words: Sequence[Word], ocr: bool = False, settings: LayoutSettings = DEFAULT_SETTINGS) -> list[PageLine]:
    """A page's words as lines of text, with table rows as ``label<TAB>cell<TAB>…``.

    Words form lines by their vertical position and cells by the gaps between
    them. The page's columns are found from the right edges of the figures
    after a label (figures are right-aligned); a header cell that runs over
    the end of such a column is cut there; dates, "Not" and words that fit no
    such column make columns of their own. Every row with cells then gives
    one tab-separated slot per column, empty where it prints nothing, so a
    table's header and rows share their cell indexes. A single-cell line
    between rows of a table keeps the slots too, and so does a header line
    over them that spans their columns; any other single-cell line is plain
    text. ``ocr`` cleans the cells of what OCR adds to them.
    """
    words = [w for w in words if w.text.strip() and w.bottom > w.top]
    if not words:
        return []
    height = statistics.median(w.height for w in words)
    tolerance = settings.column_tolerance * height
    lines = group_lines(words, height, ocr, settings)
    label_edge = min(line.cells[0].x0 for line in lines) + settings.label_indent * height
    breaks = paragraph_breaks(lines, settings)
    in_table = table_lines(lines, breaks)
    for region in _regions(in_table, breaks):
        _cut_region(lines, region, in_table, breaks, label_edge, tolerance, ocr)
    tables = _regions(in_table, breaks) if settings.columns_per_table else [[i for i, t in enumerate(in_table) if t]]
    grids: dict[int, _Grid] = {}
    for table in tables:
        grid = _grid([lines[i] for i in table], tolerance, label_edge, ocr)
        grids.update(dict.fromkeys(table, grid))
    return [
        PageLine(
            line.top,
            "\t".join(grids[i].slots(line))
            if i in grids and grids[i].columns
            else "\t".join(c.text for c in line.cells),
            breaks[i],
            _unsure(line, settings) if ocr else (),
        )
        for i, line in enumerate(lines)
    ]


def _grid(table: list[Line], tolerance: float, label_edge: float, ocr: bool) -> _Grid:
    """The columns of these table lines: where their figures end, then columns of the cells that fit none."""
    rows = [line for line in table if len(line.cells) > 1]
    figures = cluster_edges(figure_cells(rows, ocr), tolerance)
    placed = [place(line.cells, figures, tolerance, label_edge) for line in table]
    unplaced = [cell for cells in placed for cell, column in cells if column == -1]
    return _Grid(sorted(figures + cluster_edges(unplaced, tolerance), key=lambda c: c.x1), tolerance, label_edge)


def figure_cells(rows: list[Line], ocr: bool) -> list[Cell]:
    """The cells after the label that hold a figure: where they end are the columns.

    A text-layer cell holding two figures ("5 117 457 4 476 257", columns printed one
    space apart) spans two columns and is no evidence of either; OCR cells keep
    their runs (OCR loses and adds grouping spaces, so no reading is certain).
    """
    cells = [c for line in rows for c in line.cells[1:] if NUMBER_CELL.match(c.text)]
    return cells if ocr else [c for c in cells if two_figures(c.text) is None]


def _regions(in_table: list[bool], breaks: list[bool]) -> list[list[int]]:
    """Tables: runs of table lines with no paragraph gap inside."""
    regions: list[list[int]] = []
    for i, table in enumerate(in_table):
        if not table:
            continue
        if regions and regions[-1][-1] == i - 1 and not breaks[i]:
            regions[-1].append(i)
        else:
            regions.append([i])
    return regions


def _cut_region(
    lines: list[Line],
    region: list[int],
    in_table: list[bool],
    breaks: list[bool],
    label_edge: float,
    tolerance: float,
    ocr: bool,
) -> None:
    """Cut the header cells of one table that run over the end of its figure columns.

    The figure columns are this table's own (other tables on the page end their
    columns elsewhere). A single-cell line right above or below the table whose
    cell spans its columns is a header line of the table, and joins it.
    """
    rows = [lines[i] for i in region if len(lines[i].cells) > 1]
    edges = cluster_edges(figure_cells(rows, ocr), tolerance)
    if not edges:
        return
    for i in region:
        lines[i].cells = _cut_spanning(lines[i], edges, tolerance, label_edge, ocr)
    for i, step in ((region[0] - 1, -1), (region[-1] + 1, 1)):
        # Header lines over the table (or a line under it) that span its columns join it.
        while 0 <= i < len(lines) and not in_table[i] and not breaks[max(i, i - step)]:
            cells = _cut_spanning(lines[i], edges, tolerance, label_edge, ocr)
            if len(cells) < 2 or lines[i].cells[0].x0 <= label_edge:
                break
            lines[i].cells = cells
            in_table[i] = True
            i += step


def _cut_spanning(line: Line, figures: list[Column], tolerance: float, label_edge: float, ocr: bool) -> list[Cell]:
    """The line's cells, with header cells that run over the end of a figure column cut there."""
    cells: list[Cell] = []
    for cell, column in place(line.cells, figures, tolerance, label_edge):
        cells.extend([cell] if column is None else split_spanning(cell, figures, tolerance, ocr))
    return cells
