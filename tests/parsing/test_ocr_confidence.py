"""Figures OCR was unsure of (low confidence, or read two ways) are marked on the facts,
and the mark survives staging."""

from __future__ import annotations

import shutil
from datetime import date
from decimal import Decimal
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

from finsam_warehouse.parsing.layout.words import Word
from finsam_warehouse.parsing.models import ExtractedText, StatementFact, TextLine, UnsureWord
from finsam_warehouse.parsing.ocr_confidence import mark_unsure_figures, take_second_readings
from finsam_warehouse.parsing.ocr_second_reading import reread_figures

DEJAVU = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"


def _fact(printed: str, line: int, line_item: str = "net_result", unit: int = 1) -> StatementFact:
    return StatementFact(
        statement="balance_sheet", line_item=line_item, label="Periodens resultat",
        label_printed="Periodens resultat", section=None, note_ref=None, period_start=None,
        period_end=date(2023, 6, 30), is_comparative=False,
        amount_sek=Decimal(printed.replace(" ", "").replace("(", "-").rstrip(")")) * unit,
        amount_printed=printed, unit="kr", is_repaired=False, repair_note=None, line_order=1,
        source_page=2, source_line=line, raw_text=printed,
    )  # fmt: skip


def test_a_figure_printed_with_a_word_ocr_was_unsure_of_says_so() -> None:
    unsure = {30: [UnsureWord("15038", "29 %", "15038")], 31: [UnsureWord("2", "4 %", "1 2")]}
    facts = mark_unsure_figures([_fact("15038", 30), _fact("110 102", 30), _fact("1 237", 31)], unsure)
    assert facts[0].unsure_note == "OCR was unsure of '15038' (29 %) in '15038'"
    assert facts[1].unsure_note is None  # another figure on the line
    assert facts[2].unsure_note is None  # "2" is no digit group of "1 237"


def test_the_unsure_words_survive_staging() -> None:
    text = ExtractedText(
        "pdf_ocr", [TextLine(1, 1, "Periodens resultat\t15038")], 1, {1: [UnsureWord("15038", "29 %", "15038")]}
    )
    assert ExtractedText.from_dict(text.to_dict()) == text
    old = {k: v for k, v in text.to_dict().items() if k != "unsure_figures"}  # staged before the field existed
    assert ExtractedText.from_dict(old).unsure_figures == {}


def test_a_figure_read_two_ways_is_named_with_its_second_reading() -> None:
    unsure = {27: [UnsureWord("47218", "read again as '4218'", "47218 994", "4218")]}
    facts = mark_unsure_figures([_fact("47 218 994", 27)], unsure)
    assert facts[0].unsure_note == "OCR was unsure of '47218' (read again as '4218') in '47 218 994'"
    facts = mark_unsure_figures(
        [_fact("47 218 994", 27)], {27: [UnsureWord("7218", "read again as '218'", "47218 994", "218")]}
    )
    assert facts[0].unsure_note is None  # "7218" is not a run of the figure's digit groups


def test_a_word_marks_only_the_figure_in_its_own_cell() -> None:
    """Two figures on a line that share a digit group: the unsure word is in the first one's cell."""
    unsure = {15: [UnsureWord("-127", "read again as '27'", "-127 225", "27")]}
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


def _equity(retained: str, result: str, total: str, unit: int = 1) -> list[StatementFact]:
    return [_fact(retained, 40, "retained_earnings", unit), _fact(result, 41, "net_result", unit),
            _fact(total, 42, "equity_total", unit)]  # fmt: skip


def test_the_second_reading_is_taken_where_it_alone_makes_the_sum_hold() -> None:
    """Summa eget kapital = balanserat + årets resultat: 1 237 + 500 ≠ 1 237; read again as 1 737 it holds."""
    unsure = {42: [UnsureWord("1237", "read again as '1737'", "1237", "1737")]}
    facts = take_second_readings(mark_unsure_figures(_equity("1 237", "500", "1237", 1000), unsure), unsure)
    total = facts[2]
    assert total.amount_sek == Decimal(1_737_000) and total.is_repaired
    assert total.repair_note == (
        "OCR read '1237' also as '1737'; equity_total = retained_earnings + net_result holds only with the second reading"
    )
    assert total.unsure_note is not None and not facts[0].is_repaired


def test_a_second_reading_that_does_not_make_the_sum_hold_changes_nothing() -> None:
    unsure = {41: [UnsureWord("(145)", "read again as '(115)'", "(145)", "(115)")]}
    facts = _equity("1 000", "(145)", "900")  # 1 000 − 115 ≠ 900: a real discrepancy stays as printed
    assert take_second_readings(facts, unsure) == facts
    facts = _equity("1 000", "(145)", "885")
    assert take_second_readings(facts, unsure)[1].amount_sek == Decimal(-115)
    as_read = _equity("1 000", "(145)", "855")  # holds as read: the second reading is not needed
    assert take_second_readings(as_read, unsure) == as_read
