"""Totals whose shared cell could be cut more than one way, cut by the lines they total.

Serves budget tables whose columns were printed too close to be parted and
whose Summa line does not agree with its own difference column (a total
printed off, as budgets sometimes are): the cut is certain where exactly one
of the ways agrees with the sum of the lines the total sums in some column.
Otherwise the total is not read, and the lines it summed count towards the
total above it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from finsam_warehouse.parsing.budget.figures import Values
from finsam_warehouse.parsing.budget.rows import BudgetRow

AMOUNTS = (
    "budget_full_year_sek",
    "budget_period_sek",
    "outcome_sek",
    "outcome_previous_year_sek",
    "forecast_full_year_sek",
)


def agrees_with_lines(total: BudgetRow, lines: list[BudgetRow]) -> bool:
    """Does a figure of the total equal the sum of its lines' figures in that column?"""
    for name in AMOUNTS:
        figure = getattr(total, name)
        figures = [getattr(line, name) for line in lines]
        if figure is not None and lines and all(f is not None for f in figures) and sum(figures) == figure:
            return True
    return False


def settle_totals(
    rows: list[BudgetRow], readings: dict[int, list[Values]], fill: Callable[[BudgetRow, Values], None]
) -> list[BudgetRow]:
    """The rows, each total of several readings filled with the one its lines agree with, or left out."""
    kept: list[BudgetRow] = []
    for row in rows:
        if id(row) not in readings:
            kept.append(row)
            continue
        lines = [r for r in rows if r.parent is row]
        agreeing = []
        for values in readings[id(row)]:
            trial = replace(row)
            fill(trial, values)
            if agrees_with_lines(trial, lines):
                agreeing.append(values)
        if len(agreeing) == 1:
            fill(row, agreeing[0])
            kept.append(row)
            continue
        for line in lines:
            line.parent = row.parent
    return kept
