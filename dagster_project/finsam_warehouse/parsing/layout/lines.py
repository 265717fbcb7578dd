"""Words into lines, lines into cells, and which lines form a table.

Words share a line by their vertical centre; a gap wide compared with the text
height ends a cell. A line with more than one cell is a table row.
"""

from __future__ import annotations

import re
import statistics
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cached_property

from finsam_warehouse.parsing.layout.ocr_cells import clean_ocr_cell
from finsam_warehouse.parsing.layout.settings import LayoutSettings
from finsam_warehouse.parsing.layout.words import Word


# A word that is a whole date or year ("2020-06-30", "2024").
PERIOD_WORD = re.compile(r"^(?:19|20)\d{2}(?:-\d{2}-\d{2})?$")


@dataclass
class Cell:
    words: list[Word]
    text: str = ""

    @property
    def x0(self) -> float:
        return self.words[0].x0

    @property
    def x1(self) -> float:
        return self.words[-1].x1


@dataclass
class Line:
    """A line of words; its geometry is read once all its words are in."""

    words: list[Word]
    cells: list[Cell] = field(default_factory=list)

    @cached_property
    def top(self) -> float:
        return min(w.top for w in self.words)

    @cached_property
    def bottom(self) -> float:
        return max(w.bottom for w in self.words)

    @cached_property
    def height(self) -> float:
        return statistics.median(w.height for w in self.words)


def group_lines(words: Sequence[Word], height: float, ocr: bool, settings: LayoutSettings) -> list[Line]:
    """Words into lines: sorted by their vertical centre, a line takes the words close to its own."""
    lines: list[Line] = []
    centres: list[float] = []
    for word in sorted(words, key=lambda w: (w.middle, w.x0)):
        if lines and abs(word.middle - centres[-1]) <= settings.row_tolerance * height:
            lines[-1].words.append(word)
            centres[-1] = statistics.fmean(w.middle for w in lines[-1].words)
        else:
            lines.append(Line([word]))
            centres.append(word.middle)
    for line in lines:
        line.words.sort(key=lambda w: w.x0)
        line.cells = split_cells(line.words, line.height, ocr, settings)
    return lines


def split_cells(words: Sequence[Word], height: float, ocr: bool, settings: LayoutSettings) -> list[Cell]:
    """Cells of a line's words: a gap wide compared with the text height ends a cell.

    So does a date or year right after another: column headers printed close
    together ("2020-06-30 2019-12-31" in space-aligned text) are two columns.
    """
    limit = settings.cell_gap * height
    cells = [Cell([words[0]])]
    for word in words[1:]:
        previous = cells[-1].words[-1]
        if word.x0 - cells[-1].x1 > limit or (PERIOD_WORD.match(previous.text) and PERIOD_WORD.match(word.text)):
            cells.append(Cell([word]))
        else:
            cells[-1].words.append(word)
    for n, cell in enumerate(cells):
        cell.text = cell_text(cell.words, ocr, first=n == 0)
    return cells


def cell_text(words: Sequence[Word], ocr: bool, first: bool) -> str:
    text = " ".join(w.text for w in words)
    return clean_ocr_cell(text, first) if ocr else text


def paragraph_breaks(lines: list[Line], settings: LayoutSettings) -> list[bool]:
    """For each line: is there an empty line (a wide vertical gap) before it?"""
    return [
        i > 0
        and line.top - lines[i - 1].bottom > settings.paragraph_gap * max(line.height, lines[i - 1].height)
        for i, line in enumerate(lines)
    ]


def table_lines(lines: list[Line], breaks: list[bool]) -> list[bool]:
    """For each line: is it part of a table (a row with cells, or a single cell between such rows)?"""
    rows = [len(line.cells) > 1 for line in lines]
    return [rows[i] or (row_beside(rows, breaks, i, -1) and row_beside(rows, breaks, i, 1)) for i in range(len(lines))]


def row_beside(rows: list[bool], breaks: list[bool], i: int, step: int) -> bool:
    """A row with cells above (step -1) or below (+1), with no paragraph gap between."""
    while 0 <= i + step < len(rows) and not breaks[max(i, i + step)]:
        i += step
        if rows[i]:
            return True
    return False
