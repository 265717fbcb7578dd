"""Figure repairs in statements: stray characters removed, minus signs OCR dropped restored."""

from __future__ import annotations

import re
from dataclasses import replace
from decimal import Decimal

from finsam_warehouse.parsing.line_items import STATEMENT_IDENTITIES
from finsam_warehouse.parsing.models import StatementFact


def repair_note(printed: str) -> str | None:
    stray = sorted({c for c in printed if c in "|()"})
    if stray and not (printed.strip().startswith("(") and printed.strip().endswith(")")):
        return "removed stray " + " ".join(f"'{c}'" for c in stray) + " from the printed figure"
    return None


def restore_lost_signs(statement: str, facts: list[StatementFact]) -> list[StatementFact]:
    """Give back the minus sign OCR dropped, where the statement's own sums prove it.

    For each identity (total = sum of parts) and column: if it does not hold as
    printed, and turning exactly one unsigned figure negative makes it hold to
    the krona, that figure lost its sign. Nothing else is changed.
    """
    by_key = {(f.line_item, f.period_end, f.period_start): i for i, f in enumerate(facts)}
    repaired = list(facts)
    for total, parts in STATEMENT_IDENTITIES[statement]:
        for (code, end, start), total_index in list(by_key.items()):
            if code != total:
                continue
            part_indexes = [by_key[(p, end, start)] for p in parts if (p, end, start) in by_key]
            if not part_indexes:
                continue
            figures = [total_index, *part_indexes]
            amounts = {i: repaired[i].amount_sek for i in figures}

            def balance(flipped: int | None) -> Decimal:
                value = {i: (-a if i == flipped else a) for i, a in amounts.items()}
                return value[total_index] - sum(value[i] for i in part_indexes)

            if balance(None) == 0:
                continue
            candidates = [
                i
                for i in figures
                if amounts[i] > 0 and not re.match(r"^\s*[-\u2212\u2013]", repaired[i].amount_printed)
                and balance(i) == 0
            ]
            if len(candidates) == 1:
                i = candidates[0]
                fact = repaired[i]
                repaired[i] = replace(
                    fact,
                    amount_sek=-fact.amount_sek,
                    is_repaired=True,
                    repair_note="; ".join(
                        x
                        for x in (fact.repair_note, f"minus sign restored: printed '{fact.amount_printed}', "
                                  f"but {total} = {' + '.join(parts)} needs it negative")
                        if x
                    ),
                )
    return repaired
