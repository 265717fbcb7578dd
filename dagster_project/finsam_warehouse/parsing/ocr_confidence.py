"""Figures OCR was unsure of, marked on the facts so that the checks can say so.

The OCR route keeps, per text line, the words with digits that tesseract read
with low confidence or that a second, digits-only reading read otherwise
(``ExtractedText.unsure_figures``). A statement figure
printed with such a word on its line carries an ``unsure_note``: a check that
rests on it cannot tell a report that does not add up from a digit OCR misread.
"""

from __future__ import annotations

import re
from dataclasses import replace

from finsam_warehouse.parsing.models import StatementFact

_NOT_DIGITS = re.compile(r"[^\d]")


def _digits(word: str) -> str:
    return _NOT_DIGITS.sub("", word)


def _runs_of_groups(printed: str) -> set[str]:
    """The digits of each run of consecutive digit groups: "47 218 994" → 47, 218, 47218, …, 47218994.

    OCR may read a figure's groups as one word ("47218") or as several.
    """
    groups = [digits for part in printed.split() if (digits := _digits(part))]
    return {"".join(groups[start:end]) for start in range(len(groups)) for end in range(start + 1, len(groups) + 1)}


def mark_unsure_figures(
    facts: list[StatementFact], unsure: dict[int, list[tuple[str, str, str]]]
) -> list[StatementFact]:
    """The facts, each figure printed with a word OCR was unsure of noted as such.

    The word is one of the figure's runs of digit groups, and its cell holds the
    figure (two figures on a line may share a group: "-127 225", "-127 315").
    """
    if not unsure:
        return facts
    marked = []
    for fact in facts:
        runs = _runs_of_groups(fact.amount_printed)
        doubtful = [
            (word, why)
            for word, why, cell in unsure.get(fact.source_line, [])
            if _digits(word) in runs and _digits(fact.amount_printed) in _digits(cell)
        ]
        if doubtful:
            words = ", ".join(f"'{word}' ({why})" for word, why in doubtful)
            fact = replace(fact, unsure_note=f"OCR was unsure of {words} in '{fact.amount_printed}'")
        marked.append(fact)
    return marked
