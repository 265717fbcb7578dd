"""Insats and outcome names, units and periods of one report's text."""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date

from finsam_warehouse.parsing.dates import month_number
from finsam_warehouse.parsing.models import ReportMetadata, TextLine
from finsam_warehouse.parsing.ocr_repair import Vocabulary, fold, strip_markup
from finsam_warehouse.parsing.participants.figures import InsatsRef
from finsam_warehouse.parsing.participants.units import (
    _INSATS_DASH,
    _RANGE,
    _SECTION_NUMBER,
    Unit,
    _category_of,
    _ends_sentence,
    _is_form_label,
    _next_text,
    _title_candidate,
    _unit,
    prose_columns,
)
from finsam_warehouse.parsing.participants.vocabulary import (
    Found,
    Outcome,
    Period,
    SeedPhrase,
    find_phrases,
    normalize,
)
from finsam_warehouse.parsing.participants.words import _one_line


class ParticipantReader:
    """Reads the participant figures of one report's text."""

    def __init__(
        self,
        meta: ReportMetadata,
        insats: Sequence[SeedPhrase],
        outcomes: Sequence[SeedPhrase],
    ) -> None:
        self.meta = meta
        self.insats = tuple(insats)
        self.outcomes = tuple(outcomes)
        self.insats_vocabulary: Vocabulary[SeedPhrase] = Vocabulary((p.printed, p) for p in self.insats)
        self.outcome_vocabulary: Vocabulary[SeedPhrase] = Vocabulary((p.printed, p) for p in self.outcomes)
        self.report_period: Period = (meta.period_start, meta.period_end)
        self.fiscal_year: Period = (
            date(meta.period_end.year, 1, 1),
            date(meta.period_end.year, 12, 31),
        )

    # -- names

    def insats_ref(self, label: str) -> InsatsRef:
        """An insats label, with its seed alias where one matches (OCR forms too)."""
        found = self.insats_vocabulary.match(label)
        if found is not None:
            return InsatsRef(label, found.entry.key, found.entry.value, found.entry.insats_id)
        hits = find_phrases(normalize(label), self.insats)
        if hits:
            hit = max(hits, key=lambda f: f.end - f.start)
            if hit.end - hit.start >= 0.6 * len(label.strip()):
                return InsatsRef(label, hit.phrase.key, hit.phrase.value, hit.phrase.insats_id)
        return InsatsRef(label, fold(label))

    def heading_insats(self, title: str) -> InsatsRef | None:
        """The insats a heading names: "Coachingteam Orebro", "Statistik Coachingteamet",
        "Individinriktad insats – Motivera mera"."""
        body = _SECTION_NUMBER.sub("", title).strip()
        dash = _INSATS_DASH.match(body)
        if dash:
            return self.insats_ref(dash.group("name").strip(" –-."))
        found = self.insats_vocabulary.match(body)
        if found is not None:
            return InsatsRef(body, found.entry.key, found.entry.value, found.entry.insats_id)
        if len(body.split()) <= 5:
            hits = find_phrases(normalize(body), self.insats)
            if hits:
                hit = max(hits, key=lambda f: f.end - f.start)
                p = hit.phrase
                return InsatsRef(body[hit.start : hit.end], p.key, p.value, p.insats_id)
        return None

    def outcome_key(self, phrase: str) -> str:
        """The seed phrase an outcome matches (OCR forms too), else the phrase folded."""
        found = self.outcome_vocabulary.match(phrase)
        if found is not None:
            return found.entry.key
        hits = find_phrases(normalize(phrase), self.outcomes)
        return hits[0].phrase.key if len(hits) == 1 else fold(phrase)

    def outcome_span(self, printed: str, hits: list[Found]) -> Outcome | None:
        """The printed outcome phrase that the seed phrases found cover, with its key."""
        if not hits:
            return None
        text = _one_line(printed[hits[0].start : hits[-1].end])
        return (text, hits[0].phrase.key) if len(hits) == 1 else (text, self.outcome_key(text))

    # -- units

    def units(self, lines: Sequence[TextLine]) -> list[Unit]:
        units: list[Unit] = []
        open_unit: Unit | None = None  # the paragraph or row a following line may continue
        blank_since = False
        for index, line in enumerate(lines):
            raw = line.text
            cleaned = strip_markup(raw)
            if not cleaned:
                blank_since = True
                continue
            if "\t" in raw:
                found = _cells_unit(line, raw, open_unit)
                if isinstance(found, Unit):
                    if found is not open_unit:
                        units.append(found)
                    open_unit, blank_since = found, False
                    continue
                cleaned = found
                if _title_candidate(cleaned):
                    units.append(_unit("title", line, cleaned))
                    open_unit, blank_since = None, False
                    continue
            if "|" in cleaned and (row := _form_row(line, cleaned)):
                units.append(row)
                open_unit, blank_since = row, False
                continue
            starts_low = cleaned[0].islower() or cleaned[0] in "(%"
            continues = False
            if open_unit is not None and open_unit.kind in ("text", "row"):
                if blank_since:
                    continues = starts_low and not _ends_sentence(open_unit.text)
                else:
                    continues = starts_low or open_unit.kind == "text"
            # A heading follows a finished sentence, a gap, or a table ("… | 44" then "Avslutade … efter utfall").
            follows_sentence = (
                open_unit is None or blank_since or open_unit.kind == "cells" or _ends_sentence(open_unit.text)
            )
            next_line = _next_text(lines, index, skip_blank=False)
            heads_form = _is_form_label(_next_text(lines, index, skip_blank=True))
            if (
                _title_candidate(cleaned)
                and not next_line[:1].islower()
                and (follows_sentence or heads_form or self._names_scope(cleaned))
            ):
                units.append(_unit("title", line, cleaned))
                open_unit = None
            elif continues and open_unit is not None:
                open_unit.append(line, cleaned)
            else:
                open_unit = _unit("text", line, cleaned)
                units.append(open_unit)
            blank_since = False
        return prose_columns(units)

    def _names_scope(self, title: str) -> bool:
        return self.heading_insats(title) is not None or _category_of(title) is not None

    def period_in(self, norm: str) -> Period | None:
        """A date range the text states: "Sedan 1 april fram till 30 juni", "(1jan-31 mars)"."""
        for m in _RANGE.finditer(norm):
            first, last = month_number(m.group(2)), month_number(m.group(4))
            if not (first and last):
                continue
            year = int(m.group(5)) if m.group(5) else self.meta.period_end.year
            try:
                start, end = (
                    date(year, first, int(m.group(1))),
                    date(year, last, int(m.group(3))),
                )
            except ValueError:
                continue
            if start < end and self.meta.period_start <= end and start <= self.meta.period_end:
                return start, end
        return None


def _cells_unit(line: TextLine, raw: str, open_unit: Unit | None) -> Unit | str:
    """A tab row as a cells unit, or continued into the open one; a row of one cell is its text."""
    cells = [strip_markup(c) for c in raw.split("\t")]
    filled = [c for c in cells if c]
    if not cells[0] and open_unit is not None and open_unit.kind == "cells":
        open_unit.append(line, " | ".join(filled))  # a row continued on a later line
        open_unit.cells.extend(filled)
        return open_unit
    if len(filled) >= 2 or (not cells[0] and filled):
        content = " | ".join(cells[1:] if cells[0] else filled)
        return _unit("cells", line, content, label=cells[0] or None, cells=cells)
    return filled[0]


def _form_row(line: TextLine, cleaned: str) -> Unit | None:
    """A form row 'Label | content' (a short label with letters), else None."""
    parts = [p.strip() for p in cleaned.split("|")]
    label = parts[0]
    is_label = bool(label) and bool(re.search(r"[A-Za-zÅÄÖåäö]", label)) and len(label.split()) <= 6
    if is_label and any(parts[1:]):
        return _unit("row", line, " | ".join(p for p in parts[1:] if p), label=label)
    return None
