"""Words and patterns that carry meaning in participant sentences (on normalized text)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from finsam_warehouse.parsing.participants.vocabulary import (
    CURRENT,
    ENDED,
    FEMALE,
    MALE,
    STARTED,
)

# --- words that carry meaning (on normalized text) -----------------------------------

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
_ENDED_CUE = re.compile(r"\bavslut\w*|\butskriv\w*|\bskrivits ut\b|\bskrivs ut\b")
_OUTCOME_VERB = re.compile(r"\b(?:gar|gatt|gick|kommit)\s+(?:vidare\s+)?(?:till|mot|som)\b|\bredo for\b")
_ENDED_VERB = re.compile(r"\b(?:avslutats|avslutat|avslutas|avslutades|skrivits ut)\b")
_STARTED_VERB = re.compile(r"\b(?:paborjat|paborjade|paborjats|skrivits in|skrivs in)\b")
_ENDED_TO = re.compile(r"[^.;]*?\b(?:avslutats|avslutade|avslutas|gar|gatt|gick)\s+(?:vidare\s+)?(?:till|mot|som)\b")
_SURVEY = re.compile(r"\b(?:upplev\w*|uppger|uppgav|svarar|svarade|anser|nojda|tycker|tyckte|kanner|uppfatt\w*)\b")
# Verbs that make "personer" participants: "har nått 310 personer", "personer som deltagit".
_TAKING_PART = re.compile(
    r"\b(?:natt|nadde|deltagit|deltar|deltog|tagit del|tar del|arbetat med|arbetar med|tagit emot|tar emot)\b"
)
_ASSOCIATION = re.compile(r"\b(?:samordnings)?forbund(?:et|ets)\b")
_STRUCTURAL = re.compile(r"\bstruktur\w*vergripande\b")
_ANONYMOUS = re.compile(r"\banonym")
_UNNAMED_INSATS = re.compile(r"\bi insats(?:en)?\b")
_YEAR_CUE = re.compile(r"\bunder (?:hela )?(?:aret|verksamhetsaret)\b|\bhel[a-z]?r\b|\bper ar\b|\barligen\b")
_PERIOD_CUE = re.compile(r"\bperiod(?:en)?\b")
_BULLET = re.compile(r"^\s*(?:[eo®•¥*\-–]\s+|\d{1,2}\.\s+)+")
_CLAUSE_BOUNDARY = re.compile(r"[.;:,]|\b(?:och|men|medan)\b")
_CLAUSE_CUES: list[tuple[re.Pattern[str], str]] = [
    (_ENDED_CUE, ENDED),
    (re.compile(r"\bnyinskriv\w*|\bpaborja\w*"), STARTED),
    (re.compile(r"\baktuella\b|\bpagaende\b"), CURRENT),
]

_NUMBER = re.compile(r"(?<![\w,.\-/])(\d{1,3}(?:[ \u00a0]\d{3})+|\d+)(?![\d]|,\d|\.\d|/\d|-\d)")
_PERCENT = re.compile(r"(?<![\d,.\-/])(\d{1,3}(?:,\d{1,2})?)\s*(?:%|procent\b)")
_RATIO = re.compile(r"\(\s*(\d+)\s*/\s*(\d+)\s*\)")
# The share right after a count: "9 personer (11%)", "54 individer / 44 %".
_COUNT_SHARE = re.compile(r"\s*(?:\(\s*|/\s*)(\d{1,3}(?:,\d{1,2})?)\s*(?:%|procent)\s*\)?")
# The one or two words after a number ("är" skipped): "6 kvinnor", "34 nya anmälningar", "115 är kvinnor".
_WORDS_AFTER = re.compile(r"\s+(?:ar\s+)?([a-z][a-z\-]*)(?:\s+([a-z][a-z\-]*))?")
# A measure label with a bare number: "Pågående: 12".
_LABEL_COLON = re.compile(r"\b(pagaende|aktuella|avslutade|nyinskrivna|paborjade|inskrivna|deltagare)\s*:\s*$")
_SUBCOUNT = re.compile(r"\s*av\s*(?:dessa|dem|de)\b")  # "32 av dessa"
# Counts that restate or describe rather than count: "En grupp på 10 personer",
# "registreras som 1 deltagare", "Två av de 15 deltagare".
_NOT_A_COUNT_BEFORE = re.compile(
    r"(?:\bgrupp\w*\s+pa|\bvarje\b.*|\bsom|(?:\d|\ben|\bett|\btva|\btre|\bfyra|\bfem)\s+av (?:de|dessa))\s*$"
)
_COMPARATIVE_YEAR = re.compile(r"\b((?:19|20)\d\d)\s*[;:]?\s*$")  # "(jfr 2021; 133 deltagare"
_SHARE_LINK = re.compile(r"(?:motsvarar|dvs|eller)\s*$")  # "32 av dessa, vilket motsvarar 48 procent"

_MEASURE_NOUNS: dict[str, str] = {
    "nyinskrivna": STARTED, "nyinskrivningar": STARTED, "paborjade": STARTED, "anmalningar": STARTED,
    "inskrivna": CURRENT, "aktuella": CURRENT, "pagaende": CURRENT,
    "avslutade": ENDED, "avslut": ENDED, "utskrivna": ENDED, "utskrivningar": ENDED,
}  # fmt: skip
_MEASURE_ADJECTIVES: dict[str, str | None] = {
    "nya": STARTED, "nyinskrivna": STARTED, "avslutade": ENDED, "aktuella": CURRENT, "pagaende": CURRENT,
    "unika": None, "aktiva": None,
}  # fmt: skip
_SEX_WORDS = {
    "kvinnor": FEMALE,
    "kvinna": FEMALE,
    "kvinnorna": FEMALE,
    "man": MALE,
    "mannen": MALE,
    "men": MALE,
}
_VOLUME_PREFIXES = (
    "mote", "moten", "tillfalle", "kontakt", "arende", "drende", "kartl", "vagledning", "konsultation",
    "plats", "samtal", "timm", "dag", "vecka", "veckor", "manad", "kr", "tkr", "handlaggare",
    "registrering", "bedomning", "utredning",
)  # fmt: skip


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
