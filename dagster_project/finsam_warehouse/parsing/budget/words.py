"""The budget reader's words, from ``budget_words.csv``: categories, headings and line labels.

Each kind is a vocabulary of printed phrases, matched on folded text and
tolerating OCR damage: ``category`` (what the lines under a heading, or a
line itself, are), ``group_heading`` (a line with figures that sums the lines
under it), ``block_label`` (cost blocks gathering several insatser),
``result_label``, ``report_heading`` / ``report_line`` / ``cost_label`` (per-insats
reports), ``pair_label`` (budget / outcome pairs), and the single words that
qualify a column header: ``sum_word``, ``period_word``, ``qualifier``.
"""

from __future__ import annotations

import csv
from functools import lru_cache
from pathlib import Path

from finsam_warehouse.parsing.layout.header import column_roles
from finsam_warehouse.parsing.ocr_repair import Vocabulary

WORDS_FILE = Path(__file__).with_name("budget_words.csv")
# The column roles (layout/column_roles.csv) a budget table's columns have.
BUDGET_ROLES = ("budget", "outcome", "forecast", "difference")


@lru_cache(maxsize=1)
def _rows() -> tuple[tuple[str, str, str], ...]:
    with WORDS_FILE.open(encoding="utf-8", newline="") as handle:
        return tuple((r["kind"], r["phrase"], r["value"]) for r in csv.DictReader(handle))


def phrases(kind: str) -> list[tuple[str, str]]:
    """The (phrase, value) pairs of one kind."""
    return [(phrase, value) for k, phrase, value in _rows() if k == kind]


def words(kind: str) -> frozenset[str]:
    return frozenset(phrase for phrase, _ in phrases(kind))


CATEGORY_PHRASES = Vocabulary(phrases("category"))
GROUP_HEADINGS = Vocabulary(phrases("group_heading"))
BLOCK_LABELS = Vocabulary(phrases("block_label"))
RESULT_LABELS = Vocabulary(phrases("result_label"))
INSATS_REPORT_HEADINGS = Vocabulary(phrases("report_heading"))
INSATS_REPORT_LINES = Vocabulary(phrases("report_line"))
COST_LABELS = Vocabulary(phrases("cost_label"))
PAIR_LABELS = Vocabulary(phrases("pair_label"))
SUM_WORDS = words("sum_word")
PERIOD_WORDS = words("period_word")
QUALIFIER_WORDS = words("qualifier")
# Header words matched with OCR damage ("Intikt", "Utfa:ll"): roles, and the words that qualify them.
FUZZY_ROLES = Vocabulary(
    [(word, role) for word, role in column_roles().items() if role in BUDGET_ROLES], min_score=90.0
)
FUZZY_QUALIFIERS = Vocabulary([(word, word) for word in sorted(QUALIFIER_WORDS)], min_score=80.0)


def budget_role(word: str) -> str | None:
    """The budget column role a folded header word names exactly, or None."""
    role = column_roles().get(word)
    return role if role in BUDGET_ROLES else None
