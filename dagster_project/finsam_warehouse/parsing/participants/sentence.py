"""One sentence: its counts, shares and outcomes."""

from __future__ import annotations

import re
from dataclasses import replace
from decimal import Decimal
from typing import TYPE_CHECKING

from finsam_warehouse.parsing.participants.figures import (
    Figure,
    Goal,
    Head,
    InsatsRef,
    Scope,
)
from finsam_warehouse.parsing.participants.units import Unit
from finsam_warehouse.parsing.participants.vocabulary import (
    _WORD,
    ALL,
    ENDED,
    PARTICIPANTS,
    STARTED,
    Outcome,
    Period,
    find_phrases,
    normalize,
)
from finsam_warehouse.parsing.participants.words import (
    _ANONYMOUS,
    _ASSOCIATION,
    _BULLET,
    _CLAUSE_BOUNDARY,
    _COMPARATIVE_YEAR,
    _COUNT_SHARE,
    _ENDED_CUE,
    _ENDED_TO,
    _ENDED_VERB,
    _GOAL_START,
    _GOAL_WORD,
    _LABEL_COLON,
    _LEADING_LABEL,
    _MEASURE_NOUNS,
    _NOT_A_COUNT_BEFORE,
    _NUMBER,
    _OUTCOME_VERB,
    _PERCENT,
    _PERIOD_CUE,
    _RATIO,
    _RESULT_AFTER,
    _SHARE_LINK,
    _STARTED_VERB,
    _STRUCTURAL,
    _SUBCOUNT,
    _SURVEY,
    _TAKING_PART,
    _UNNAMED_INSATS,
    _YEAR_CUE,
    Noun,
    _clause_cue,
    _inside,
    _int,
    _one_line,
    _paren_regions,
    _percent,
    noun_after,
    noun_of,
)

if TYPE_CHECKING:
    from finsam_warehouse.parsing.participants.reading import _ReportReading


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
        body = norm[self.body_start :]
        labelled = _LEADING_LABEL.match(body)  # "Coachingteamet Lekeberg: Arbeta med 40 individer …"
        goal_words = (
            _GOAL_WORD.search(norm)
            or _GOAL_START.match(body)
            or (labelled and _GOAL_START.match(body[labelled.end() :]))
        )
        self.is_target_sentence = is_goal or bool(goal_words)
        parens = _paren_regions(norm)
        self.skipped = [(s, e) for s, e in parens if norm[s + 1 : s + 10].lstrip().startswith("jfr")]
        self.result_regions = list(parens)
        if after := _RESULT_AFTER.search(norm):
            self.result_regions.append((after.start(), len(norm)))
        self.ended_context = bool(
            _ENDED_CUE.search(norm) or _OUTCOME_VERB.search(norm) or goal.ended or _ENDED_CUE.search(reading.subheading)
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
        free = scope.insats is None or scope.carried
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

    def scope_after(self) -> Scope:
        """The scope the next sentence of the paragraph starts in: the insats this one is about carries on.

        Only an insats named as the sentence's subject, alone; one mentioned in passing does not.
        """
        if self.scope.insats is not None and not self.scope.carried:
            return self.scope  # a heading's insats
        subjects = [f for f in self.named if f.start <= self.body_start + 2]
        if len(self.named) == 1 and subjects:  # "Coachingteamet har …", "I Motivera mera har …"
            return replace(self.scope_at(len(self.norm)), carried=True)
        if self.about_association:
            return replace(self.scope, insats=None, structural=False, carried=False)
        return self.scope

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
        for cut in (
            self.norm.find("(", start, stop),
            self.norm.find(", vilket", start, stop),
        ):
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
        if noun_of(words[0]) is not None or words[0] in (
            "av",
            "har",
            "var",
            "ar",
            "procent",
        ):
            return None
        return phrase, self.reader.outcome_key(phrase)

    # -- the sentence

    def read(self, previous_head: Head | None) -> tuple[Goal, Head | None]:
        """Every figure of the sentence; the goal its results inherit and the head count it leaves."""
        self.previous_head = previous_head
        self.current_goal = self.goal
        self.head: Head | None = None
        self.last_count: Figure | None = None
        self.last_count_end = 0
        self.used_percents: set[int] = set()
        self.varav_at = self.norm.find("varav")
        self.list_from: int | None = None  # after this position 'N phrase' items are outcomes
        self.survey = bool(_SURVEY.search(self.norm))
        for pos, is_percent, m in self.events:
            if is_percent:
                self.read_percent(pos, m)
            else:
                self.read_number(m)
        goal = self.current_goal
        if self.is_goal and _ENDED_CUE.search(self.norm):
            goal = replace(goal, ended=True)
        return goal, self.head or previous_head

    def read_percent(self, pos: int, m: re.Match[str]) -> None:
        """A share of ended participants: with its ratio, its outcome, or the goal's outcome."""
        if pos in self.used_percents or self.survey or not self.ended_context:
            return
        share = _percent(m.group(1))
        ratio = next((r for r in self.ratios if 0 <= r.start() - m.end() <= 3), None)
        if ratio is not None:  # "71 % (5/7)": 5 of 7 ended went to the goal's outcome
            outcome = self.outcome_after(ratio.end(), self.next_event(ratio.end())) or self.current_goal.outcome
            if outcome is not None:
                self.add(ENDED, ALL, int(ratio.group(1)), share, pos, outcome)
            self.add(ENDED, ALL, int(ratio.group(2)), None, ratio.start())
            self.list_from = ratio.end()
            return
        outcome = self.outcome_after(m.end(), self.next_event(m.end()))
        if outcome is None:
            previous = max([p for p, _, _ in self.events if p < pos], default=0)
            outcome = self.outcome_before(previous, pos)
        if outcome is None and _inside(pos, self.result_regions):
            outcome = self.current_goal.outcome
        if outcome is None:
            return
        figure = self.add(ENDED, ALL, None, share, pos, outcome)
        if self.is_goal or figure.is_target:
            self.current_goal = Goal(outcome, True)

    def read_number(self, m: re.Match[str]) -> None:
        """A count: its noun, measure, sex, share and outcome; or a bare number (``read_bare_number``)."""
        norm, value, before = self.norm, _int(m.group(1)), self.norm[: m.start()]
        year = _COMPARATIVE_YEAR.search(before)
        if year and int(year.group(1)) != self.reader.meta.period_end.year:
            return
        noun, adjective_measure, noun_end, measure_printed = noun_after(self.norm, self.printed, m)
        if noun is None:
            if noun_end >= 0:  # -1: "2 anonyma deltagare", "(6 mån)" count nothing
                self.list_from = self.read_bare_number(m, value, before, self.last_count, self.list_from, self.head)
            return
        in_varav = self.varav_at != -1 and m.start() > self.varav_at
        if noun.kind == "volume":
            if self.head is None and not in_varav:
                self.head = Head(PARTICIPANTS, "volume")
            return
        if in_varav and self.head is not None and self.head.kind == "volume":
            return  # "15 kartläggningar, varav 12 avslutade"
        if _NOT_A_COUNT_BEFORE.search(before) or _ANONYMOUS.search(norm, m.end(), self.next_event(m.end())):
            return
        if re.search(r"\bde\s+(?:totalt\s+)?$", before) and norm[:noun_end].endswith("na"):
            return  # "de 248 deltagarna": a figure given before
        count_share: Decimal | None = None
        after_share = noun_end
        if attached := _COUNT_SHARE.match(norm, noun_end):
            count_share, after_share = _percent(attached.group(1)), attached.end()
            self.used_percents.update(p.start() for p in self.percents if noun_end <= p.start() <= after_share)
        measure, measure_printed = self.count_measure(m, noun, adjective_measure, measure_printed, after_share,
                                                      in_varav)  # fmt: skip
        if measure is None:
            return
        outcome = None
        if measure == ENDED and noun.sex is None:  # "9 personer (11%) har avslutats mot studier, …"
            stop = self.next_event(after_share)
            if verb_to := _ENDED_TO.match(norm, after_share, stop):
                outcome = self.outcome_after(verb_to.end(), stop)
        figure = self.add(measure, noun.sex or ALL, value, count_share, m.start(), outcome, measure_printed)
        self.last_count, self.last_count_end = figure, noun_end
        if noun.sex is None and not in_varav and self.head is None and outcome is None:
            self.head = Head(measure, noun.kind)

    def count_measure(self, m: re.Match[str], noun: Noun, adjective_measure: str | None, printed: str | None,
                      after_share: int, in_varav: bool) -> tuple[str | None, str | None]:  # fmt: skip
        """The measure of a count and the words that gave it; None where it counts no participants."""
        norm, before = self.norm, self.norm[: m.start()]
        measure = noun.measure or adjective_measure
        verb_window = (after_share, self.next_event(after_share))
        if measure is None and (verb := _ENDED_VERB.search(norm, *verb_window)):
            measure, printed = ENDED, verb.group(0)
        if measure is None and (verb := _STARTED_VERB.search(norm, *verb_window)):
            measure, printed = STARTED, verb.group(0)
        last = self.last_count
        if (
            measure is None and noun.sex is not None and last is not None and last.sex != ALL
            and re.fullmatch(r"\s*(?:,|och)\s*", norm[self.last_count_end : m.start()])
        ):  # fmt: skip
            measure = last.measure  # "52 kvinnor och 50 man": one list
        clause_start = max((b.end() for b in _CLAUSE_BOUNDARY.finditer(before)), default=0)
        if measure is None and (cue := _clause_cue(norm, clause_start, m.start())):
            measure, printed = cue
        if measure is None and (noun.sex is not None or in_varav):
            inherited = self.head or self.previous_head
            if inherited is not None and inherited.kind != "volume":
                measure = inherited.measure
        if measure is None:
            taking_part = _TAKING_PART.search(norm, clause_start, self.next_event(m.start()))
            if noun.kind == "person" and not taking_part:
                return None, None  # "13 personer gått vidare till anställning": not a participant count
            measure = PARTICIPANTS
        return measure, printed

    def follows_ended(self) -> bool:
        """Opens on the ended count of the sentence before: "… 20 deltagare avslutats. Av dem gick 4 till …"."""
        previous = self.previous_head
        return previous is not None and previous.measure == ENDED and bool(_SUBCOUNT.match(self.norm, self.body_start))

    def read_bare_number(self, m: re.Match[str], value: int, before: str, last_count: Figure | None,
                         list_from: int | None, head: Head | None) -> int | None:  # fmt: skip
        """A number with no participant noun: '32 av dessa …', 'Pågående: 12', or an outcome list item."""
        norm = self.norm
        if (sub := _SUBCOUNT.match(norm, m.end())) and (last_count is not None or head is not None):
            stop = self.next_event(sub.end())
            share, window_start = None, sub.end()
            linked = next(
                (p for p in self.percents if sub.end() <= p.start() <= stop and _SHARE_LINK.search(norm[: p.start()])),
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
        ended_before = _ENDED_CUE.search(norm, 0, m.start()) or self.follows_ended()
        after_ended = (head is not None and head.measure == ENDED) or (head is None and first_number)
        if (list_from is not None and m.start() >= list_from) or (ended_before and after_ended):
            # "Efter avslut har 3 fortsatt placering … och 1 gick åter till remittent"
            if item := self.outcome_item(m):
                self.add(ENDED, ALL, value, None, m.start(), item)
                return m.end()
        return list_from
