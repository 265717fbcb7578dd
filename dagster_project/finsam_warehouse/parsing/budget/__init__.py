"""Budget against outcome: driftredovisning, prognos and per-insats reports.

Three shapes are read, keyed to their headings and column headers:

* **Column tables** (``table``): a header row names two or more columns
  (Budget, Beviljat, Utfall, Kostnad, Prognos, Avvikelse, Kvar, ...), in any
  order, with each column's period and unit in the header cells; every row is
  a label and one figure per column (``columns``, ``figures``; OCR text:
  ``ocr_columns``).
* **Per-insats reports** (``reports``): "Ekonomisk rapport(ering)" with cost
  lines, Förbrukade medel, Erhållna or Budgeterade medel and Överskott.
* **Budget / outcome pairs** (``pairs``) under an insats heading.

Each line that totals others gets is_total, and each line a total sums names
that total in parent_line_order, so sums never count twice and the warehouse
can check them. Lines are matched to the insats registry (the catalog's insats.csv)
to give a shared insats_id.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from finsam_warehouse.parsing.budget.insats import Insats, InsatsResolver, load_insatser
from finsam_warehouse.parsing.budget.pairs import pair_kind, read_pair
from finsam_warehouse.parsing.budget.reports import insats_report_heading, read_insats_report
from finsam_warehouse.parsing.budget.rows import (
    COST_LINE,
    SWEDISH_LETTERS,
    TABLE_LINE,
    BudgetRow,
    ReadContext,
    display_label,
)
from finsam_warehouse.parsing.budget.table import header_columns, read_column_table
from finsam_warehouse.parsing.budget.words import CATEGORY_PHRASES
from finsam_warehouse.parsing.models import ReportMetadata, TextLine

log = logging.getLogger(__name__)


def _resolve(row: BudgetRow, ctx: ReadContext, unmatched: list[str]) -> None:
    """The row's insats from the registry; its label where OCR lost Swedish letters."""
    if row.insats_label or row.is_total:
        resolved = ctx.resolver.resolve(row.insats_label or row.budget_line)
        if resolved is not None:
            row.insats_id = resolved[0].insats_id
            row.insats_label = row.insats_label or row.label_printed
            if row.line_kind == TABLE_LINE:
                row.budget_line = display_label(row.label_printed, resolved[1], ctx)
            row.category = row.category or resolved[0].category
        elif row.insats_label and row.line_kind != COST_LINE:
            unmatched.append(f"{row.insats_label} (line {row.source_line})")
    elif row.line_kind == TABLE_LINE:
        known = CATEGORY_PHRASES.match(row.label_printed)
        row.budget_line = display_label(row.label_printed, known.phrase if known else None, ctx)


def _finish(tables: list[list[BudgetRow]], ctx: ReadContext) -> list[dict[str, Any]]:
    unmatched: list[str] = []
    result: list[dict[str, Any]] = []
    for number, rows in enumerate(sorted(tables, key=lambda t: min(r.source_line for r in t)), start=1):
        for order, row in enumerate(rows, start=1):
            row.table_number = number
            row.line_order = order
        for row in rows:
            row.parent_line_order = row.parent.line_order if row.parent is not None else None
            _resolve(row, ctx, unmatched)
            result.append(row.as_dict())
    if unmatched:
        log.warning("budget lines that match no insats in the insats catalog (add an alias): %s", "; ".join(unmatched))
    return result


def _read_at(lines: list[TextLine], i: int, last_table_end: int, ctx: ReadContext) -> tuple[list[BudgetRow], int]:
    """The table, report or pair that starts at lines[i], and the index after it; none: ([], i + 1)."""
    line = lines[i]
    columns = header_columns(line)
    if columns:
        rows, after = read_column_table(lines, i, columns, ctx)
        if rows:
            return rows, after
    name = insats_report_heading(line)
    if name is not None:
        rows, after = read_insats_report(lines, i, name, last_table_end, ctx)
        if rows:
            return rows, after
    if pair_kind(line) == "budget":
        return read_pair(lines, i, ctx)
    return [], i + 1


def read_budget_tables(
    lines: list[TextLine], meta: ReportMetadata, insats_seed: Path, association_id: str | None = None
) -> list[dict[str, Any]]:
    """Every line of the report's budget / outcome / forecast tables, as raw.budget_lines rows.

    ``insats_seed`` is the catalog's insats registry; ``association_id`` narrows
    it to that association, without it every association's names are tried.
    """
    ctx = ReadContext(
        meta=meta,
        is_ocr=not any(c in SWEDISH_LETTERS for line in lines for c in line.text),
        resolver=InsatsResolver(load_insatser(insats_seed), association_id),
    )
    tables: list[list[BudgetRow]] = []
    i = last_table_end = 0
    while i < len(lines):
        rows, after = _read_at(lines, i, last_table_end, ctx)
        if rows:
            tables.append(rows)
            last_table_end = after
        i = after
    return _finish(tables, ctx)


__all__ = ["Insats", "InsatsResolver", "load_insatser", "read_budget_tables"]
