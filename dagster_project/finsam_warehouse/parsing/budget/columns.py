"""The columns of a budget table, from its header rows' cells (the layout engine's slots).

A header row names each column's role in a cell over it (the words in
``layout/column_roles.csv``: Budget, Beviljat, Utfall, Förbrukat, Kostnad,
Prognos, Avvikelse, Differens, Kvar, ...); the rows under it, with no figures,
add the period ("helår 2022", "jan–jun 2022", a year, "per 200630") and the
unit. Columns may come in any order. Where the layout engine could not part
two columns printed close together, one header cell names two roles ("Utfall
Avvikelse") and each row's cell holds both figures: each role is one ``part``
of the cell.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from finsam_warehouse.parsing.budget.rows import YEAR, tokens
from finsam_warehouse.parsing.budget.words import PERIOD_WORDS, QUALIFIER_WORDS, budget_role
from finsam_warehouse.parsing.dates import ISO_DATE, MONTHS, first_short_date
from finsam_warehouse.parsing.layout.header import BARE_YEAR, column_roles, read_header
from finsam_warehouse.parsing.ocr_repair import fold, strip_markup

SHORT_DATE_WORD = re.compile(r"^\d{6}$")
# A header's label cell: empty, or a few words with no figures ("Verksamhet", "Belopp i tkr", "mnkr").
MAX_LABEL_HEADER_WORDS = 4


@dataclass
class BudgetColumn:
    role: str  # budget, outcome, forecast, difference
    text: str  # what its header says, top to bottom
    cell: int | None = None  # its cell in tab-separated rows; None in OCR runs
    part: int = 0  # where one cell holds several columns' figures: which of them
    parts: int = 1
    split: bool = False  # OCR rows: Intäkt | Kostnad | Netto under it, two figures per row

    @property
    def words(self) -> list[str]:
        return tokens(self.text)

    @property
    def year(self) -> int | None:
        years = [int(w) for w in self.words if YEAR.match(w)]
        return years[-1] if years else None

    @property
    def period_end(self) -> date | None:
        """Where the header's period ends: "2023-01-01 – 2023-06-30", "2023-06-30", "per 200630"."""
        ends = [h.period_end for h in read_header(self.cell or 0, self.text) if h.period_end]
        return ends[-1] if ends else first_short_date(self.text)

    @property
    def is_part_of_year(self) -> bool:
        """A budget for part of the year: "Budget halvår", "Budget delår", "Budget perioden"."""
        return bool(PERIOD_WORDS & set(self.words))

    @property
    def figure_count(self) -> int:
        return 2 if self.split else 1


def is_header_word(word: str) -> bool:
    """A word a budget table's column header may hold: a role, a qualifier, a month, a year or date."""
    if word.isdigit():
        return bool(YEAR.match(word) or SHORT_DATE_WORD.match(word) or len(word) <= 2)
    if word in column_roles() or word in QUALIFIER_WORDS:
        return True
    return len(word) >= 3 and any(month.startswith(word) for month in MONTHS)


def header_cell_words(cell: str) -> list[str] | None:
    """The folded words of a header cell, or None where it holds anything but header words."""
    words = fold(strip_markup(cell), keep_digits=True).split()
    digits = [w for w in words if w.isdigit()]
    if digits and not (
        BARE_YEAR.search(cell) or ISO_DATE.search(cell) or any(SHORT_DATE_WORD.match(w) for w in digits)
    ):
        return None  # figures, not a header
    return words if all(is_header_word(w) for w in words) else None


def _is_label_header(cell: str) -> bool:
    """The label column's header: empty or a few words ("Insats", "Verksamhet", "Belopp i tkr")."""
    clean = strip_markup(cell).strip()
    if not clean:
        return True
    return len(clean.split()) <= MAX_LABEL_HEADER_WORDS and not re.search(r"\d", clean) and not clean.endswith(".")


def cell_roles(words: list[str]) -> list[str]:
    """The roles a header cell names, in order. A difference names the columns it compares
    ("Avvikelse budget-prognos"): the words after it qualify it."""
    roles: list[str] = []
    for word in words:
        role = budget_role(word)
        if role is not None:
            roles.append(role)
            if role == "difference":
                break
    return roles


def tab_header(text: str) -> list[BudgetColumn] | None:
    """The columns a tab-separated header row names, or None if it is no budget table's header."""
    cells = text.split("\t")
    if len(cells) < 2 or not _is_label_header(cells[0]):
        return None
    columns: list[BudgetColumn] = []
    for index, cell in enumerate(cells[1:], start=1):
        words = header_cell_words(cell)
        if words is None:
            return None
        roles = cell_roles(words)
        columns += [BudgetColumn(role, strip_markup(cell), index, part, len(roles)) for part, role in enumerate(roles)]
    if len(columns) < 2:
        return None
    part_texts(columns)
    return columns


def is_tab_sub_header(text: str) -> bool:
    """A header row under the roles: periods and units in the columns' cells, no figures."""
    cells = text.split("\t")
    if len(cells) < 2 or not _is_label_header(cells[0]):
        return False
    found = [header_cell_words(c) for c in cells[1:] if strip_markup(c).strip()]
    return bool(found) and all(w is not None for w in found)


def add_tab_sub_header(columns: list[BudgetColumn], text: str) -> None:
    """Add a header row's cells to the columns under them.

    A cell over several columns' parts ("2023 2023") gives each part its own
    word where it prints one per part; else every part shares the cell.
    """
    cells = text.split("\t")
    for column in columns:
        if column.cell is None or column.cell >= len(cells):
            continue
        cell = strip_markup(cells[column.cell]).strip()
        pieces = cell.split()
        if column.parts > 1 and len(pieces) == column.parts:
            cell = pieces[column.part]
        column.text = f"{column.text} {cell}".strip()


def part_texts(columns: list[BudgetColumn]) -> None:
    """A shared cell's header names every part's role: each part keeps its own role word
    and the qualifiers after the roles."""
    for column in columns:
        if column.parts == 1:
            continue
        words = column.text.split()
        role_words = [w for w in words if budget_role(fold(w)) is not None][: column.parts]
        rest = [w for w in words if w not in role_words]
        own = role_words[column.part] if column.part < len(role_words) else ""
        column.text = " ".join([own, *rest]).strip()
