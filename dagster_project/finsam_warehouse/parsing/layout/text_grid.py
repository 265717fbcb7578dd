"""Space-aligned text pages (``pdftotext -layout``, fixed-width exports) as positioned words.

A character's column is its x and each line sits one line apart, so the layout
engine finds cells (runs of two or more spaces), figure columns and headers as
on a PDF page. Each text line gives back exactly one line, so line numbers hold.
"""

from __future__ import annotations

import re
from dataclasses import replace

from finsam_warehouse.parsing.layout.page import page_lines
from finsam_warehouse.parsing.layout.settings import DEFAULT_SETTINGS, LayoutSettings
from finsam_warehouse.parsing.layout.words import Word

# A word's height in character widths: with cell_gap 1.0, a gap of two spaces or more
# parts cells, and right edges one character apart still make one column.
CHAR_HEIGHT = 1.8
LINE_PITCH = 2 * CHAR_HEIGHT
TAB_SIZE = 8
# Character positions are coarse: a header or figure may end a character or two
# off its column (pdftotext rounds each word to the grid).
TEXT_GRID_SETTINGS = replace(DEFAULT_SETTINGS, column_tolerance=1.2, columns_per_table=True)
# A row of a space-aligned table: text, two or more spaces, then a figure.
ALIGNED_ROW = re.compile(r"\S {2,}[(\-\u2212\u2013]?\d")
MIN_ALIGNED_ROWS = 2


def is_space_aligned(lines: list[str]) -> bool:
    """A page whose tables are laid out with spaces: no tabs, and rows of figures after wide gaps."""
    if any("\t" in line for line in lines):
        return False
    return sum(1 for line in lines if ALIGNED_ROW.search(line)) >= MIN_ALIGNED_ROWS


def words_from_text(lines: list[str]) -> list[Word]:
    """Each run of non-space characters as a word, placed by its character column and line."""
    words = []
    for index, line in enumerate(lines):
        top = index * LINE_PITCH
        for match in re.finditer(r"\S+", line.expandtabs(TAB_SIZE)):
            words.append(Word(match.start(), match.end(), top, top + CHAR_HEIGHT, match.group()))
    return words


def aligned_page(lines: list[str], settings: LayoutSettings = TEXT_GRID_SETTINGS) -> list[str]:
    """The page's lines with table rows as ``label<TAB>cell<TAB>…``, one for each line given."""
    placed = {round(line.top / LINE_PITCH): line.text for line in page_lines(words_from_text(lines), settings=settings)}
    return [placed.get(index, "") for index in range(len(lines))]
