"""Which lines of a column table each total sums: sections, subtotal headings and Summa lines."""

from __future__ import annotations

from dataclasses import dataclass, field

from finsam_warehouse.parsing.budget.rows import BudgetRow, ReadContext, category_of, display_label, is_sum_label
from finsam_warehouse.parsing.budget.totals import AMOUNTS, agrees_with_lines
from finsam_warehouse.parsing.budget.words import BLOCK_LABELS, CATEGORY_PHRASES, GROUP_HEADINGS, RESULT_LABELS


@dataclass
class Group:
    """Lines summed by one total: a section, or a heading line that carries the sum."""

    label: str | None
    category: str | None
    head: BudgetRow | None = None  # a heading line with figures: it is the sum
    items: list[BudgetRow] = field(default_factory=list)


def _heads_nothing(group: Group) -> bool:
    """A heading line with figures that no column of the lines under it sums is a line of its own.

    Serves summary tables whose rows are all category names with figures
    ("Individinriktade insatser", "Strukturövergripande insatser",
    "Administration", then Summa): the lines after a category row are its
    siblings there, not its parts. A heading whose figures are not filled yet
    (a shared cell settled later) keeps its lines.
    """
    head = group.head
    if head is None or not group.items or all(getattr(head, name) is None for name in AMOUNTS):
        return False
    return not agrees_with_lines(head, group.items)


class TableStructure:
    """Which lines each total sums, from the table's sections, subtotal headings and Summa lines.

    Open groups form a stack. A section line opens a group; a Summa line sums the
    innermost group and closes it; a heading line with figures ("Projekt/
    individinsatser") sums the lines under it up to the next heading or total,
    where some column of theirs agrees with it (else they are its siblings).
    """

    def __init__(self, ctx: ReadContext) -> None:
        self.ctx = ctx
        self.stack: list[Group] = [Group(None, None)]

    def _close_headed_groups(self) -> None:
        while len(self.stack) > 1 and self.stack[-1].head is not None:
            group = self.stack.pop()
            if _heads_nothing(group):
                self.stack[-1].items.extend(group.items)
                continue
            for child in group.items:
                child.parent = group.head

    def _category(self) -> str | None:
        return next((g.category for g in reversed(self.stack) if g.category), None)

    def _section(self) -> str | None:
        return next((g.label for g in reversed(self.stack) if g.label), None)

    def open_section(self, printed: str) -> None:
        self._close_headed_groups()
        top = self.stack[-1]
        if len(self.stack) > 1 and any(not r.is_total for r in top.items):
            self.stack.pop()  # a section that ended without its own total
        found = CATEGORY_PHRASES.starts_with(printed)
        label = display_label(printed, found.phrase if found else None, self.ctx)
        self.stack.append(Group(label, found.entry if found else self._category()))

    def add(self, row: BudgetRow) -> None:
        label = row.label_printed
        group_heading = GROUP_HEADINGS.match(label)
        if is_sum_label(label) or RESULT_LABELS.match(label) or group_heading:
            self._close_headed_groups()
        row.section = self._section()
        if is_sum_label(label):
            self._add_total(row)
        elif RESULT_LABELS.match(label):
            row.is_total = True
            row.category = "result"
        elif group_heading:
            row.is_total = True
            row.category = group_heading.entry
            self.stack[-1].items.append(row)
            self.stack.append(Group(label, row.category, head=row))
        else:
            row.category = self._category() or category_of(label)
            is_insats = row.category not in ("income", "result", "total") and not BLOCK_LABELS.match(label)
            row.insats_label = label if is_insats else None
            self.stack[-1].items.append(row)

    def _add_total(self, row: BudgetRow) -> None:
        group = self.stack[-1]
        row.is_total = True
        row.category = category_of(row.label_printed) or group.category or "total"
        for child in group.items:
            child.parent = row
        if len(self.stack) > 1:
            self.stack.pop()
            self.stack[-1].items.append(row)
        else:
            group.items = [row]

    def close(self) -> None:
        self._close_headed_groups()
