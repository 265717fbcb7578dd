"""Words and patterns that carry meaning in participant sentences (on normalized text).

The words themselves (cue verbs, measure nouns, sex words, volume nouns) are in
``sentence_words.csv`` beside this module, as normalized text (lower case, å/ä/ö
without marks); a word ending in ``*`` takes any ending. What stays here is
grammar: how numbers, shares and goals are printed, built around those words.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from finsam_warehouse.parsing.participants.vocabulary import (
    CURRENT,
    ENDED,
    MALE,
    STARTED,
)

# --- words that carry meaning (on normalized text) -----------------------------------

SENTENCE_WORDS = Path(__file__).with_name("sentence_words.csv")


def _load_words(path: Path) -> dict[str, list[tuple[str, str | None]]]:
    """The word list by role: (word, value or None), in file order."""
    by_role: dict[str, list[tuple[str, str | None]]] = {}
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            by_role.setdefault(row["role"], []).append((row["word"], row["value"] or None))
    return by_role


_WORDS = _load_words(SENTENCE_WORDS)
SENTENCE_WORD_ROLES = (
    "ended_cue", "ended_verb", "started_verb", "survey_verb", "taking_part", "association", "anonymous",
    "started_cue", "current_cue", "measure_label", "measure_noun", "measure_adjective", "sex_word", "volume_prefix",
)  # fmt: skip


def _alternatives(role: str) -> str:
    """The words of ``role`` as regex alternatives: whole words, a trailing ``*`` for any ending."""
    return "|".join(re.escape(w[:-1]) + r"\w*" if w.endswith("*") else re.escape(w) + r"\b" for w, _ in _WORDS[role])


def _cue(role: str) -> re.Pattern[str]:
    return re.compile(rf"\b(?:{_alternatives(role)})")


# Goals: mål, målet, resultatmål, målsättning (OCR: mdl, madl, mél, malsittning), ska, ambition.
_GOAL_WORD = re.compile(
    r"\b(?:resultat|budget|del|aktivitets|organisations|verksamhets)?m(?:a|d|ad|e)l(?:et|en)?\b"
    r"|\bm\w{0,2}ls\w{0,2}ttning\w*|\bska(?:ll)?\b|\bambition\w*"
)
# A goal stated as an infinitive: "Att 40% av …", "Arbeta med 30 individer …", "Nå …".
_GOAL_START = re.compile(r"^(?:att(?=[\s\d]|[a-z]{3,})|(?:arbeta|na|erbjuda|mota|uppna|ta emot)\s)")
# Where the result starts in a goal sentence: "men nuvarande resultat ligger på 83%".
# A sentence opening on a name and a colon: "Coachingteamet Lekeberg: …".
_LEADING_LABEL = re.compile(r"[^:.\d]{1,60}:\s*")
_RESULT_AFTER = re.compile(r"\bresultat(?:et)?\s+(?:ligger|ar|var|blev)\b|\butfall(?:et)?\s*:")
_ENDED_CUE = _cue("ended_cue")
_OUTCOME_VERB = re.compile(r"\b(?:gar|gatt|gick|kommit)\s+(?:vidare\s+)?(?:till|mot|som)\b|\bredo for\b")
_ENDED_VERB = _cue("ended_verb")
_STARTED_VERB = _cue("started_verb")
_ENDED_TO = re.compile(r"[^.;]*?\b(?:avslutats|avslutade|avslutas|gar|gatt|gick)\s+(?:vidare\s+)?(?:till|mot|som)\b")
_SURVEY = _cue("survey_verb")
# Verbs that make "personer" participants: "har nått 310 personer", "personer som deltagit".
_TAKING_PART = _cue("taking_part")
_ASSOCIATION = _cue("association")
_STRUCTURAL = re.compile(r"\bstruktur\w*vergripande\b")
_ANONYMOUS = _cue("anonymous")
_UNNAMED_INSATS = re.compile(r"\bi insats(?:en)?\b")
_YEAR_CUE = re.compile(r"\bunder (?:hela )?(?:aret|verksamhetsaret)\b|\bhel[a-z]?r\b|\bper ar\b|\barligen\b")
_PERIOD_CUE = re.compile(r"\bperiod(?:en)?\b")
_BULLET = re.compile(r"^\s*(?:[eo®•¥*\-–]\s+|\d{1,2}\.\s+)+")
_CLAUSE_BOUNDARY = re.compile(r"[.;:,]|\b(?:och|men|medan)\b")
# Measure words in a clause before a number: "Av de nyinskrivna är 52 kvinnor".
_CLAUSE_CUES: list[tuple[re.Pattern[str], str]] = [
    (_ENDED_CUE, ENDED),
    (_cue("started_cue"), STARTED),
    (_cue("current_cue"), CURRENT),
]

_NUMBER = re.compile(r"(?<![\w,.\-/])(\d{1,3}(?:[ \u00a0]\d{3})+|\d+)(?![\d]|,\d|\.\d|/\d|-\d)")
_PERCENT = re.compile(r"(?<![\d,.\-/])(\d{1,3}(?:,\d{1,2})?)\s*(?:%|procent\b)")
_RATIO = re.compile(r"\(\s*(\d+)\s*/\s*(\d+)\s*\)")
# The share right after a count: "9 personer (11%)", "54 individer / 44 %".
_COUNT_SHARE = re.compile(r"\s*(?:\(\s*|/\s*)(\d{1,3}(?:,\d{1,2})?)\s*(?:%|procent)\s*\)?")
# The one or two words after a number ("är" skipped): "6 kvinnor", "34 nya anmälningar", "115 är kvinnor".
_WORDS_AFTER = re.compile(r"\s+(?:ar\s+)?([a-z][a-z\-]*)(?:\s+([a-z][a-z\-]*))?")
# A measure label with a bare number: "Pågående: 12".
_LABEL_COLON = re.compile(rf"\b({'|'.join(w for w, _ in _WORDS['measure_label'])})\s*:\s*$")
_SUBCOUNT = re.compile(r"\s*av\s*(?:dessa|dem|de)\b")  # "32 av dessa"
# Counts that restate or describe rather than count: "En grupp på 10 personer",
# "registreras som 1 deltagare", "Två av de 15 deltagare".
_NOT_A_COUNT_BEFORE = re.compile(
    r"(?:\bgrupp\w*\s+pa|\bvarje\b.*|\bsom|(?:\d|\ben|\bett|\btva|\btre|\bfyra|\bfem)\s+av (?:de|dessa))\s*$"
)
_COMPARATIVE_YEAR = re.compile(r"\b((?:19|20)\d\d)\s*[;:]?\s*$")  # "(jfr 2021; 133 deltagare"
_SHARE_LINK = re.compile(r"(?:motsvarar|dvs|eller)\s*$")  # "32 av dessa, vilket motsvarar 48 procent"

_MEASURE_NOUNS: dict[str, str | None] = dict(_WORDS["measure_noun"])
_MEASURE_ADJECTIVES: dict[str, str | None] = dict(_WORDS["measure_adjective"])
_SEX_WORDS: dict[str, str | None] = dict(_WORDS["sex_word"])
_VOLUME_PREFIXES = tuple(w for w, _ in _WORDS["volume_prefix"])


@dataclass(frozen=True)
class Noun:
    kind: str  # "participant", "person" (counts with a measure or taking-part word) or "volume"
    measure: str | None = None
    sex: str | None = None


def noun_of(word: str) -> Noun | None:
    """What the word after a number counts, if it counts anything."""
    if word.startswith(("deltagar", "individ")):
        return Noun("participant")
    if word in ("personer", "personerna", "person"):
        return Noun("person")
    if word in _SEX_WORDS:
        return Noun("participant", sex=_SEX_WORDS[word])
    if word in _MEASURE_NOUNS:
        return Noun("participant", measure=_MEASURE_NOUNS[word])
    if word.startswith(_VOLUME_PREFIXES):
        return Noun("volume")
    return None


def _paren_regions(norm: str) -> list[tuple[int, int]]:
    regions: list[tuple[int, int]] = []
    stack: list[int] = []
    for i, ch in enumerate(norm):
        if ch == "(":
            stack.append(i)
        elif ch == ")" and stack:
            regions.append((stack.pop(), i + 1))
    return regions + [(start, len(norm)) for start in stack]


def _inside(pos: int, regions: Sequence[tuple[int, int]]) -> bool:
    return any(start <= pos < end for start, end in regions)


def _one_line(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def _int(printed: str) -> int:
    return int(re.sub(r"\D", "", printed))


def _percent(printed: str) -> Decimal:
    return Decimal(printed.replace(",", ".")).quantize(Decimal("0.01"))


# --- text units ------------------------------------------------------------------------


def noun_after(norm: str, printed: str, m: re.Match[str]) -> tuple[Noun | None, str | None, int, str | None]:
    """What the number ``m`` counts: (noun, measure of an adjective before it, end of the noun, words as printed).

    The end is -1 where the number must not count at all ("2 anonyma deltagare", "(6 mån)").
    """
    words = _WORDS_AFTER.match(norm, m.end())
    if not words:
        return None, None, m.end(), None
    first, second = words.group(1), words.group(2)
    if first == "anonyma":
        return None, None, -1, None
    if noun_of(first) is not None:
        group, adjective = 1, None
    elif first in _MEASURE_ADJECTIVES and second and noun_of(second) is not None:
        group, adjective = 2, _MEASURE_ADJECTIVES[first]
    else:
        return None, None, m.end(), None
    word = words.group(group)
    noun = noun_of(word)
    if noun is not None and noun.sex == MALE:
        if word == "men" and "kvinn" not in norm[max(0, m.start() - 25) : m.start()]:
            return None, None, m.end(), None  # "men" is "but" unless it follows "kvinnor och"
        if re.search(r"\(\s*$", norm[max(0, m.start() - 3) : m.start()]):
            return None, None, -1, None  # "(6 mån)": months
    return noun, adjective, words.end(group), _one_line(printed[words.start(1) : words.end(group)])


def _clause_cue(norm: str, start: int, end: int) -> tuple[str, str] | None:
    """The measure word nearest before a number in its clause: "Av de nyinskrivna är 52 kvinnor"."""
    best: tuple[int, str, str] | None = None
    for pattern, measure in _CLAUSE_CUES:
        for m in pattern.finditer(norm, start, end):
            if best is None or m.start() > best[0]:
                best = (m.start(), measure, m.group(0))
    return (best[1], best[2]) if best else None
