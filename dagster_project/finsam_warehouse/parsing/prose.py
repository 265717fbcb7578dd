"""Figures a report states in sentences where it prints no statement.

"Det ekonomiska resultatet för perioden är 1 129 829 kr" is the period's
net result; it is taken only when the report has no income statement saying so.
"""

from __future__ import annotations

import re
from decimal import Decimal

from finsam_warehouse.parsing.line_items import INCOME_STATEMENT
from finsam_warehouse.parsing.models import ReportMetadata, StatementFact, TextLine
from finsam_warehouse.parsing.numbers import UNIT_MULTIPLIERS, parse_cell_amount, unit_of

# "resultatet för perioden är", "resultat för året blev", "periodens resultat uppgår till"
STATED_RESULT = re.compile(
    r"(?P<phrase>(?:det\s+ekonomiska\s+)?(?:resultat(?:et)?\s+f[öo6]r\s+(?:perioden|delåret|delaret|året|aret)"
    r"|(?:periodens|årets|arets)\s+resultat))"
    r"\s+(?:är|ar|blev|uppgår\s+till|uppgar\s+till|uppgick\s+till)\s+"
    r"(?P<amount>[-\u2212\u2013]?\s?\d{1,3}(?:[ \u00a0]\d{3})*(?:,\d{1,2})?)\s*(?P<unit>kr|kronor|tkr|mkr)\b",
    re.IGNORECASE,
)


def read_stated_result(
    lines: list[TextLine], meta: ReportMetadata, facts: list[StatementFact]
) -> list[StatementFact]:
    """The period's net result from a sentence, when no statement gives it."""
    if any(f.statement == INCOME_STATEMENT and f.line_item == "net_result" and not f.is_comparative for f in facts):
        return []
    for line in lines:
        match = STATED_RESULT.search(line.text)
        if not match:
            continue
        amount = parse_cell_amount(match["amount"])
        if amount is None:
            continue
        unit = unit_of(match["unit"]) or "kr"
        phrase = match["phrase"]
        return [
            StatementFact(
                statement=INCOME_STATEMENT,
                line_item="net_result",
                label=phrase[0].upper() + phrase[1:],
                label_printed=phrase,
                section=None,
                note_ref=None,
                period_start=meta.period_start,
                period_end=meta.period_end,
                is_comparative=False,
                amount_sek=(amount.value * UNIT_MULTIPLIERS[unit]).quantize(Decimal("0.01")),
                amount_printed=amount.printed,
                unit=unit,
                is_repaired=False,
                repair_note=None,
                line_order=1,
                source_page=line.page,
                source_line=line.number,
                raw_text=line.text,
            )
        ]
    return []
