"""Participant figures by measure, sex and outcome, from tables and sentences.

Reports give these figures as a table (Totalt / Kvinna / Man per measure) or, more
often, in sentences: "9 individer, 6 kvinnor och 3 män", "Totalt har 79 deltagare
avslutats varav 43 kvinnor och 36 man", "31 % (12/39), 2 arbete, 1 studier, …".
The rules read such wording wherever it occurs:

* A number followed by a participant noun (deltagare, individer, kvinnor, män,
  nyinskrivna, avslutade, …) is a count. The noun, the words around it and the
  head count of its sentence decide the measure and the sex. Volumes (möten,
  tillfällen, ärenden, kartläggningar) are not participants and are skipped.
* A percentage is kept where it belongs to a count ("9 personer (11%)"), to a
  ratio ("71 % (5/7)") or to an outcome of ended participants ("fortsatt
  rehabilitering (80%)").
* Outcomes are the phrases of the outcome seed, or the items of a list such as
  "3 arbete, 1 studier, 1 åter remittent" after an ended count or a ratio.
* Goals (mål, målsättning, "ska", a sentence opening with "Att" or "Arbeta med",
  the first sentence of a numbered goal item) are targets. A figure printed in
  parentheses beside a goal, or after "resultatet ligger på", is a result.
* A heading, an insats table row or an insats named in the sentence decides the
  insats; a sentence about "förbundet" is about the whole association. Figures
  under structural headings count attendees, not participants.

Insats names and outcome phrases come from the dbt seeds ``insats.csv`` and
``participant_outcomes.csv``. Each row carries the folded name it matched
(``insats_key``, ``outcome_key``); dbt resolves insats_id and the outcome code
from the same seeds, so a seed edit needs no new parse.
"""

from __future__ import annotations

import csv
import re
import unicodedata
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from decimal import Decimal
from functools import lru_cache
from pathlib import Path
from typing import Any

from rapidfuzz import fuzz

from finsam_warehouse import settings
from finsam_warehouse.parsing.dates import ISO_DATE, iso_date, month_number
from finsam_warehouse.parsing.models import ReportMetadata, TextLine
from finsam_warehouse.parsing.ocr_repair import Vocabulary, fold, strip_markup

SEEDS_DIR = settings.DBT_PROJECT_DIR / "seeds"
INSATS_SEED = SEEDS_DIR / "insats.csv"
OUTCOME_SEED = SEEDS_DIR / "participant_outcomes.csv"

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
                names = [row.get("display_name") or "", *(row.get("aliases") or "").split("|")]
                owner = (row.get("category") or None, row.get("association_id"), row.get("insats_id"))
            else:
                names = [row.get("phrase") or ""]
                owner = (row.get("outcome") or None, None, None)
            for name in names:
                words = tuple(fold(name).split())
                if words:
                    phrases.setdefault((" ".join(words), owner[2]), SeedPhrase(name.strip(), words, *owner))
    return tuple(phrases.values())


def _seed(path: Path, kind: str) -> tuple[SeedPhrase, ...]:
    if not path.exists():
        return ()
    return _read_seed(path, path.stat().st_mtime, kind)


def insats_names(association_id: str | None = None) -> tuple[SeedPhrase, ...]:
    """Names of the insatser participants can belong to (not administration).

    Only the association's own insatser when ``association_id`` is given.
    """
    return tuple(
        p for p in _seed(INSATS_SEED, "insats")
        if p.value != "administration" and association_id in (None, p.association_id)
    )  # fmt: skip


def outcome_phrases() -> tuple[SeedPhrase, ...]:
    return _seed(OUTCOME_SEED, "outcome")


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


def find_phrases(norm: str, phrases: Sequence[SeedPhrase], start: int = 0, end: int | None = None) -> list[Found]:
    """Seed phrases occurring as whole words in ``norm[start:end]``: longest first, no overlaps."""
    stop = len(norm) if end is None else end
    spans = [(m.start(), m.end(), m.group(0)) for m in _WORD.finditer(norm, start, stop)]
    words = [w for _, _, w in spans]
    by_first: dict[str, list[SeedPhrase]] = {}
    for phrase in phrases:
        by_first.setdefault(phrase.words[0], []).append(phrase)
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


# --- words that carry meaning (on normalized text) -----------------------------------

# Goals: mål, målet, resultatmål, målsättning (OCR: mdl, madl, mél, malsittning), ska, ambition.
_GOAL_WORD = re.compile(
    r"\b(?:resultat|budget|del|aktivitets|organisations|verksamhets)?m(?:a|d|ad|e)l(?:et|en)?\b"
    r"|\bm\w{0,2}ls\w{0,2}ttning\w*|\bska(?:ll)?\b|\bambition\w*"
)
# A goal stated as an infinitive: "Att 40% av …", "Arbeta med 30 individer …", "Nå …".
_GOAL_START = re.compile(r"^(?:att(?=[\s\d]|[a-z]{3,})|(?:arbeta|na|erbjuda|mota|uppna|ta emot)\s)")
# Where the result starts in a goal sentence: "men nuvarande resultat ligger på 83%".
_RESULT_AFTER = re.compile(r"\bresultat(?:et)?\s+(?:ligger|ar|var|blev)\b|\butfall(?:et)?\s*:")
_ENDED_CUE = re.compile(r"\bavslut\w*|\butskriv\w*|\bskrivits ut\b|\bskrivs ut\b")
_OUTCOME_VERB = re.compile(r"\b(?:gar|gatt|gick|kommit)\s+(?:vidare\s+)?(?:till|mot|som)\b|\bredo for\b")
_ENDED_VERB = re.compile(r"\b(?:avslutats|avslutat|avslutas|avslutades|skrivits ut)\b")
_STARTED_VERB = re.compile(r"\b(?:paborjat|paborjade|paborjats|skrivits in|skrivs in)\b")
_ENDED_TO = re.compile(
    r"[^.;]*?\b(?:avslutats|avslutade|avslutas|gar|gatt|gick)\s+(?:vidare\s+)?(?:till|mot|som)\b"
)
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
_SEX_WORDS = {"kvinnor": FEMALE, "kvinna": FEMALE, "kvinnorna": FEMALE, "man": MALE, "mannen": MALE, "men": MALE}
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
_FORM_LABELS = ("syfte", "malgrupp", "madlgrupp", "insatsagare", "samverkansparter", "typ av insats")
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


@dataclass(frozen=True)
class InsatsRef:
    label: str  # as printed
    key: str  # folded name, matched by dbt against the seed's aliases
    category: str | None = None
    insats_id: str | None = None  # where a seed alias matched; tells repeats of one figure apart


@dataclass(frozen=True)
class Scope:
    insats: InsatsRef | None = None
    structural: bool = False
    period: Period | None = None
    block: int = 0


@dataclass
class Figure:
    measure: str
    sex: str
    count: int | None
    share: Decimal | None
    is_target: bool
    line: TextLine
    raw_text: str
    outcome: Outcome | None = None
    measure_printed: str | None = None
    insats: InsatsRef | None = None
    structural: bool = False
    period: Period | None = None
    group: int = 0
    block: int = 0
    about_unnamed_insats: bool = False  # "antal deltagare i insatsen" with no insats named


@dataclass(frozen=True)
class Goal:
    """What the goal of a numbered goal item is about: its results inherit it."""

    outcome: Outcome | None = None
    ended: bool = False


@dataclass(frozen=True)
class Head:
    """The main count of a sentence: sex counts and 'varav' counts inherit its measure."""

    measure: str
    kind: str


# --- reading ---------------------------------------------------------------------------------


class ParticipantReader:
    """Reads the participant figures of one report's text."""

    def __init__(self, meta: ReportMetadata, insats: Sequence[SeedPhrase], outcomes: Sequence[SeedPhrase]) -> None:
        self.meta = meta
        self.insats = list(insats)
        self.outcomes = list(outcomes)
        self.insats_vocabulary: Vocabulary[SeedPhrase] = Vocabulary((p.printed, p) for p in self.insats)
        self.outcome_vocabulary: Vocabulary[SeedPhrase] = Vocabulary((p.printed, p) for p in self.outcomes)
        self.report_period: Period = (meta.period_start, meta.period_end)
        self.fiscal_year: Period = (date(meta.period_end.year, 1, 1), date(meta.period_end.year, 12, 31))

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
                cells = [strip_markup(c) for c in raw.split("\t")]
                filled = [c for c in cells if c]
                if not cells[0] and open_unit is not None and open_unit.kind == "cells":
                    open_unit.append(line, " | ".join(filled))  # a row continued on a later line
                    open_unit.cells.extend(filled)
                    blank_since = False
                    continue
                if len(filled) >= 2 or (not cells[0] and filled):
                    content = " | ".join(cells[1:] if cells[0] else filled)
                    open_unit = _unit("cells", line, content, label=cells[0] or None, cells=cells)
                    units.append(open_unit)
                    blank_since = False
                    continue
                cleaned = filled[0]
                if _title_candidate(cleaned):
                    units.append(_unit("title", line, cleaned))
                    open_unit = None
                    blank_since = False
                    continue
            if "|" in cleaned:
                parts = [p.strip() for p in cleaned.split("|")]
                label = parts[0]
                is_label = bool(label) and bool(re.search(r"[A-Za-zÅÄÖåäö]", label)) and len(label.split()) <= 6
                if is_label and any(parts[1:]):
                    open_unit = _unit("row", line, " | ".join(p for p in parts[1:] if p), label=label)
                    units.append(open_unit)
                    blank_since = False
                    continue
            starts_low = cleaned[0].islower() or cleaned[0] in "(%"
            continues = False
            if open_unit is not None and open_unit.kind in ("text", "row"):
                if blank_since:
                    continues = starts_low and not _ends_sentence(open_unit.text)
                else:
                    continues = starts_low or open_unit.kind == "text"
            follows_sentence = open_unit is None or blank_since or _ends_sentence(open_unit.text)
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
        return units

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
                start, end = date(year, first, int(m.group(1))), date(year, last, int(m.group(3)))
            except ValueError:
                continue
            if start < end and self.meta.period_start <= end and start <= self.meta.period_end:
                return start, end
        return None


class _ReportReading:
    """The walk over one report's units: scope, tables, sentences."""

    def __init__(self, reader: ParticipantReader, units: list[Unit]) -> None:
        self.reader = reader
        self.units = units
        self.figures: list[Figure] = []
        self.scope = Scope()
        self.subheading = ""  # the latest heading, normalized
        self.group = 0
        self.blocks = 0
        self.anonymous_blocks: set[int] = set()
        self.table_mode: str | None = None  # "sex_columns", "sex_rows", "insats_rows", "volume", "attributes"
        self.table_columns: dict[int, str] = {}
        self.run_named_insats = False  # a heading of the current run of headings named the insats

    def run(self) -> list[Figure]:
        for index, unit in enumerate(self.units):
            if _ANONYMOUS.search(normalize(f"{unit.label or ''} {unit.text}")):
                self.anonymous_blocks.add(self.scope.block)
            if unit.kind == "title":
                self.on_heading(index, unit.text)
                continue
            if unit.kind == "text" and not _is_footnote(unit.text):
                self.table_mode = None
            self.group += 1
            first = len(self.figures)
            if unit.kind == "cells":
                self.read_cells(unit)
            else:
                self.read_unit(unit, self.scope)
            self.attach_chart_legend(index, unit, self.figures[first:])
        for figure in self.figures:
            if figure.measure == PARTICIPANTS and figure.structural:
                figure.measure = ATTENDEES
        return self.figures

    # -- headings

    def new_block(
        self, insats: InsatsRef | None = None, structural: bool = False, period: Period | None = None
    ) -> None:
        self.blocks += 1
        self.scope = Scope(insats, structural, period, self.blocks)

    def on_heading(self, index: int, title: str) -> None:
        in_run = index > 0 and self.units[index - 1].kind == "title"
        self.subheading = normalize(title)
        self.table_mode = "insats_rows" if re.search(r"\binsats(?:er)?\b", self.subheading) else None
        named = self.reader.heading_insats(title)
        category = _category_of(title)
        if named is not None:
            structural = named.category == "structural" or category == "structural" or (
                named.category is None and category is None and self.scope.structural
            )
            self.new_block(named, structural, self.reader.period_in(normalize(title)))
            self.table_mode = None
        elif category is not None:
            self.new_block(structural=category == "structural")
            self.run_named_insats = False
            return
        elif self.form_rows_follow(index) and not (in_run and self.run_named_insats):
            named = self.reader.insats_ref(_SECTION_NUMBER.sub("", title).strip())
            structural = named.category == "structural" or (named.category is None and self.scope.structural)
            self.new_block(named, structural)
            self.table_mode = None
        else:
            if _is_reset_title(title):
                self.new_block()
            self.run_named_insats = self.run_named_insats and in_run
            return
        self.run_named_insats = True

    def form_rows_follow(self, index: int) -> bool:
        """Do rows such as 'Syfte:' or 'Målgrupp' follow (after any further headings)?"""
        for unit in self.units[index + 1 : index + 6]:
            if unit.kind != "title":
                return _is_form_label(unit.label or unit.text)
        return False

    def attach_chart_legend(self, index: int, unit: Unit, mine: list[Figure]) -> None:
        """A chart label 'N individer / P %' followed by a legend 'Kvinna' takes its sex."""
        if len(mine) != 1 or mine[0].sex != ALL or len(unit.text.split()) > 6 or index + 1 >= len(self.units):
            return
        legend = self.units[index + 1]
        words = _WORD.findall(normalize(legend.text))
        sexes = {_SEX_WORDS[w] for w in words if w in _SEX_WORDS}
        if legend.kind in ("title", "text") and len(words) <= 3 and len(sexes) == 1:
            mine[0].sex = sexes.pop()
            self.group -= 1  # read together with the next paragraph, for the check by sex

    # -- tables

    def read_cells(self, unit: Unit) -> None:
        label, values = unit.cells[0], unit.cells[1:]
        column_sexes = {i: s for i, c in enumerate(values) if (s := _table_sex(c))}
        if len(column_sexes) >= 2:  # a header such as "Antal deltagare | Totalt | Kvinna | Man"
            words = _WORD.findall(normalize(label))
            noun = noun_of(words[-1]) if words else None
            self.table_mode = "volume" if noun is not None and noun.kind == "volume" else "sex_columns"
            self.table_columns = column_sexes
            return
        column_measures = {i: m for i, c in enumerate(values) if (m := _label_measure(c))}
        if len(column_measures) >= 2 and not any(_NUMBER.search(normalize(v)) for v in values):
            self.table_mode = "sex_rows"  # a header such as "| Påbörjade | Avslutade | Aktuella"
            self.table_columns = column_measures
            return
        if self.table_mode == "sex_columns" and label:
            measure = _label_measure(label) or PARTICIPANTS
            self.read_table_row(unit, values, {i: (measure, sex) for i, sex in self.table_columns.items()}, label)
            return
        if self.table_mode == "sex_rows" and (sex := _table_sex(label)):
            columns = {i: (measure, sex) for i, measure in self.table_columns.items()}
            self.read_table_row(unit, values, columns, label)
            return
        if self.table_mode == "volume":
            return
        if self.table_mode is None and re.search(r"\binsats(?:er)?\b", normalize(label)):
            self.table_mode = "insats_rows"  # a header such as "Insats | Deltagare"
            return
        if self.table_mode is None:
            self.table_mode = "attributes"
        scope = self.scope
        if self.table_mode == "insats_rows" and label:
            named = self.reader.insats_ref(label)
            structural = named.category == "structural" or (named.category is None and self.scope.structural)
            scope = replace(self.scope, insats=named, structural=structural)
        self.read_unit(unit, scope)

    def read_table_row(
        self, unit: Unit, values: list[str], columns: dict[int, tuple[str, str]], label: str
    ) -> None:
        period = self.table_period(label)
        for i, (measure, sex) in columns.items():
            if i < len(values) and re.fullmatch(r"\d{1,3}(?:\s\d{3})+|\d+", values[i].strip()):
                figure = Figure(measure, sex, _int(values[i]), None, False, unit.lines[0],
                                " | ".join(unit.cells), measure_printed=label)
                self.add(figure, self.scope, period)

    def table_period(self, label: str) -> Period:
        """The report's period, ending at the date a row label names ("Aktuella 2021-08-31")."""
        start, end = self.scope.period or self.reader.report_period
        for m in ISO_DATE.finditer(label):
            day = iso_date(m.group(0))
            if day and start <= day <= end:
                return start, day
        return start, end

    def add(self, figure: Figure, scope: Scope, period: Period | None = None) -> None:
        figure.period = period or scope.period or self.reader.report_period
        figure.group = self.group
        figure.block = scope.block
        if figure.insats is None and scope.insats is not None:
            figure.insats = scope.insats
        figure.structural = figure.structural or scope.structural
        self.figures.append(figure)

    # -- paragraphs and rows

    def read_unit(self, unit: Unit, scope: Scope) -> None:
        """Sentence by sentence; a goal row ("Resultatmål, utfall | 1. <goal>. <result> 2. …") item by item."""
        if unit.label is not None and _GOAL_WORD.search(normalize(unit.label)):
            items = _numbered_items(unit.text)
            for start, end in items:
                goal = Goal()
                spans = _sentence_spans(unit.text[start:end])
                for n, (a, b) in enumerate(spans):
                    goal, _ = _Sentence(self, unit, start + a, start + b, scope, goal, n == 0).read(None)
            if items:
                return
        head: Head | None = None
        for a, b in _sentence_spans(unit.text):
            _, head = _Sentence(self, unit, a, b, scope, Goal(), False).read(head)


_TABLE_SEX = {
    "totalt": ALL, "total": ALL, "summa": ALL, "samtliga": ALL, "alla": ALL,
    "kvinna": FEMALE, "kvinnor": FEMALE, "man": MALE,
}  # fmt: skip
_LABEL_STEMS = (
    ("paborja", STARTED), ("nyinskriv", STARTED), ("avslut", ENDED), ("utskriv", ENDED),
    ("aktuell", CURRENT), ("pagaende", CURRENT), ("inskrivna", CURRENT), ("deltagare", PARTICIPANTS),
)  # fmt: skip


def _table_sex(cell: str) -> str | None:
    folded = fold(cell)
    return _TABLE_SEX.get(folded) or (ALL if folded.startswith("totalt") else None)


def _label_measure(label: str) -> str | None:
    """The measure a row or column label names (Påbörjade, Avslutade, Aktuella …)."""
    for word in fold(label).split():
        for stem, measure in _LABEL_STEMS:
            if word.startswith(stem):
                return measure
    return None


class _Sentence:
    """One sentence: its counts, shares and outcomes, each with its insats and target flag."""

    def __init__(self, reading: _ReportReading, unit: Unit, a: int, b: int, scope: Scope, goal: Goal,
                 is_goal: bool) -> None:  # fmt: skip
        self.reading = reading
        self.reader = reading.reader
        self.unit, self.offset = unit, a
        self.scope, self.goal, self.is_goal = scope, goal, is_goal
        self.printed = unit.text[a:b]
        self.norm = norm = normalize(self.printed)
        bullet = _BULLET.match(norm)
        self.body_start = bullet.end() if bullet else 0
        self.raw_text = _one_line(self.printed)
        goal_words = _GOAL_WORD.search(norm) or _GOAL_START.match(norm[self.body_start :])
        self.is_target_sentence = is_goal or bool(goal_words)
        parens = _paren_regions(norm)
        self.skipped = [(s, e) for s, e in parens if norm[s + 1 : s + 10].lstrip().startswith("jfr")]
        self.result_regions = list(parens)
        if after := _RESULT_AFTER.search(norm):
            self.result_regions.append((after.start(), len(norm)))
        self.ended_context = bool(
            _ENDED_CUE.search(norm) or _OUTCOME_VERB.search(norm) or goal.ended
            or _ENDED_CUE.search(reading.subheading)
        )
        self.named = find_phrases(norm, self.reader.insats)
        self.about_association = bool(_ASSOCIATION.search(norm))
        self.structural = bool(_STRUCTURAL.search(norm))
        self.period = self.reader.period_in(norm)
        self.percents = [
            m for m in _PERCENT.finditer(norm)
            if not _inside(m.start(), self.skipped) and not re.search(r"\d\s*-\s*$", norm[: m.start()])
        ]  # fmt: skip
        self.ratios = list(_RATIO.finditer(norm))
        taken = [(m.start(), m.end()) for m in [*self.percents, *self.ratios]]
        numbers = [
            m for m in _NUMBER.finditer(norm)
            if not _inside(m.start(), taken) and not _inside(m.start(), self.skipped)
        ]  # fmt: skip
        # (position, is a percentage, match), in text order
        self.events = sorted([(m.start(), False, m) for m in numbers] + [(m.start(), True, m) for m in self.percents])

    # -- where each figure belongs

    def scope_at(self, pos: int) -> Scope:
        """An insats named in the sentence where no heading gives one, or as its subject; else the heading's."""
        scope, norm = self.scope, self.norm
        free = scope.insats is None
        before = [f for f in self.named if f.end <= pos and (free or f.start <= self.body_start + 2)]
        after = [
            f for f in self.named
            if free and f.start >= pos and re.fullmatch(r"[\d ]+[a-z]+\s+(?:i|pa|inom)\s+", norm[pos : f.start])
        ]  # fmt: skip
        hit = before[-1] if before else (after[0] if after else None)
        if hit is not None:
            p = hit.phrase
            named = InsatsRef(self.printed[hit.start : hit.end], p.key, p.value, p.insats_id)
            return replace(scope, insats=named, structural=p.value == "structural")
        if self.about_association:
            return replace(scope, insats=None, structural=False)
        return scope

    def figure_period(self, target: bool) -> Period | None:
        """A range the sentence states; for a goal the fiscal year unless it speaks of the period."""
        if self.period:
            return self.period
        if target and (_YEAR_CUE.search(self.norm) or not _PERIOD_CUE.search(self.norm)):
            return self.reader.fiscal_year
        return None

    def add(self, measure: str, sex: str, count: int | None, share: Decimal | None, pos: int,
            outcome: Outcome | None = None, measure_printed: str | None = None) -> Figure:  # fmt: skip
        target = self.is_target_sentence and not _inside(pos, self.result_regions)
        scope = self.scope_at(pos)
        figure = Figure(
            measure, sex, count, share, target, self.unit.line_at(self.offset + pos), self.raw_text,
            outcome=outcome, measure_printed=measure_printed, insats=scope.insats,
            structural=self.structural,
            about_unnamed_insats=scope.insats is None and bool(_UNNAMED_INSATS.search(self.norm)),
        )  # fmt: skip
        self.reading.add(figure, scope, self.figure_period(target))
        return figure

    # -- outcomes

    def next_event(self, pos: int) -> int:
        return min((p for p, _, _ in self.events if p > pos), default=len(self.norm))

    def outcome_after(self, start: int, stop: int) -> Outcome | None:
        for cut in (self.norm.find("(", start, stop), self.norm.find(", vilket", start, stop)):
            if cut != -1:
                stop = min(stop, cut)
        return self.reader.outcome_span(self.printed, find_phrases(self.norm, self.reader.outcomes, start, stop))

    def outcome_before(self, start: int, stop: int) -> Outcome | None:
        return self.reader.outcome_span(self.printed, find_phrases(self.norm, self.reader.outcomes, start, stop))

    def outcome_item(self, number: re.Match[str]) -> Outcome | None:
        """One item of an outcome list: '3 arbete', '27 åter remittent', '1 gick åter till remittent'."""
        rest = self.norm[number.end() :]
        stop = re.search(r",|;|\.(?:\s|$)|\s(?:och|samt)\s+(?=\d)|\s\d|$", rest)
        end = number.end() + (stop.start() if stop else len(rest))
        phrase = _one_line(self.printed[number.end() : end]).strip(" :")
        phrase = re.sub(r"^(?:till|mot|som)\s+", "", phrase, flags=re.IGNORECASE)
        words = _WORD.findall(normalize(phrase))
        if not words or len(words) > 6 or re.search(r"\d", phrase):
            return None
        if noun_of(words[0]) is not None or words[0] in ("av", "har", "var", "ar", "procent"):
            return None
        return phrase, self.reader.outcome_key(phrase)

    # -- the sentence

    def read(self, previous_head: Head | None) -> tuple[Goal, Head | None]:
        norm = self.norm
        goal = self.goal
        head: Head | None = None
        last_count: Figure | None = None
        last_count_end = 0
        used_percents: set[int] = set()
        varav_at = norm.find("varav")
        list_from: int | None = None  # after this position 'N phrase' items are outcomes
        survey = bool(_SURVEY.search(norm))

        for pos, is_percent, m in self.events:
            if is_percent:
                if pos in used_percents or survey or not self.ended_context:
                    continue
                share = _percent(m.group(1))
                ratio = next((r for r in self.ratios if 0 <= r.start() - m.end() <= 3), None)
                if ratio is not None:  # "71 % (5/7)": 5 of 7 ended went to the goal's outcome
                    outcome = self.outcome_after(ratio.end(), self.next_event(ratio.end())) or goal.outcome
                    if outcome is not None:
                        self.add(ENDED, ALL, int(ratio.group(1)), share, pos, outcome)
                    self.add(ENDED, ALL, int(ratio.group(2)), None, ratio.start())
                    list_from = ratio.end()
                    continue
                outcome = self.outcome_after(m.end(), self.next_event(m.end()))
                if outcome is None:
                    previous = max([p for p, _, _ in self.events if p < pos], default=0)
                    outcome = self.outcome_before(previous, pos)
                if outcome is None and _inside(pos, self.result_regions):
                    outcome = goal.outcome
                if outcome is None:
                    continue
                figure = self.add(ENDED, ALL, None, share, pos, outcome)
                if self.is_goal or figure.is_target:
                    goal = Goal(outcome, True)
                continue

            value = _int(m.group(1))
            before = norm[: m.start()]
            year = _COMPARATIVE_YEAR.search(before)
            if year and int(year.group(1)) != self.reader.meta.period_end.year:
                continue
            noun, adjective_measure, noun_end, measure_printed = self.noun_after(m)
            if noun is None:
                if noun_end < 0:
                    continue  # "2 anonyma deltagare", "(6 mån)"
                list_from = self.read_bare_number(m, value, before, last_count, list_from, head)
                continue
            in_varav = varav_at != -1 and m.start() > varav_at
            if noun.kind == "volume":
                if head is None and not in_varav:
                    head = Head(PARTICIPANTS, "volume")
                continue
            if in_varav and head is not None and head.kind == "volume":
                continue  # "15 kartläggningar, varav 12 avslutade"
            if _NOT_A_COUNT_BEFORE.search(before) or _ANONYMOUS.search(norm, m.end(), self.next_event(m.end())):
                continue
            if re.search(r"\bde\s+(?:totalt\s+)?$", before) and norm[:noun_end].endswith("na"):
                continue  # "de 248 deltagarna": a figure given before
            count_share: Decimal | None = None
            after_share = noun_end
            if attached := _COUNT_SHARE.match(norm, noun_end):
                count_share, after_share = _percent(attached.group(1)), attached.end()
                used_percents.update(p.start() for p in self.percents if noun_end <= p.start() <= after_share)
            measure = noun.measure or adjective_measure
            verb_window = (after_share, self.next_event(after_share))
            if measure is None and (verb := _ENDED_VERB.search(norm, *verb_window)):
                measure, measure_printed = ENDED, verb.group(0)
            if measure is None and (verb := _STARTED_VERB.search(norm, *verb_window)):
                measure, measure_printed = STARTED, verb.group(0)
            if (
                measure is None and noun.sex is not None and last_count is not None and last_count.sex != ALL
                and re.fullmatch(r"\s*(?:,|och)\s*", norm[last_count_end : m.start()])
            ):  # fmt: skip
                measure = last_count.measure  # "52 kvinnor och 50 man": one list
            clause_start = max((b.end() for b in _CLAUSE_BOUNDARY.finditer(before)), default=0)
            if measure is None:
                if cue := _clause_cue(norm, clause_start, m.start()):
                    measure, measure_printed = cue
            if measure is None and (noun.sex is not None or in_varav):
                inherited = head or previous_head
                if inherited is not None and inherited.kind != "volume":
                    measure = inherited.measure
            if measure is None:
                taking_part = _TAKING_PART.search(norm, clause_start, self.next_event(m.start()))
                if noun.kind == "person" and not taking_part:
                    continue  # "13 personer gått vidare till anställning": not a participant count
                measure = PARTICIPANTS
            outcome = None
            if measure == ENDED and noun.sex is None:  # "9 personer (11%) har avslutats mot studier, …"
                stop = self.next_event(after_share)
                if verb_to := _ENDED_TO.match(norm, after_share, stop):
                    outcome = self.outcome_after(verb_to.end(), stop)
            figure = self.add(measure, noun.sex or ALL, value, count_share, m.start(), outcome, measure_printed)
            last_count, last_count_end = figure, noun_end
            if noun.sex is None and not in_varav and head is None and outcome is None:
                head = Head(measure, noun.kind)
        if self.is_goal and _ENDED_CUE.search(norm):
            goal = replace(goal, ended=True)
        return goal, head or previous_head

    def noun_after(self, m: re.Match[str]) -> tuple[Noun | None, str | None, int, str | None]:
        """(noun, measure of an adjective before it, end of the noun, the words as printed).

        The end is -1 where the number must not count at all ("2 anonyma deltagare", "(6 mån)").
        """
        norm = self.norm
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
        return noun, adjective, words.end(group), _one_line(self.printed[words.start(1) : words.end(group)])

    def read_bare_number(self, m: re.Match[str], value: int, before: str, last_count: Figure | None,
                         list_from: int | None, head: Head | None) -> int | None:  # fmt: skip
        """A number with no participant noun: '32 av dessa …', 'Pågående: 12', or an outcome list item."""
        norm = self.norm
        if (sub := _SUBCOUNT.match(norm, m.end())) and (last_count is not None or head is not None):
            stop = self.next_event(sub.end())
            share, window_start = None, sub.end()
            linked = next(
                (
                    p for p in self.percents
                    if sub.end() <= p.start() <= stop and _SHARE_LINK.search(norm[: p.start()])
                ),
                None,
            )
            if linked is not None:  # "32 av dessa, vilket motsvarar 48 procent, har avslutats till …"
                share, window_start = _percent(linked.group(1)), linked.end()
                stop = self.next_event(linked.start())
            if outcome := self.outcome_after(window_start, stop):
                self.add(ENDED, ALL, value, share, m.start(), outcome)
            return list_from
        if (label := _LABEL_COLON.search(before)) and not re.match(r"\s*[a-z%]", norm[m.end() :]):
            self.add(_MEASURE_NOUNS.get(label.group(1), PARTICIPANTS), ALL, value, None, m.start(),
                     measure_printed=label.group(1))  # fmt: skip
            return list_from
        # An outcome list follows a ratio, an ended count ("Av de 12 avslutade gick 5 till arbete …"),
        # or an ended cue with no count before it ("Efter avslut har 3 fortsatt placering …").
        first_number = not any(not p and q < m.start() for q, p, _ in self.events)
        ended_before = _ENDED_CUE.search(norm, 0, m.start())
        after_ended = (head is not None and head.measure == ENDED) or (head is None and first_number)
        if (list_from is not None and m.start() >= list_from) or (ended_before and after_ended):
            # "Efter avslut har 3 fortsatt placering … och 1 gick åter till remittent"
            if item := self.outcome_item(m):
                self.add(ENDED, ALL, value, None, m.start(), item)
                return m.end()
        return list_from


def _clause_cue(norm: str, start: int, end: int) -> tuple[str, str] | None:
    """The measure word nearest before a number in its clause: "Av de nyinskrivna är 52 kvinnor"."""
    best: tuple[int, str, str] | None = None
    for pattern, measure in _CLAUSE_CUES:
        for m in pattern.finditer(norm, start, end):
            if best is None or m.start() > best[0]:
                best = (m.start(), measure, m.group(0))
    return (best[1], best[2]) if best else None


# --- entry point -------------------------------------------------------------------------------


def _identity(f: Figure, with_share: bool = True, with_count: bool = True) -> tuple[Any, ...]:
    insats = (f.insats.insats_id or f.insats.key) if f.insats else None
    outcome = f.outcome[1] if f.outcome else None
    return (insats, f.measure, f.sex, outcome, f.count if with_count else None,
            f.share if with_share else None, f.is_target, f.period)  # fmt: skip


def deduplicate(figures: list[Figure]) -> list[Figure]:
    """One row per figure: a figure the text repeats is kept once, where it is most complete.

    Of two equal figures the one read together with its split by sex is kept
    (the table row or sentence that also gives women and men). A count without its
    share, or a share without its count, gives way to the row holding both; a
    figure about "the insats" with none named gives way to the same figure at
    a named insats.
    """
    def split_by_sex(f: Figure) -> int:
        scope = (f.group, _identity(f)[:2], f.period, f.is_target)
        return sum(
            1 for g in figures if g.sex != ALL and (g.group, _identity(g)[:2], g.period, g.is_target) == scope
        )

    best: dict[tuple[Any, ...], Figure] = {}
    for f in figures:
        k = _identity(f)
        if k not in best or split_by_sex(f) > split_by_sex(best[k]):
            best[k] = f
    chosen = {id(f) for f in best.values()}
    kept = [f for f in figures if id(f) in chosen]
    complete = [f for f in kept if f.share is not None and f.count is not None]
    without_share = {_identity(f, with_share=False) for f in complete}
    without_count = {_identity(f, with_count=False) for f in complete}
    kept = [
        f for f in kept
        if not (f.share is None and _identity(f, with_share=False) in without_share)
        and not (f.count is None and _identity(f, with_count=False) in without_count)
    ]  # fmt: skip
    at_insats = {_identity(f)[1:] for f in kept if f.insats is not None}
    return [f for f in kept if not (f.about_unnamed_insats and f.insats is None and _identity(f)[1:] in at_insats)]


def read_participants(
    lines: list[TextLine], meta: ReportMetadata, association_id: str | None = None
) -> list[dict[str, Any]]:
    """Every participant figure of a report's text, as rows of raw.participant_counts.

    With ``association_id``, headings and sentences are matched against that
    association's insatser only.
    """
    reader = ParticipantReader(meta, insats_names(association_id), outcome_phrases())
    reading = _ReportReading(reader, reader.units(lines))
    rows: list[dict[str, Any]] = []
    for f in deduplicate(reading.run()):
        start, end = f.period or reader.report_period
        rows.append(
            {
                "period_start": start,
                "period_end": end,
                "insats_label": f.insats.label if f.insats else None,
                "insats_key": f.insats.key if f.insats else None,
                "measure": f.measure,
                "measure_printed": f.measure_printed,
                "sex": f.sex,
                "outcome_text": f.outcome[0] if f.outcome else None,
                "outcome_key": f.outcome[1] if f.outcome else None,
                "participant_count": f.count,
                "share_pct": f.share,
                "is_target": f.is_target,
                "figure_group": f.group,
                "anonymous_mentioned": f.block in reading.anonymous_blocks,
                "source_page": f.line.page,
                "source_line": f.line.number,
                "raw_text": f.raw_text,
            }
        )
    return rows
