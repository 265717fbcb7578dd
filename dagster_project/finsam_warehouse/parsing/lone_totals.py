"""A group printed as one line with no total of its own: that line is the group's total.

Serves small balance sheets that print "Avsättningar för pensioner" as their
only provision and no "Summa avsättningar". A line is taken as the total only
where it matches a wording of ``vocabulary/lone_line_totals.csv``, the
statement prints no line of that total's code and no other such line, and the
statement's own figures confirm it: the identity named beside the wording
holds to the krona in every period, with the line as that total. Otherwise it
stays what it was (``other``).
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal

from finsam_warehouse.parsing.line_items import LONE_LINE_TOTALS, OTHER
from finsam_warehouse.parsing.models import StatementFact
from finsam_warehouse.parsing.ocr_repair import Vocabulary

Identity = tuple[str, str, tuple[str, ...]]  # (the lone line's code, total, parts)

_VOCABULARY: dict[str, Vocabulary[Identity]] = {
    statement: Vocabulary(wordings) for statement, wordings in LONE_LINE_TOTALS.items()
}


def _confirmed(line: list[StatementFact], facts: list[StatementFact], identity: Identity) -> bool:
    code, total, parts = identity
    amounts: dict[tuple[str, date], Decimal] = {(f.line_item, f.period_end): f.amount_sek for f in facts}
    for fact in line:
        amounts[(code, fact.period_end)] = fact.amount_sek
        needed = [(name, fact.period_end) for name in (total, *parts)]
        if any(key not in amounts for key in needed):
            return False
        if amounts[(total, fact.period_end)] != sum(amounts[(name, fact.period_end)] for name in parts):
            return False
    return True


def recode_lone_totals(statement: str, facts: list[StatementFact]) -> list[StatementFact]:
    """The facts, a lone line recoded as its group's total where the statement confirms it."""
    vocabulary = _VOCABULARY.get(statement)
    if vocabulary is None:
        return facts
    printed = {f.line_item for f in facts}
    lines: dict[Identity, set[int]] = {}
    for fact in facts:
        match = vocabulary.match(fact.label_printed) if fact.line_item == OTHER else None
        if match and match.entry[0] not in printed:
            lines.setdefault(match.entry, set()).add(fact.line_order)
    recoded: dict[int, str] = {}
    for identity, orders in lines.items():
        if len(orders) != 1:
            continue  # two candidate lines: neither is the total
        (order,) = orders
        line = [f for f in facts if f.line_order == order]
        if _confirmed(line, facts, identity):
            recoded[order] = identity[0]
    return [replace(f, line_item=recoded[f.line_order]) if f.line_order in recoded else f for f in facts]
