"""Figures OCR was unsure of, marked on the facts so that the checks can say so.

The OCR route keeps, per text line, the words with digits that tesseract read
with low confidence or that a second, digits-only reading read otherwise
(``ExtractedText.unsure_figures``). A statement figure printed with such a word
in its cell carries an ``unsure_note``: a check that rests on it cannot tell a
report that does not add up from a digit OCR misread. Where the second reading
alone makes one of the statement's sums hold, it is taken, as a repair.
"""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

from finsam_warehouse.parsing.line_items import STATEMENT_IDENTITIES
from finsam_warehouse.parsing.models import StatementFact, UnsureWord
from finsam_warehouse.parsing.numbers import digits_of


def _runs_of_groups(printed: str) -> set[str]:
    """The digits of each run of consecutive digit groups: "47 218 994" → 47, 218, 47218, …, 47218994.

    OCR may read a figure's groups as one word ("47218") or as several.
    """
    groups = [digits for part in printed.split() if (digits := digits_of(part))]
    return {"".join(groups[start:end]) for start in range(len(groups)) for end in range(start + 1, len(groups) + 1)}


def _words_of(fact: StatementFact, unsure: dict[int, list[UnsureWord]]) -> list[UnsureWord]:
    """The unsure words of the fact's figure: a run of its digit groups, in the cell that holds it
    (two figures on a line may share a group: "-127 225", "-127 315")."""
    runs = _runs_of_groups(fact.amount_printed)
    digits = digits_of(fact.amount_printed)
    return [w for w in unsure.get(fact.source_line, []) if digits_of(w.word) in runs and digits in digits_of(w.cell)]


def mark_unsure_figures(facts: list[StatementFact], unsure: dict[int, list[UnsureWord]]) -> list[StatementFact]:
    """The facts, each figure printed with a word OCR was unsure of noted as such."""
    if not unsure:
        return facts
    marked = []
    for fact in facts:
        doubtful = _words_of(fact, unsure)
        if doubtful:
            words = ", ".join(f"'{w.word}' ({w.why})" for w in doubtful)
            fact = replace(fact, unsure_note=f"OCR was unsure of {words} in '{fact.amount_printed}'")
        marked.append(fact)
    return marked


def _second_reading_amount(fact: StatementFact, word: UnsureWord) -> Decimal | None:
    """The figure with the word's digits as the second reading read them; None if that cannot be told."""
    digits, first, second = digits_of(fact.amount_printed), digits_of(word.word), digits_of(word.second_reading)
    if not (first and second) or first == second or digits.count(first) != 1 or not int(digits):
        return None
    return fact.amount_sek / int(digits) * int(digits.replace(first, second, 1))


def take_second_readings(facts: list[StatementFact], unsure: dict[int, list[UnsureWord]]) -> list[StatementFact]:
    """Where a sum of a statement (total = parts, one column) does not hold as read, and the
    second reading of exactly one of its figures makes it hold to the krona, that reading is
    taken: the figure is repaired and says so. A figure read one way only is never changed."""
    second = {
        i: (word, amount)
        for i, fact in enumerate(facts)
        for word in _words_of(fact, unsure)
        if (amount := _second_reading_amount(fact, word)) is not None
    }
    if not second:
        return facts
    repaired = list(facts)
    index = {(f.statement, f.line_item, f.period_end, f.period_start): i for i, f in enumerate(facts)}
    for (statement, code, end, start), total in index.items():
        for total_code, parts in STATEMENT_IDENTITIES.get(statement, []):
            if code != total_code:
                continue
            figures = [total] + [index[key] for p in parts if (key := (statement, p, end, start)) in index]
            _take_the_one_that_balances(repaired, figures, second, f"{total_code} = {' + '.join(parts)}")
    return repaired


def _take_the_one_that_balances(
    facts: list[StatementFact], figures: list[int], second: dict[int, tuple[UnsureWord, Decimal]], sum_text: str
) -> None:
    def balance(taken: int | None) -> Decimal:
        value = {i: second[i][1] if i == taken else facts[i].amount_sek for i in figures}
        return value[figures[0]] - sum(value[i] for i in figures[1:])

    if len(figures) < 2 or balance(None) == 0:
        return
    candidates = [i for i in figures if i in second and not facts[i].is_repaired and balance(i) == 0]
    if len(candidates) != 1:
        return
    i = candidates[0]
    word, amount = second[i]
    note = f"OCR read '{word.word}' also as '{word.second_reading}'; {sum_text} holds only with the second reading"
    facts[i] = replace(
        facts[i],
        amount_sek=amount,
        is_repaired=True,
        repair_note="; ".join(x for x in (facts[i].repair_note, note) if x),
    )
