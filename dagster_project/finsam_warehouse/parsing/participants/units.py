"""Text units: paragraphs, form rows, tab rows and headings, and the sentences in them."""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from rapidfuzz import fuzz

from finsam_warehouse.parsing.layout.page import NUMBER_CELL
from finsam_warehouse.parsing.models import TextLine
from finsam_warehouse.parsing.ocr_repair import fold, strip_markup
from finsam_warehouse.parsing.participants.vocabulary import normalize
from finsam_warehouse.parsing.participants.words import _NUMBER, _WORDS_AFTER, noun_of

PROSE_ROW_WORDS = 5  # a row of two text columns holds a few words on each side


@dataclass
class Unit:
    """A paragraph, a form row ('Label | content'), a tab row, or a heading, with its lines."""

    kind: str  # "text", "row", "cells" or "title"
    text: str
    lines: list[TextLine]
    offsets: list[int]
    label: str | None = None
    cells: list[str] = field(default_factory=list)

    def line_at(self, pos: int) -> TextLine:
        return self.lines[max(bisect_right(self.offsets, pos) - 1, 0)]

    def append(self, line: TextLine, text: str) -> None:
        self.text += "\n"
        self.offsets.append(len(self.text))
        self.text += text
        self.lines.append(line)


def _unit(kind: str, line: TextLine, text: str, **extra: Any) -> Unit:
    return Unit(kind, text, [line], [0], **extra)


_SECTION_NUMBER = re.compile(r"^(?:\d+(?:\.\d+)*\.\s*|\d+(?:\.\d+)+\s+)(?=[A-ZÅÄÖ])")
_FORM_LABELS = (
    "syfte",
    "malgrupp",
    "madlgrupp",
    "insatsagare",
    "samverkansparter",
    "typ av insats",
)
_RESET_WORDS = (
    "analys", "forbund", "samordningsforbund", "resultatrakning", "balansrakning", "kassaflodes",
    "noter", "forvaltningsberattelse", "ekonomisk", "driftredovisning", "budget", "underskrift",
)  # fmt: skip


def _title_candidate(text: str) -> bool:
    """Short, capitalised, no sentence punctuation at the end, no figure: it may be a heading."""
    body = _SECTION_NUMBER.sub("", text).strip()
    if not body or not body[0].isupper() or body.endswith(tuple(".,;:!?")) or "|" in body:
        return False
    words = body.split()
    return len(words) <= 8 and any(len(w) >= 3 and w[0].isalpha() for w in words) and not _holds_figure(text)


def _holds_figure(text: str) -> bool:
    norm = normalize(text)
    if re.search(r"\d\s*(?:%|kr\b|tkr\b)", norm):
        return True
    for m in _NUMBER.finditer(norm):
        after = _WORDS_AFTER.match(norm, m.end())
        if after and any(w and noun_of(w) for w in after.groups()):
            return True
    return False


def _is_form_label(text: str) -> bool:
    folded = fold(text)
    return any(folded.startswith(label) for label in _FORM_LABELS)


def _is_footnote(text: str) -> bool:
    return unicodedata.category(text.lstrip()[:1] or " ") == "No"


def _ends_sentence(text: str) -> bool:
    return text.rstrip().endswith((".", "!", "?", ":", ")", "*"))


def _next_text(lines: Sequence[TextLine], index: int, skip_blank: bool) -> str:
    for line in lines[index + 1 : index + 4]:
        text = strip_markup(line.text)
        if text or not skip_blank:
            return text
    return ""


def _category_of(title: str) -> str | None:
    """'individual' or 'structural' for a heading about a category of insatser."""
    for word in fold(title).split():
        if fuzz.ratio(word, "strukturovergripande") >= 80:
            return "structural"
        if word == "individniva" or (
            len(word) > 10 and word.startswith("individ") and fuzz.ratio(word, "individinriktade") >= 78
        ):
            return "individual"
    return None


def _is_reset_title(title: str) -> bool:
    """A chapter heading (numbered, or about the association, its accounts or analysis)."""
    return bool(_SECTION_NUMBER.match(title)) or any(w.startswith(_RESET_WORDS) for w in fold(title).split())


def _sentence_spans(text: str) -> list[tuple[int, int]]:
    """Sentences of a paragraph; a bullet at a line start also starts one."""
    cuts = {0, len(text)}
    for m in re.finditer(r"[.!?]+[\"”)*]*\s+(?=\S)", text):
        nxt = text[m.end()]
        if nxt.isupper() or nxt.isdigit() or nxt in "•®¥[(-–" or re.match(r"[eo]\s", text[m.end() :]):
            cuts.add(m.end())
    for m in re.finditer(r"\n\s*(?=(?:[eo®•¥*\-–]|\d{1,2}\.)\s)|\s(?=[•®¥]\s)", text):
        cuts.add(m.end())
    ordered = sorted(cuts)
    return [(a, b) for a, b in zip(ordered, ordered[1:]) if text[a:b].strip()]


def _numbered_items(text: str) -> list[tuple[int, int]]:
    """The items '1. …', '2. …', … of a numbered list, in order."""
    starts: list[int] = []
    number = 1
    while m := re.compile(rf"(?:^|(?<=\s)){number}\.\s").search(text, starts[-1] if starts else 0):
        starts.append(m.end())
        number += 1
    ends: list[int] = []
    for n, start in zip(range(2, number + 1), starts):
        nxt = re.compile(rf"(?:^|(?<=\s)){n}\.\s").search(text, start)
        ends.append(nxt.start() if nxt else len(text))
    return list(zip(starts, ends))


_INSATS_DASH = re.compile(r"^(?:(?:individ|struktur)\w*\s+)?insats\s*[–\-]\s*(?P<name>[^.(]+)", re.IGNORECASE)
_RANGE = re.compile(
    r"(?:(?:sedan|fran)\s+)?(\d{1,2})\s*([a-z]{3,})\s*(?:(?:fram\s+)?till|[-–])\s*"
    r"(\d{1,2})\s*([a-z]{3,})(?:\s+(\d{4}))?"
)

# --- scope and figures -------------------------------------------------------------------


def prose_columns(units: list[Unit]) -> list[Unit]:
    """Text set in two columns that the layout cut into cells: each column read as one paragraph.

    A run of two or more tab rows of words (no cell after the label is a figure),
    where a left cell goes on with a sentence (starts lower case), is a page of two
    text columns, not a table: the left cells form one paragraph, the right ones another.
    """
    out: list[Unit] = []
    run: list[Unit] = []
    for unit in [*units, None]:
        if unit is not None and _is_prose_row(unit):
            run.append(unit)
            continue
        if len(run) >= 2 and any(row.cells[0][:1].islower() for row in run):
            out += _column_paragraphs(run)
        else:
            out += run
        run = []
        if unit is not None:
            out.append(unit)
    return out


def _is_prose_row(unit: Unit) -> bool:
    if unit.kind != "cells" or not unit.cells or not unit.cells[0]:
        return False
    values = [c for c in unit.cells[1:] if c]
    words = " ".join(unit.cells).split()
    return bool(values) and len(words) >= PROSE_ROW_WORDS and not any(NUMBER_CELL.match(v) for v in values)


def _column_paragraphs(run: list[Unit]) -> list[Unit]:
    left = _unit("text", run[0].lines[0], run[0].cells[0])
    right = _unit("text", run[0].lines[0], " ".join(c for c in run[0].cells[1:] if c))
    for row in run[1:]:
        left.append(row.lines[0], row.cells[0])
        right.append(row.lines[0], " ".join(c for c in row.cells[1:] if c))
    return [left, right]
