"""Participant tables: columns by sex or by measure, rows by measure, sex, insats or outcome.

A table's header names its columns: "Antal deltagare | Totalt | Kvinnor | Män"
(a column per sex, a row per measure), "Kön | Deltagare | Påbörjade | Avslutade"
(a column per measure, a row per sex) or "Utfall | Antal" (a row per outcome of
ended participants). The words are in ``table_words.csv``.

Where the layout could not part two columns printed close together ("Kvinna Man"
over "91 106"), a header cell names several columns and each row's cell holds as
many figures. Where a row's cells do not line up with the header's (text laid
out with spaces), a row with exactly as many figures as the header names columns
is read in order. Any other row is left unread.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from finsam_warehouse.parsing.ocr_repair import fold

TABLE_WORDS = Path(__file__).with_name("table_words.csv")
KINDS = ("sex", "measure", "outcome_header", "count_header")
FIGURE = re.compile(r"\d{1,3}(?:\s\d{3})+|\d+")


@dataclass(frozen=True)
class TableWord:
    word: str
    is_stem: bool
    kind: str  # sex, measure, outcome_header or count_header
    value: str


@dataclass(frozen=True)
class TableColumn:
    cell: int  # index among the row's cells after the label
    part: int  # which figure of the cell, where one cell holds several columns
    parts: int
    value: str  # the sex or measure the column holds


@lru_cache(maxsize=1)
def table_words() -> tuple[TableWord, ...]:
    with TABLE_WORDS.open(encoding="utf-8", newline="") as handle:
        return tuple(TableWord(r["word"], r["match"] == "stem", r["kind"], r["value"]) for r in csv.DictReader(handle))


def word_value(word: str, kind: str) -> str | None:
    """What a folded word names as a table label of the kind, if anything."""
    for entry in table_words():
        if entry.kind == kind and (word.startswith(entry.word) if entry.is_stem else word == entry.word):
            return entry.value
    return None


def cell_names(cell: str, kind: str) -> list[str]:
    """The sexes or measures a header cell names, in order: 'Kvinna Man' names two columns.

    Only a cell of table words (and years) names columns; a cell of text names none.
    """
    words = fold(cell).split()
    if not all(w.isdigit() or any(word_value(w, k) is not None for k in KINDS) for w in words):
        return []
    return [value for word in words if (value := word_value(word, kind)) is not None]


def label_value(label: str, kind: str) -> str | None:
    """The first sex or measure any word of a row label names ('Påbörjade 2021', 'Aktuella 2021-08-31')."""
    return next((value for word in fold(label).split() if (value := word_value(word, kind)) is not None), None)


def is_kind(cell: str, kind: str) -> bool:
    return any(word_value(w, kind) is not None for w in fold(cell).split())


def header_columns(values: list[str], kind: str) -> list[TableColumn]:
    """The columns a header row names, a cell naming several columns split into parts."""
    columns: list[TableColumn] = []
    for index, cell in enumerate(values):
        names = cell_names(cell, kind)
        columns += [TableColumn(index, part, len(names), value) for part, value in enumerate(names)]
    return columns


def row_figures(values: list[str], columns: list[TableColumn]) -> list[tuple[TableColumn, int]]:
    """Each column's figure in a row: by cell where the cells line up, else in order; none if unsure."""
    by_cell = _figures_by_cell(values, columns)
    if by_cell is not None:
        return by_cell
    filled = [v.strip() for v in values if v.strip()]
    if len(filled) == len(columns) and all(FIGURE.fullmatch(v) for v in filled):
        return [(c, int(re.sub(r"\D", "", v))) for c, v in zip(columns, filled, strict=True)]
    tokens = " ".join(filled).split()
    if len(tokens) == len(columns) and all(t.isdigit() for t in tokens):
        return [(c, int(t)) for c, t in zip(columns, tokens, strict=True)]
    return []


def _figures_by_cell(values: list[str], columns: list[TableColumn]) -> list[tuple[TableColumn, int]] | None:
    """Figures by the header's cells: a cell of one column holds one figure, of k columns k.

    None where a cell of several columns does not hold as many figures.
    """
    found: list[tuple[TableColumn, int]] = []
    for column in columns:
        cell = values[column.cell].strip() if column.cell < len(values) else ""
        if not cell:
            continue
        if column.parts == 1:
            if FIGURE.fullmatch(cell):  # a dash or a share is no count
                found.append((column, int(re.sub(r"\D", "", cell))))
            continue
        tokens = cell.split()
        if len(tokens) != column.parts or not all(t.isdigit() for t in tokens):
            return None
        found.append((column, int(tokens[column.part])))
    return found
