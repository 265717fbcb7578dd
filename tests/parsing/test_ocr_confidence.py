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
from finsam_warehouse.parsing.layout.page import lines_with_unsure_figures
from finsam_warehouse.parsing.ocr_second_reading import settle_by_third_reading, reread_figures, voted_text

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


def _drawn_page(path: Path, figures: tuple[str, str]) -> list[tuple[int, int, int, int]]:
    """A page printing the two figures side by side; their boxes."""
    page = Image.new("L", (900, 200), 255)
    font = ImageFont.truetype(DEJAVU, 40)
    draw = ImageDraw.Draw(page)
    for x, figure in zip((100, 500), figures, strict=True):
        draw.text((x, 80), figure, fill=0, font=font)
    page.save(path)
    return [draw.textbbox((x, 80), figure, font=font) for x, figure in zip((100, 500), figures, strict=True)]


def test_a_second_and_a_third_reading_that_agree_outvote_the_first(tmp_path: Path) -> None:
    """Real tesseract on a drawn page: the first reading (given) says 47218 where 4218 is printed."""
    image = tmp_path / "page.png"
    boxes = _drawn_page(image, ("4218", "1 715"))
    first = [Word(b[0], b[2], b[1], b[3], text, 80.0) for b, text in zip(boxes, ("47218", "1715"), strict=True)]
    misread, right = reread_figures(shutil.which("tesseract") or "tesseract", (image, image), first, "eng", 300)
    assert (misread.text, misread.outvoted, misread.read_two_ways) == ("4218", "47218", False)
    assert digits_of(right.reread) == "1715" and right.outvoted is None and not right.read_two_ways
    assert not Word(0, 1, 0, 1, "1.", 93.0, reread="").read_two_ways  # no second opinion is no doubt


def test_a_third_reading_that_agrees_with_neither_leaves_the_word_read_two_ways(tmp_path: Path) -> None:
    """The despeckled image (third reading) shows 47218 again: one reading each way, nothing is taken."""
    rendered, despeckled = tmp_path / "rendered.png", tmp_path / "despeckled.png"
    boxes = _drawn_page(rendered, ("4218", "1 715"))
    _drawn_page(despeckled, ("47218", "1 715"))
    first = [Word(b[0], b[2], b[1], b[3], text, 80.0) for b, text in zip(boxes, ("47218", "1715"), strict=True)]
    misread, _ = reread_figures(shutil.which("tesseract") or "tesseract", (despeckled, rendered), first, "eng", 300)
    assert misread.text == "47218" and digits_of(misread.reread) == "4218" and misread.read_two_ways
    assert misread.outvoted is None


def test_a_one_digit_word_is_never_outvoted() -> None:
    """A lone glyph read '5' at 96 % and '3' twice digits-only: no vote, it stays read two ways."""
    word = Word(0, 19, 0, 30, "5", 95.6, reread="3")
    assert settle_by_third_reading(word, "3") == word and word.read_two_ways
    assert settle_by_third_reading(Word(0, 44, 0, 31, "2", 4.4, reread="27"), "27").text == "27"


def test_the_voted_text_keeps_what_only_the_first_reading_shows() -> None:
    assert voted_text("2,1", "27") == "2,7"  # as many digits: the decimal comma stays
    assert voted_text("386", "86") == "86"
    assert voted_text("92023-01-01", "2023-01-01") == "2023-01-01"
    assert voted_text("30%", "380") == "380%"
    assert voted_text("1,5", "150") is None  # where would the comma go?
    assert voted_text("-117", "17") is None  # the sign lost
    assert voted_text('"117', "7") is None  # two digits lost: not one glyph misread
    assert voted_text("(145)", "(115)") == "(145)".replace("4", "1")


def test_an_outvoted_first_reading_is_named_on_the_line() -> None:
    words = [Word(0, 80, 0, 10, "Kassa", 95.0), Word(300, 340, 0, 10, "86", 90.0, reread="86", outvoted="386")]
    [(text, unsure)] = lines_with_unsure_figures(words, ocr=True)
    assert "86" in text and "386" not in text
    assert unsure == (UnsureWord("86", "read '386' once and '86' twice", "86"),)


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
