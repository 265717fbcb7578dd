"""Positioned words: what every PDF route gives the layout engine.

A PDF text layer gives pdfplumber's words, a scanned page tesseract's TSV boxes
(with their confidence). y grows downwards (points or image pixels).
"""

from __future__ import annotations

import statistics
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from finsam_warehouse.parsing.layout.settings import DEFAULT_SETTINGS, LayoutSettings
from finsam_warehouse.parsing.numbers import digits_of


@dataclass(frozen=True)
class Word:
    """A word and its box; ``confidence`` is OCR's (0–100), None for a text layer;
    ``reread`` what a second, digits-only OCR reading of its box gave; ``outvoted``
    the first reading where a third agreed with the second and ``text`` is theirs."""

    x0: float
    x1: float
    top: float
    bottom: float
    text: str
    confidence: float | None = None
    reread: str | None = None
    outvoted: str | None = None

    @property
    def read_two_ways(self) -> bool:
        """Both OCR readings have digits, and not the same ones."""
        first, second = (digits_of(self.text), digits_of(self.reread or ""))
        return bool(first) and bool(second) and first != second

    @property
    def height(self) -> float:
        return self.bottom - self.top

    @property
    def middle(self) -> float:
        return (self.top + self.bottom) / 2


def words_from_pdfplumber(found: Iterable[Mapping[str, Any]]) -> list[Word]:
    """pdfplumber's ``extract_words`` output as words."""
    return [Word(w["x0"], w["x1"], w["top"], w["bottom"], w["text"]) for w in found]


def words_from_tsv(tsv: str, settings: LayoutSettings = DEFAULT_SETTINGS) -> list[Word]:
    """Word boxes from tesseract's TSV output, without the specks it reads as marks.

    A speck is a box far smaller than the page's text, a low-confidence word
    with neither letters nor digits, or a low-confidence word lower than text.
    """
    found: list[Word] = []
    for row in tsv.splitlines()[1:]:
        parts = row.split("\t")
        if len(parts) < 12 or parts[0] != "5":
            continue
        text = parts[11].strip()
        confidence = float(parts[10])
        if not text or confidence < 0:
            continue
        left, top, width, height = (float(p) for p in parts[6:10])
        found.append(Word(left, left + width, top, top + height, text, confidence))
    if not found:
        return []
    text_height = statistics.median(w.height for w in found)
    return [word for word in found if not _is_speck(word, text_height, settings)]


def _is_speck(word: Word, text_height: float, settings: LayoutSettings) -> bool:
    confidence = word.confidence if word.confidence is not None else 100.0
    return (
        max(word.x1 - word.x0, word.height) < settings.ocr_speck_size * text_height
        or (confidence < settings.ocr_min_confidence and not any(c.isalnum() for c in word.text))
        or (confidence < settings.ocr_low_confidence and word.height < settings.ocr_short_word * text_height)
    )
