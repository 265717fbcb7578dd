"""Columns of a page's tables, found from where their cells end.

Figures are right-aligned, so the right edges of the figure cells after a label
line up in one x per column. Cells are placed in the column whose right edge
they share, else in the one they overlap most.
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass, replace

from finsam_warehouse.parsing.layout.lines import Cell, cell_text
from finsam_warehouse.parsing.layout.words import Word
from finsam_warehouse.parsing.numbers import two_figures

DASHES = {"-", "\u2013", "\u2212"}  # a range's dash: hyphen, en dash, minus


@dataclass(frozen=True)
class Column:
    x0: float
    x1: float


def cluster_edges(cells: list[Cell], tolerance: float) -> list[Column]:
    """Columns from cells whose right edges line up (single linkage on x1).

    Groups that overlap are one column: cells of different columns never do,
    but OCR may stretch a box with a speck beside it.
    """
    groups: list[list[Cell]] = []
    for cell in sorted(cells, key=lambda c: c.x1):
        if groups and cell.x1 - groups[-1][-1].x1 <= tolerance:
            groups[-1].append(cell)
        else:
            groups.append([cell])
    merged: list[list[Cell]] = []
    for group in sorted(groups, key=lambda g: min(c.x0 for c in g)):
        if merged and min(c.x0 for c in group) < max(c.x1 for c in merged[-1]):
            merged[-1].extend(group)
        else:
            merged.append(group)
    return [Column(min(c.x0 for c in g), statistics.median(c.x1 for c in g)) for g in merged]


def column_of(cell: Cell, columns: list[Column], tolerance: float) -> int | None:
    """The column a cell belongs to: right edges that line up, else the widest overlap."""
    aligned = [(abs(cell.x1 - c.x1), i) for i, c in enumerate(columns) if abs(cell.x1 - c.x1) <= tolerance]
    if aligned:
        return min(aligned)[1]
    middle = (cell.x0 + cell.x1) / 2
    overlaps = [
        (min(cell.x1, c.x1) - max(cell.x0, c.x0), -abs(middle - (c.x0 + c.x1) / 2), i)
        for i, c in enumerate(columns)
    ]
    best = max(overlaps, default=None)
    return best[2] if best is not None and best[0] > 0 else None


def place(cells: list[Cell], columns: list[Column], tolerance: float, label_edge: float) -> list[tuple[Cell, int | None]]:
    """Each cell of a line and its column: None for the label, -1 for a cell in no column.

    The first cell is the label unless it sits in a column, away from the left edge
    (a header row with no label: "Not", a date).
    """
    placed: list[tuple[Cell, int | None]] = []
    for n, cell in enumerate(cells):
        column = column_of(cell, columns, tolerance)
        if n == 0 and (column is None or cell.x0 <= label_edge):
            placed.append((cell, None))
        else:
            placed.append((cell, column if column is not None else -1))
    return placed


def edges_inside(cell: Cell, columns: list[Column], tolerance: float) -> list[float]:
    """Right edges of figure columns inside a cell that ends where a figure column ends.

    A cell that ends elsewhere ("Not" over left-aligned note numbers) spans nothing.
    """
    if not any(abs(cell.x1 - c.x1) <= tolerance for c in columns):
        return []
    return [c.x1 for c in columns if cell.x0 < c.x1 < cell.x1 - tolerance]


def split_spanning(cell: Cell, columns: list[Column], tolerance: float, ocr: bool) -> list[Cell]:
    """A cell that runs over the end of a figure column, cut there.

    Serves right-aligned header cells wider than the figures below them, whose
    gaps are too narrow to part them (LibreOffice's table headers: "2023-01-01 –"
    over "2023-06-30" in each column, printed as one run). A word that crosses a
    column's end is cut there only where two columns' texts visibly meet in it
    (``glued_cut``); any other word stays whole.
    """
    edges = edges_inside(cell, columns, tolerance)
    if not edges:
        return [cell]
    parted = None if ocr else _parted(cell)
    if parted is not None:
        return parted
    pieces: list[list[Word]] = [[]]
    for word in cell.words:
        for edge in edges:
            if word.x0 < edge < word.x1 - tolerance:
                cut = glued_cut(word, edge)
                if cut is not None:
                    _add(pieces, cut[0], edges, tolerance)
                    word = cut[1]
        _add(pieces, word, edges, tolerance)
    return [Cell(words, cell_text(words, ocr, first=False)) for words in pieces if words]


def _parted(cell: Cell) -> list[Cell] | None:
    """A text-layer cell of two figures printed one space apart ("5 117 457 4 476 257"),
    parted where their digit grouping does, not where a column's edge happens to fall."""
    split = two_figures(cell.text)
    if split is None or len(cell.words) != sum(len(n.printed.split()) for n in split):
        return None
    n = len(split[0].printed.split())
    return [Cell(words, cell_text(words, False, first=False)) for words in (cell.words[:n], cell.words[n:])]


def _add(pieces: list[list[Word]], word: Word, edges: list[float], tolerance: float) -> None:
    """Put a word in the current piece, or start a new one where a column ends before the word does."""
    if pieces[-1] and any(pieces[-1][-1].x1 <= edge + tolerance < word.x1 for edge in edges):
        pieces.append([])
    pieces[-1].append(word)


def glued_cut(word: Word, edge: float) -> tuple[Word, Word] | None:
    """A word that crosses a column's end, cut where two columns' texts meet in it.

    They meet after a lone dash ("–2022-01-01": the dash ends "2023-01-01 –" in
    the column before) or where digits and letters meet ("2022jan–jun": "helår
    2022" ends before "jan–jun 2022"); the cut is taken within a character of
    where the end falls. None where no such meeting is there: the word is whole.
    """
    width = word.x1 - word.x0
    at = round((edge - word.x0) / width * len(word.text)) if width > 0 else 0
    for cut in (at, at - 1, at + 1):
        if not 0 < cut < len(word.text):
            continue
        left, right = word.text[:cut], word.text[cut:]
        if left in DASHES or (left[-1].isdigit() and right[0].isalpha()) or (left[-1].isalpha() and right[0].isdigit()):
            x = word.x0 + width * cut / len(word.text)
            return replace(word, x1=x, text=left), replace(word, x0=x, text=right)
    return None
