"""Where a figure belongs (insats, scope, goal) and the figures read, with their deduplication."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from finsam_warehouse.parsing.models import TextLine
from finsam_warehouse.parsing.participants.vocabulary import ALL, Outcome, Period


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
    carried: bool = False  # the insats was named by an earlier sentence of the paragraph, not a heading


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
        return sum(1 for g in figures if g.sex != ALL and (g.group, _identity(g)[:2], g.period, g.is_target) == scope)

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
