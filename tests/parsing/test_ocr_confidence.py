"""Figures OCR was unsure of (low confidence, or read two ways) are marked on the facts,
and the mark survives staging."""

from __future__ import annotations

import shutil
from datetime import date
from decimal import Decimal
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

from finsam_warehouse.parsing.layout.words import Word
from finsam_warehouse.parsing.models import ExtractedText, StatementFact, TextLine
from finsam_warehouse.parsing.ocr_confidence import mark_unsure_figures
from finsam_warehouse.parsing.ocr_second_reading import reread_figures

DEJAVU = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"


def _fact(printed: str, line: int) -> StatementFact:
    return StatementFact(
        statement="balance_sheet", line_item="net_result", label="Periodens resultat",
        label_printed="Periodens resultat", section=None, note_ref=None, period_start=None,
        period_end=date(2023, 6, 30), is_comparative=False, amount_sek=Decimal(printed.replace(" ", "")),
        amount_printed=printed, unit="kr", is_repaired=False, repair_note=None, line_order=1,
        source_page=2, source_line=line, raw_text=printed,
    )  # fmt: skip


def test_a_figure_printed_with_a_word_ocr_was_unsure_of_says_so() -> None:
    unsure = {30: [("15038", "29 %", "15038")], 31: [("2", "4 %", "1 2")]}
    facts = mark_unsure_figures([_fact("15038", 30), _fact("110 102", 30), _fact("1 237", 31)], unsure)
    assert facts[0].unsure_note == "OCR was unsure of '15038' (29 %) in '15038'"
    assert facts[1].unsure_note is None  # another figure on the line
    assert facts[2].unsure_note is None  # "2" is no digit group of "1 237"


def test_the_unsure_words_survive_staging() -> None:
    text = ExtractedText("pdf_ocr", [TextLine(1, 1, "Periodens resultat\t15038")], 1, {1: [("15038", "29 %", "15038")]})
    assert ExtractedText.from_dict(text.to_dict()) == text
    old = {k: v for k, v in text.to_dict().items() if k != "unsure_figures"}  # staged before the field existed
    assert ExtractedText.from_dict(old).unsure_figures == {}


def test_a_figure_read_two_ways_is_named_with_its_second_reading() -> None:
    unsure = {27: [("47218", "read again as '4218'", "47218 994")]}
    facts = mark_unsure_figures([_fact("47 218 994", 27)], unsure)
    assert facts[0].unsure_note == "OCR was unsure of '47218' (read again as '4218') in '47 218 994'"
    facts = mark_unsure_figures([_fact("47 218 994", 27)], {27: [("7218", "read again as '218'", "47218 994")]})
    assert facts[0].unsure_note is None  # "7218" is not a run of the figure's digit groups


def test_a_word_marks_only_the_figure_in_its_own_cell() -> None:
    """Two figures on a line that share a digit group: the unsure word is in the first one's cell."""
    unsure = {15: [("-127", "read again as '27'", "-127 225")]}
    first, second = mark_unsure_figures([_fact("-127 225", 15), _fact("-127 315", 15)], unsure)
    assert first.unsure_note == "OCR was unsure of '-127' (read again as '27') in '-127 225'"
    assert second.unsure_note is None


def test_a_second_digits_only_reading_of_the_page_image_tells_a_misread_figure(tmp_path: Path) -> None:
    """Real tesseract on a drawn page: the first reading (given) says 47218 where 4218 is printed."""
    page = Image.new("L", (900, 200), 255)
    font = ImageFont.truetype(DEJAVU, 40)
    draw = ImageDraw.Draw(page)
    for x, figure in ((100, "4218"), (500, "1 715")):
        draw.text((x, 80), figure, fill=0, font=font)
    image = tmp_path / "page.png"
    page.save(image)
    boxes = [draw.textbbox((100, 80), "4218", font=font), draw.textbbox((500, 80), "1 715", font=font)]
    first = [Word(b[0], b[2], b[1], b[3], text, 80.0) for b, text in zip(boxes, ("47218", "1715"), strict=True)]
    misread, right = reread_figures(shutil.which("tesseract") or "tesseract", image, first, "eng", 300)
    assert digits_of(misread.reread) == "4218" and misread.read_two_ways
    assert digits_of(right.reread) == "1715" and not right.read_two_ways
    assert not Word(0, 1, 0, 1, "1.", 93.0, reread="").read_two_ways  # no second opinion is no doubt


def digits_of(text: str | None) -> str:
    return "".join(c for c in text or "" if c.isdigit())
