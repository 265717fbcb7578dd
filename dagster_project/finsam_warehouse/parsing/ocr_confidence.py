"""Figures OCR was unsure of, marked on the facts so that the checks can say so.

The OCR route keeps, per text line, the words with digits that tesseract read
with low confidence (``ExtractedText.unsure_figures``). A statement figure
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


def mark_unsure_figures(facts: list[StatementFact], unsure: dict[int, list[tuple[str, float]]]) -> list[StatementFact]:
    """The facts, each figure printed with a word OCR was unsure of noted as such."""
    if not unsure:
        return facts
    marked = []
    for fact in facts:
        groups = {_digits(part) for part in fact.amount_printed.split()} - {""}
        doubtful = [(word, conf) for word, conf in unsure.get(fact.source_line, []) if _digits(word) in groups]
        if doubtful:
            words = ", ".join(f"'{word}' ({conf:.0f} %)" for word, conf in doubtful)
            fact = replace(fact, unsure_note=f"OCR was unsure of {words} in '{fact.amount_printed}'")
        marked.append(fact)
    return marked
