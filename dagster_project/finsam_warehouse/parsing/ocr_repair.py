"""OCR repair of text: clean markup, fold Swedish letters, match known labels.

OCR without Swedish language data turns å/ä into a, 4, d or i and ö into 6, o
or é. Labels are compared in a folded form (lower case, no diacritics, no
punctuation) and matched to a vocabulary with rapidfuzz, so that
"Omsittningstillgangar" is found as "Omsättningstillgångar".
"""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Generic, TypeVar

from rapidfuzz import fuzz, process

_TAG = re.compile(r"</?[a-zA-Z][^>]*>")
_MARKDOWN = re.compile(r"^\s*#+\s*|\*\*|__|\\(?=[*_])")
# OCR digits standing for letters inside words: "6versiktlig", "l6pande", "14n".
_DIGIT_IN_WORD = re.compile(r"(?<=[a-zåäöé])[46](?=[a-zåäöé])|^[6](?=[a-zåäö])|(?<= )6(?=[a-zåäö])")
_DIGIT_AS_LETTER = {"4": "a", "6": "o"}
# Diacritics left apart by NFKD (ring, diaeresis, accents); any other mark becomes a space below.
_NOT_LETTER = re.compile(r"[^a-z ]+")
_NOT_ALNUM = re.compile(r"[^a-z0-9 ]+")
_SPACES = re.compile(r" +")
_COMBINING_MARK = re.compile("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")

T = TypeVar("T")


@lru_cache(maxsize=1 << 16)  # every reader strips the same lines
def strip_markup(text: str) -> str:
    """Remove HTML tags, markdown emphasis and heading marks; unescape entities."""
    text = _TAG.sub("", text)
    text = _MARKDOWN.sub("", text)
    return html.unescape(text).strip()


@lru_cache(maxsize=1 << 16)  # readers fold the same labels and lines many times
def fold(text: str, keep_digits: bool = False) -> str:
    """Lower case ASCII letters and single spaces: the form labels are matched in."""
    text = text.lower()
    text = _DIGIT_IN_WORD.sub(lambda m: _DIGIT_AS_LETTER[m.group(0)], text)
    text = _COMBINING_MARK.sub("", unicodedata.normalize("NFKD", text))
    text = (_NOT_ALNUM if keep_digits else _NOT_LETTER).sub(" ", text)
    return _SPACES.sub(" ", text).strip()


@dataclass(frozen=True)
class VocabularyMatch(Generic[T]):
    entry: T
    phrase: str
    score: float


class Vocabulary(Generic[T]):
    """Known phrases, each pointing at an entry; fuzzy lookup on folded text."""

    def __init__(self, phrases: Iterable[tuple[str, T]], min_score: float = 86.0) -> None:
        self._phrases: list[str] = []
        self._folded: list[str] = []
        self._entries: list[T] = []
        for phrase, entry in phrases:
            self._phrases.append(phrase)
            self._folded.append(fold(phrase))
            self._entries.append(entry)
        self._exact = {folded: i for i, folded in reversed(list(enumerate(self._folded)))}
        self._found: dict[str, VocabularyMatch[T] | None] = {}  # folded text → match, per report lines repeat
        self.min_score = min_score

    def match(self, text: str) -> VocabularyMatch[T] | None:
        folded = fold(text)
        if not folded:
            return None
        if folded not in self._found:
            self._found[folded] = self._lookup(folded)
        return self._found[folded]

    def forget_matches(self) -> None:
        """Empty the lookup memory (as a freshly started process has it)."""
        self._found.clear()

    def _lookup(self, folded: str) -> VocabularyMatch[T] | None:
        if folded in self._exact:
            i = self._exact[folded]
            return VocabularyMatch(self._entries[i], self._phrases[i], 100.0)
        best = process.extractOne(folded, self._folded, scorer=fuzz.ratio, score_cutoff=self.min_score)
        if best is None:
            return None
        _, score, i = best
        return VocabularyMatch(self._entries[i], self._phrases[i], float(score))

    def starts_with(self, text: str) -> VocabularyMatch[T] | None:
        """Match a phrase at the start of ``text`` (a heading followed by other words)."""
        words = fold(text).split()
        for n in range(len(words), 0, -1):
            found = self.match(" ".join(words[:n]))
            if found is not None:
                return found
        return None


def repaired_label(printed: str, known: str) -> str:
    """The label to show: the printed one where it is intact, else the known spelling."""
    if printed.strip().lower() == known.lower():
        return printed.strip()
    return known


class WordRepair:
    """Repairs OCR-damaged words one by one against a list of correctly spelled words.

    "Driftbidrag fran Hallefors kommun" becomes "Driftbidrag från Hällefors kommun".
    A word is replaced only where its folded form equals a known word's, or, for
    words of five letters or more, differs in at most one letter in five at the
    same places (OCR swaps letters; it does not shorten words).
    """

    def __init__(self, words: Iterable[str]) -> None:
        self._by_fold: dict[str, str] = {}
        for word in words:
            self._by_fold.setdefault(fold(word), word)

    def _known(self, word: str) -> str | None:
        folded = fold(word)
        if not folded or " " in folded:
            return None
        if folded in self._by_fold:
            return self._by_fold[folded]
        if len(folded) < 5:
            return None
        allowed = len(folded) // 5
        for known_fold, known in self._by_fold.items():
            if len(known_fold) == len(folded) and sum(a != b for a, b in zip(known_fold, folded)) <= allowed:
                return known
        return None

    def with_words(self, words: Iterable[str]) -> WordRepair:
        """A repair knowing this one's words and ``words`` (this one's spelling first)."""
        return WordRepair([*self._by_fold.values(), *words])

    def repair(self, text: str) -> str:
        return self._replace_words(text, self._known)

    def restore_marks(self, text: str) -> str:
        """Only words that are a known word without its å/ä/ö/é get them back; nothing else changes."""
        return self._replace_words(text, lambda word: self._by_fold.get(fold(word)))

    @staticmethod
    def _replace_words(text: str, known_word: Callable[[str], str | None]) -> str:
        def fix(match: re.Match[str]) -> str:
            word = match.group(0)
            known = known_word(word)
            if known is None or known.lower() == word.lower():
                return word
            if word[0].isupper():
                return known[0].upper() + known[1:]
            return known

        return re.sub(r"[A-Za-zÅÄÖåäöéÉ0-9]*[A-Za-zÅÄÖåäöéÉ][A-Za-zÅÄÖåäöéÉ0-9]*", fix, text)


def any_word_matches(text: str, words: Sequence[str], min_score: float = 85.0) -> bool:
    folded_words = fold(text).split()
    targets = [fold(w) for w in words]
    return any(fuzz.ratio(w, t) >= min_score for w in folded_words for t in targets)
