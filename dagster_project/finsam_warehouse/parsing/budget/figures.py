"""A tab-separated row's figures, placed in the header's columns, or not at all.

Each column's figure is in its header's cell. A cell shared by several columns
(printed too close to be parted) holds their figures as one run of digit groups,
and a run such as "2 318 560 131 440" can be cut in more than one place. The cut
is taken only where it is certain: the one cut whose figures agree with the
row's difference column (Avvikelse = Budget − Utfall or − Prognos; Kvar =
Beviljat − Utfall), or, in a table without one, the only cut the digit grouping
allows ("9,8 9,1"). A total whose difference does not agree (a Summa printed
off) may still be cut by the sums of the lines it totals (``table``). A row
with any other shared cell, or with a figure in a cell no column has, is left
unread: never glued into one figure, never guessed.

A row on a later page than its header (a table continued over a page break)
has its cells slotted by that page's own columns: where it prints exactly as
many figure cells as the header has columns, none shared, they are the
columns in order; any other such row is left unread.
"""

from __future__ import annotations

import re
from itertools import product

from finsam_warehouse.parsing.budget.columns import BudgetColumn
from finsam_warehouse.parsing.budget.rows import amount_of
from finsam_warehouse.parsing.numbers import ParsedNumber, every_split
from finsam_warehouse.parsing.ocr_repair import strip_markup

Values = list[ParsedNumber | None]


def cell_text(cells: list[str], index: int | None) -> str:
    """The text of a tab row's cell, without markup; "" where the row has no such cell."""
    return strip_markup(cells[index]).strip() if index is not None and index < len(cells) else ""


def _agrees(values: Values, columns: list[BudgetColumn]) -> bool | None:
    """Does the row's difference equal its budget less the other figure it compares?
    None where the row has no difference and the figures it compares."""
    checked = None
    for n, column in enumerate(columns):
        if column.role != "difference" or values[n] is None:
            continue
        others = [values[i] for i, c in enumerate(columns) if c.role in ("outcome", "forecast") and values[i]]
        budgets = [values[i] for i, c in enumerate(columns) if c.role == "budget" and values[i]]
        if not others or not budgets:
            continue
        printed = abs(values[n].value)  # type: ignore[union-attr]
        checked = any(abs(b.value - o.value) == printed for b in budgets for o in others)  # type: ignore[union-attr]
        if not checked:
            return False
    return checked


def _shared_choices(cells: list[str], columns: list[BudgetColumn]) -> dict[int, list[list[ParsedNumber]]]:
    """Each shared cell's possible cuts (empty list: the cell cannot be cut)."""
    shared = {c.cell for c in columns if c.parts > 1 and c.cell is not None}
    parts = {c.cell: c.parts for c in columns if c.cell in shared}
    return {cell: every_split(cell_text(cells, cell), parts[cell]) for cell in shared if cell_text(cells, cell)}


def row_readings(cells: list[str], columns: list[BudgetColumn]) -> list[Values]:
    """The ways a tab row's figures can be placed in the columns: one where it is certain,
    several where a shared cell can be cut more than one way, none where they cannot be placed."""
    known = {c.cell for c in columns} | {0}
    if any(re.search(r"\d", cell_text(cells, i)) for i in range(len(cells)) if i not in known):
        return []  # a figure in a cell no column has
    # A cell of one column that holds no single figure ("5 70", OCR) leaves that figure unread.
    single: Values = [None if c.parts > 1 else amount_of(cell_text(cells, c.cell)) for c in columns]
    choices = _shared_choices(cells, columns)
    if any(not found for found in choices.values()):
        return []
    readings: list[Values] = []
    for chosen in product(*choices.values()):
        by_cell = dict(zip(choices, chosen, strict=True))
        readings.append([by_cell[c.cell][c.part] if c.cell in by_cell else single[n] for n, c in enumerate(columns)])
    agreeing = [v for v in readings if _agrees(v, columns)]
    return agreeing if len(readings) > 1 and agreeing else readings


def continued_readings(cells: list[str], columns: list[BudgetColumn]) -> list[Values]:
    """The figures of a row on a later page than its header, in the header's column order; none if unsure."""
    filled = [i for i in range(1, len(cells)) if cell_text(cells, i)]
    if len(filled) != len(columns) or any(c.parts > 1 for c in columns):
        return []
    in_order = sorted(range(len(columns)), key=lambda n: columns[n].cell or 0)
    values: Values = [None] * len(columns)
    for n, index in zip(in_order, filled, strict=True):
        values[n] = amount_of(cell_text(cells, index))
    return [values]
