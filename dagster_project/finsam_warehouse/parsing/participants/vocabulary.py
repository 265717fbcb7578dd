"""Seeds, measures and the normalized text that participant words are matched on."""

from __future__ import annotations

import csv
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path

from finsam_warehouse.parsing.ocr_repair import fold

PARTICIPANTS, STARTED, ENDED, CURRENT = "participants", "started", "ended", "current"
# People at structural activities (training days, networks, fairs): kept in the
# raw table, left out of the participant marts.
ATTENDEES = "attendees"
MEASURES = (PARTICIPANTS, STARTED, ENDED, CURRENT, ATTENDEES)
ALL, FEMALE, MALE = "all", "female", "male"

Period = tuple[date, date]
Outcome = tuple[str, str]  # (phrase as printed, key)

# --- seeds --------------------------------------------------------------------


@dataclass(frozen=True)
class SeedPhrase:
    """A name from a seed: an insats alias (value = category) or an outcome phrase (value = code)."""

    printed: str
    words: tuple[str, ...]
    value: str | None
    association_id: str | None = None
    insats_id: str | None = None

    @property
    def key(self) -> str:
        return " ".join(self.words)


@lru_cache(maxsize=8)
def _read_seed(path: Path, modified: float, kind: str) -> tuple[SeedPhrase, ...]:
    phrases: dict[tuple[str, str | None], SeedPhrase] = {}
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            if kind == "insats":
                names = [
                    row.get("display_name") or "",
                    *(row.get("aliases") or "").split("|"),
                ]
                owner = (
                    row.get("category") or None,
                    row.get("association_id"),
                    row.get("insats_id"),
                )
            else:
                names = [row.get("phrase") or ""]
                owner = (row.get("outcome") or None, None, None)
            for name in names:
                words = tuple(fold(name).split())
                if words:
                    phrases.setdefault(
                        (" ".join(words), owner[2]),
                        SeedPhrase(name.strip(), words, *owner),
                    )
    return tuple(phrases.values())


def _seed(path: Path, kind: str) -> tuple[SeedPhrase, ...]:
    if not path.exists():
        return ()
    return _read_seed(path, path.stat().st_mtime, kind)


def insats_names(insats_seed: Path, association_id: str | None = None) -> tuple[SeedPhrase, ...]:
    """Names of the insatser participants can belong to (not administration).

    Only the association's own insatser when ``association_id`` is given.
    """
    return tuple(
        p for p in _seed(insats_seed, "insats")
        if p.value != "administration" and association_id in (None, p.association_id)
    )  # fmt: skip


def outcome_phrases(outcome_seed: Path) -> tuple[SeedPhrase, ...]:
    return _seed(outcome_seed, "outcome")


# --- normalized text -----------------------------------------------------------

# OCR digits standing for letters: "4n" (än), "6ka" (öka), "m4n" (män).
_OCR_DIGIT = re.compile(r"(?<=[a-z])[46](?=[a-z])|(?<![a-z0-9,.\-])[46](?=[a-z])")
_WORD = re.compile(r"[a-z]+")


@lru_cache(maxsize=1 << 14)  # the same lines are normalized by several readers
def normalize(text: str) -> str:
    """Lower case ASCII with OCR digits repaired, exactly as long as ``text``.

    A position in the result is the same position in the printed text, so a
    match can be cut out of the printed text as printed.
    """
    folded = "".join(map(_normalized_char, text))
    return _OCR_DIGIT.sub(lambda m: "a" if m.group(0) == "4" else "o", folded)


@lru_cache(maxsize=4096)
def _normalized_char(ch: str) -> str:
    """One character lower-cased and stripped of diacritics; footnote marks become spaces."""
    if unicodedata.category(ch) == "No":  # superscript footnote marks
        return " "
    low = ch.lower() if len(ch.lower()) == 1 else ch
    base = unicodedata.normalize("NFKD", low)[:1] or low
    return " " if base.isspace() else base


@dataclass(frozen=True)
class Found:
    start: int
    end: int
    phrase: SeedPhrase


# Phrase tuples (a report's vocabulary) → the tuple and its phrases by first word.
_FIRST_WORD_INDEXES: dict[int, tuple[Sequence[SeedPhrase], dict[str, list[SeedPhrase]]]] = {}


def _by_first_word(phrases: Sequence[SeedPhrase]) -> dict[str, list[SeedPhrase]]:
    """The phrases by their first word; built once per tuple (a list may change, so it is indexed anew)."""
    cached = _FIRST_WORD_INDEXES.get(id(phrases))
    if cached is not None and cached[0] is phrases:
        return cached[1]
    by_first: dict[str, list[SeedPhrase]] = {}
    for phrase in phrases:
        by_first.setdefault(phrase.words[0], []).append(phrase)
    if isinstance(phrases, tuple):
        if len(_FIRST_WORD_INDEXES) >= 16:
            _FIRST_WORD_INDEXES.clear()
        _FIRST_WORD_INDEXES[id(phrases)] = (phrases, by_first)
    return by_first


def find_phrases(norm: str, phrases: Sequence[SeedPhrase], start: int = 0, end: int | None = None) -> list[Found]:
    """Seed phrases occurring as whole words in ``norm[start:end]``: longest first, no overlaps."""
    stop = len(norm) if end is None else end
    spans = [(m.start(), m.end(), m.group(0)) for m in _WORD.finditer(norm, start, stop)]
    words = [w for _, _, w in spans]
    by_first = _by_first_word(phrases)
    candidates = [
        Found(spans[i][0], spans[i + len(p.words) - 1][1], p)
        for i, word in enumerate(words)
        for p in by_first.get(word, ())
        if tuple(words[i : i + len(p.words)]) == p.words
    ]
    chosen: list[Found] = []
    for cand in sorted(candidates, key=lambda f: (f.start - f.end, f.start)):
        if all(cand.end <= other.start or cand.start >= other.end for other in chosen):
            chosen.append(cand)
    return sorted(chosen, key=lambda f: f.start)
