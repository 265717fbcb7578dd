"""Tables in text laid out with spaces (pdftotext -layout, plain-text exports), as cells.

Such text prints a table row with runs of spaces between its cells
("Kvinnor          48          22"). The rows of a table are written as the
layout engine writes a PDF's rows, ``label<TAB>cell<TAB>…``, so the readers
read them alike. A run of lines is a table where each row's cells after the
label are figures, every row has as many cells, and the header lines above
them name short columns; anything else stays as printed. Cells are parted by
at least two spaces, so a figure's thousands space stays in it.
"""

from __future__ import annotations

import re

from finsam_warehouse.parsing.layout.page import NUMBER_CELL

CELL_GAP = re.compile(r" {2,}|\t")
MAX_HEADER_WORDS = 4  # a column name is short: "Totalt", "Antal deltagare"
SENTENCE_END = re.compile(r"[.!?:;,]$")


def spaced_cells(text: str) -> list[str] | None:
    """A line's cells where it has a gap of two spaces or more; an indented line has an empty label."""
    if not text.strip() or not CELL_GAP.search(text.strip()) and not text.startswith("  "):
        return None
    cells = CELL_GAP.split(text.strip())
    return ["", *cells] if text.startswith("  ") else cells


def is_row(cells: list[str]) -> bool:
    """A label with letters, then figures only."""
    return len(cells) >= 2 and bool(re.search(r"[^\W\d_]", cells[0])) and all(NUMBER_CELL.match(c) for c in cells[1:])


def is_header(cells: list[str]) -> bool:
    """Short column names with no figure and no sentence punctuation."""
    names = [c for c in cells if c]
    return (
        len(cells) >= 2
        and bool(names)
        and all(len(c.split()) <= MAX_HEADER_WORDS and not SENTENCE_END.search(c) for c in names)
        and not any(NUMBER_CELL.match(c) for c in names)
    )


def tab_spaced_tables(texts: list[str]) -> list[str]:
    """The lines, with the rows and header lines of space-aligned tables as tab-separated cells."""
    cells = [None if "\t" in t else spaced_cells(t) for t in texts]
    out = list(texts)
    i = 0
    while i < len(texts):
        rows_end = i
        while rows_end < len(texts) and cells[rows_end] is not None and is_row(cells[rows_end]):  # type: ignore[arg-type]
            rows_end += 1
        if rows_end - i < 2 or len({len(c) for c in cells[i:rows_end]}) != 1:  # type: ignore[arg-type]
            i = max(rows_end, i + 1)
            continue
        start = i
        while start > 0 and cells[start - 1] is not None and is_header(cells[start - 1]):  # type: ignore[arg-type]
            start -= 1
        for n in range(start, rows_end):
            out[n] = "\t".join(cells[n])  # type: ignore[arg-type]
        i = rows_end
    return out
