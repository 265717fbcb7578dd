"""Swedish number formats: ``1 234 567``, ``-1 121``, ``403 022,50``, OCR runs.

Printed amounts group thousands with spaces and use a decimal comma. OCR text
loses some of those spaces and adds others, and puts stray ``|`` or ``(``
between digits. A row's figures then arrive as one run of digit groups, and
``split_number_run`` finds how the groups form the row's columns.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from itertools import combinations, pairwise

MINUS_SIGNS = "-\u2212\u2013\u2012"  # hyphen, minus, en dash, figure dash
UNIT_MULTIPLIERS = {"kr": Decimal(1), "tkr": Decimal(1000), "mkr": Decimal(1_000_000)}

_SPACES = re.compile(r"[\s\u00a0\u202f\u2009]+")
# Negative amounts: a leading minus, parentheses, or a trailing minus ("7 970 586-", as
# accounting systems print them).
_CELL_NUMBER = re.compile(
    rf"^(?P<open>\()?(?P<sign>[{MINUS_SIGNS}])?\s*(?P<digits>\d{{1,3}}(?:[ \u00a0\u202f\u2009]\d{{3}})*|\d+)"
    rf"(?:,(?P<decimals>\d{{1,2}}))?(?P<trailing>[{MINUS_SIGNS}])?(?P<close>\))?$"
)
# OCR reads a minus as an em dash, or doubles it ("-—8 927 280", "—-14 601"): one minus.
_OCR_MINUS = re.compile(rf"^(\(?)(?:[{MINUS_SIGNS}\u2014]{{2}}|\u2014)(?=\s*\d)")
# A digit group in running OCR text, with an optional sign and decimals; a minus
# touching the digits before a space or the end is a trailing sign.
_GROUP = re.compile(
    rf"(?P<sign>[{MINUS_SIGNS}])?(?P<digits>\d+)(?:,(?P<decimals>\d{{1,2}}))?(?P<trailing>[{MINUS_SIGNS}](?=\s|$))?"
)


@dataclass(frozen=True)
class ParsedNumber:
    value: Decimal
    printed: str


def parse_cell_amount(cell: str) -> ParsedNumber | None:
    """Parse one table cell holding one amount; None when the cell is no amount.

    A leading '(' with no closing one is an OCR stray and is ignored; an amount
    wholly in parentheses is negative, as accountants print it.
    """
    printed = cell.strip()
    text = _OCR_MINUS.sub(r"\1-", _SPACES.sub(" ", printed.replace("|", " ")).strip())
    if not text:
        return None
    match = _CELL_NUMBER.match(text)
    if not match:
        return None
    digits = match["digits"].replace(" ", "").replace("\u00a0", "")
    value = Decimal(digits)
    if match["decimals"]:
        value += Decimal(match["decimals"]) / (10 ** len(match["decimals"]))
    if match["sign"] and match["trailing"]:
        return None  # a minus on both sides is no amount
    negative = bool(match["sign"] or match["trailing"]) or bool(match["open"] and match["close"])
    return ParsedNumber(-value if negative else value, printed)


_ONLY_FIGURE_CHARACTERS = re.compile(rf"^[\s\d|(),\u00a0\u202f\u2009{re.escape(MINUS_SIGNS)}]+$")


def parse_single_amount(cell: str) -> ParsedNumber | None:
    """One amount in a cell, also where OCR lost or added a grouping space ("2359 937")."""
    found = parse_cell_amount(cell)
    if found is not None or not _ONLY_FIGURE_CHARACTERS.match(cell):
        return found
    split = split_number_run(cell, 1)
    return ParsedNumber(split[0].value, cell.strip()) if split else None


@dataclass(frozen=True)
class DigitGroup:
    sign: bool
    digits: str
    decimals: str | None
    text: str
    trailing_sign: bool = False


def digit_groups(run: str) -> list[DigitGroup]:
    """The digit groups of a run such as ``-4 414742 -8 265 492`` or ``3986 000 | 3986000``."""
    cleaned = run.replace("|", " ").replace("(", " ").replace(")", " ")
    groups = []
    for m in _GROUP.finditer(cleaned):
        groups.append(DigitGroup(bool(m["sign"]), m["digits"], m["decimals"], m.group(0), bool(m["trailing"])))
    return groups


def _valid_number(groups: list[DigitGroup]) -> bool:
    """Can these groups be one printed number? Head group, then 3-digit groups.

    The head may be longer than three digits: OCR drops grouping spaces
    ("1461 549"). A later group is unsigned and three digits, or a multiple of
    three where OCR lost a space inside it ("-4 414742"); only the last group
    may carry decimals.
    """
    head = groups[0]
    if len(head.digits) > 1 and head.digits.startswith("0"):
        return False
    if head.decimals and len(groups) > 1:
        return False
    if any(g.trailing_sign for g in groups[:-1]) or (head.sign and groups[-1].trailing_sign):
        return False  # a trailing minus ends a number, and a number has one sign
    for g in groups[1:]:
        if g.sign or len(g.digits) % 3 != 0:
            return False
    for g in groups[1:-1]:
        if g.decimals:
            return False
    return True


def _to_number(groups: list[DigitGroup]) -> ParsedNumber:
    digits = "".join(g.digits for g in groups)
    value = Decimal(digits)
    decimals = groups[-1].decimals
    if decimals:
        value += Decimal(decimals) / (10 ** len(decimals))
    if groups[0].sign or groups[-1].trailing_sign:
        value = -value
    return ParsedNumber(value, " ".join(g.text for g in groups))


SplitScore = tuple[int, int]


def best_split(groups: list[DigitGroup], count: int) -> tuple[SplitScore, list[ParsedNumber]] | None:
    """The most plausible split of ``groups`` into ``count`` numbers, with its score.

    Where several splits are valid, the one whose numbers are closest in length
    wins (lower score): the columns of one row hold the same item for
    comparable periods.
    """
    n = len(groups)
    if count <= 0 or n < count:
        return None
    best: tuple[SplitScore, list[ParsedNumber]] | None = None
    for cuts in combinations(range(1, n), count - 1):
        bounds = [0, *cuts, n]
        parts = [groups[a:b] for a, b in zip(bounds, bounds[1:])]
        if not all(_valid_number(p) for p in parts):
            continue
        lengths = [sum(len(g.digits) for g in p) for p in parts]
        score = (max(lengths) - min(lengths), -min(len(p) for p in parts))
        if best is None or score < best[0]:
            best = (score, [_to_number(p) for p in parts])
    return best


def split_number_run(run: str, count: int) -> list[ParsedNumber] | None:
    """Split a run of digit groups into ``count`` numbers, or None if impossible."""
    found = best_split(digit_groups(run), count)
    return found[1] if found else None


MAX_SPLIT_GROUPS = 16  # a run of more digit groups than this is not split every way


def every_split(run: str, count: int) -> list[list[ParsedNumber]]:
    """Every way the digit groups of a run form ``count`` figures (one way: the split is certain)."""
    groups = [g.text for g in digit_groups(run)]
    if not count <= len(groups) <= MAX_SPLIT_GROUPS:
        return []
    found: list[list[ParsedNumber]] = []
    for at in combinations(range(1, len(groups)), count - 1):
        bounds = [0, *at, len(groups)]
        figures = [split_number_run(" ".join(groups[a:b]), 1) for a, b in pairwise(bounds)]
        if all(f is not None for f in figures):
            found.append([f[0] for f in figures if f is not None])
    return found


def two_figures(run: str) -> list[ParsedNumber] | None:
    """The two figures of a run that cannot be one ("5 117 457 4 476 257"), else None."""
    if split_number_run(run, 1) is not None:
        return None
    return split_number_run(run, 2)


def split_noted_run(run: str, count: int) -> tuple[str | None, list[ParsedNumber]] | None:
    """Like ``split_number_run`` for a row that may start with a note number.

    "4 253722 101 474" reads as note 4 and two figures, "2 695 821 3361762" as
    two figures and no note: the reading with the more balanced figures wins.
    """
    groups = digit_groups(run)
    plain = best_split(groups, count)
    noted = None
    first = groups[0] if groups else None
    if first and not first.sign and not first.decimals and len(first.digits) <= 2 and first.digits[0] != "0":
        rest = best_split(groups[1:], count)
        if rest:
            noted = (rest[0], (first.digits, rest[1]))
    if plain and (noted is None or plain[0] <= noted[0]):
        return None, plain[1]
    return noted[1] if noted else None


def digits_of(text: str) -> str:
    """The text's digits alone, in order ("(1 237)" → "1237")."""
    return "".join(c for c in text if c.isdigit())


def unit_of(text: str) -> str | None:
    """The unit a heading or column header states: 'kr', 'tkr' or 'mkr'."""
    lowered = text.lower()
    if re.search(r"\b(tkr|kkr|tusental kronor|tusen kronor)\b", lowered):
        return "tkr"
    if re.search(r"\b(mkr|mnkr|miljoner kronor)\b", lowered):
        return "mkr"
    if re.search(r"\bbelopp i (kr|kronor)\b|\b(kr|kronor)\.?$", lowered):
        return "kr"
    return None
