"""Figures OCR was unsure of are marked on the facts, and the mark survives staging."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from finsam_warehouse.parsing.models import ExtractedText, StatementFact, TextLine
from finsam_warehouse.parsing.ocr_confidence import mark_unsure_figures


def _fact(printed: str, line: int) -> StatementFact:
    return StatementFact(
        statement="balance_sheet", line_item="net_result", label="Periodens resultat",
        label_printed="Periodens resultat", section=None, note_ref=None, period_start=None,
        period_end=date(2023, 6, 30), is_comparative=False, amount_sek=Decimal(printed.replace(" ", "")),
        amount_printed=printed, unit="kr", is_repaired=False, repair_note=None, line_order=1,
        source_page=2, source_line=line, raw_text=printed,
    )  # fmt: skip


def test_a_figure_printed_with_a_word_ocr_was_unsure_of_says_so() -> None:
    unsure = {30: [("15038", 28.75)], 31: [("2", 4.0)]}
    facts = mark_unsure_figures([_fact("15038", 30), _fact("110 102", 30), _fact("1 237", 31)], unsure)
    assert facts[0].unsure_note == "OCR was unsure of '15038' (29 %) in '15038'"
    assert facts[1].unsure_note is None  # another figure on the line
    assert facts[2].unsure_note is None  # "2" is no digit group of "1 237"


def test_the_unsure_words_survive_staging() -> None:
    text = ExtractedText("pdf_ocr", [TextLine(1, 1, "Periodens resultat\t15038")], 1, {1: [("15038", 28.75)]})
    assert ExtractedText.from_dict(text.to_dict()) == text
    old = {k: v for k, v in text.to_dict().items() if k != "unsure_figures"}  # staged before the field existed
    assert ExtractedText.from_dict(old).unsure_figures == {}
