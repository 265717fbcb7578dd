"""The words statistics exports use, handed in as data from the dbt seeds.

Column headers map to a meaning (an insats column, a measure, an outcome, a
share, ...), cell words to a sex or to the row over all insatser, and insats
names to the insats registry. Everything is matched on folded text (lower case,
å/ä/ö/é without their marks, letters only), as dbt matches the seeds.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from finsam_warehouse.parsing.ocr_repair import fold

# Roles of statistics_vocabulary.csv rows.
COLUMN_ROLES = ("insats", "sex", "organisation", "org_nr", "period_start", "period_end", "measure", "share")
CELL_ROLES = ("sex_value", "insats_total", "period", "anonymous", "anonymous_excluded")
ROLES = COLUMN_ROLES + CELL_ROLES
MEASURES = ("participants", "started", "ended", "current")
SEXES = ("female", "male", "all")
MAX_HEADER_WORDS = 8


@dataclass(frozen=True)
class ColumnMeaning:
    """What a column holds: a role, its code (measure, outcome), and a sex where the header names one."""

    role: str  # a COLUMN_ROLES entry, or 'outcome'
    code: str | None = None
    sex: str | None = None


@dataclass(frozen=True)
class _Phrase:
    words: tuple[str, ...]
    role: str
    code: str | None


def _contains(words: tuple[str, ...], phrase: tuple[str, ...]) -> bool:
    n = len(phrase)
    return any(words[i : i + n] == phrase for i in range(len(words) - n + 1))


class StatisticsVocabulary:
    """Column words, cell words and insats names, as data."""

    def __init__(
        self,
        terms: Iterable[Mapping[str, str]],
        outcomes: Iterable[Mapping[str, str]],
        insats_aliases: Iterable[Mapping[str, str]],
    ) -> None:
        self.terms = [dict(t) for t in terms]
        self.outcomes = [dict(o) for o in outcomes]
        self.insats_aliases = [dict(a) for a in insats_aliases]
        self._phrases = [
            _Phrase(tuple(fold(t["phrase"]).split()), t["role"], t.get("code") or None)
            for t in self.terms
            if fold(t["phrase"]) and t["role"] in ROLES
        ]
        self._outcomes = [
            _Phrase(tuple(fold(o["phrase"]).split()), "outcome", o["outcome"]) for o in self.outcomes if fold(o["phrase"])
        ]
        self._insats = {
            (a["association_id"], fold(a["alias"])): a["insats_id"] for a in self.insats_aliases if fold(a["alias"])
        }

    def fingerprint(self) -> str:
        """Changes when any word changes: a file read with other words is read again."""
        data = json.dumps([self.terms, self.outcomes, self.insats_aliases], sort_keys=True, ensure_ascii=False)
        return hashlib.sha256(data.encode()).hexdigest()[:12]

    # -- cells ---------------------------------------------------------------

    def _cell_role(self, text: str, role: str) -> _Phrase | None:
        key = tuple(fold(text).split())
        return next((p for p in self._phrases if p.role == role and p.words == key), None)

    def sex_of(self, text: str) -> str | None:
        """female / male / all for a cell such as Kvinna, Män, Totalt."""
        found = self._cell_role(text, "sex_value")
        return found.code if found else None

    def is_insats_total(self, text: str) -> bool:
        """A row label meaning every insats together ("Samtliga insatser")."""
        return self._cell_role(text, "insats_total") is not None

    def mentions(self, text: str, role: str) -> bool:
        """``text`` holds a phrase of ``role`` as whole words (e.g. 'anonyma')."""
        words = tuple(fold(text).split())
        return any(p.role == role and _contains(words, p.words) for p in self._phrases)

    def insats_id(self, association_id: str, name: str) -> str | None:
        return self._insats.get((association_id, fold(name)))

    # -- column headers ------------------------------------------------------

    def column(self, header: str) -> ColumnMeaning | None:
        """What a header means, or None for a column these words do not know."""
        words = tuple(fold(header).split())
        if not words or len(words) > MAX_HEADER_WORDS:  # prose, not a header
            return None
        for phrase in self._phrases:
            if phrase.words == words and phrase.role in COLUMN_ROLES:
                return self._meaning(phrase, words)
        for phrase in self._outcomes:
            if phrase.words == words:
                return ColumnMeaning("outcome", phrase.code)
        return self._contained_meaning(words)

    def _contained_meaning(self, words: tuple[str, ...]) -> ColumnMeaning | None:
        """The longest known phrase inside the header: 'Antal deltagare kvinnor', 'Andel till arbete (%)'."""
        column_hits = [p for p in self._phrases if p.role in COLUMN_ROLES and _contains(words, p.words)]
        outcome = max((p for p in self._outcomes if _contains(words, p.words)), key=lambda p: len(p.words), default=None)
        shares = [p for p in column_hits if p.role == "share"]
        if shares:  # a share of ended participants: of the outcome the seed row or the header names
            code = next((p.code for p in shares if p.code), None) or (outcome.code if outcome else None)
            return ColumnMeaning("share", code) if code else None
        best = max(column_hits, key=lambda p: len(p.words), default=None)
        if best is not None:
            return self._meaning(best, words)
        return ColumnMeaning("outcome", outcome.code) if outcome else None

    def _meaning(self, phrase: _Phrase, words: tuple[str, ...]) -> ColumnMeaning:
        sex = None
        if phrase.role == "measure":
            rest = tuple(w for w in words if w not in phrase.words)
            sexes = {p.code for p in self._phrases if p.role == "sex_value" and p.words and _contains(rest, p.words)}
            sex = sexes.pop() if len(sexes) == 1 else None
        return ColumnMeaning(phrase.role, phrase.code, sex)
