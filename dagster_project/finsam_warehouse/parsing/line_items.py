"""Label → canonical code, per statement (see CONTRACT.md for the codes).

The words are data in ``parsing/vocabulary/``: each code's Swedish labels
(``line_item_labels.csv``; a matched label is also the spelling shown when an
OCR-damaged label is repaired), the statement headings, the balance-sheet
section headings, the identities each statement obeys and the words that
continue a wrapped label. Add new wordings
there; a label that matches nothing is kept as ``other``.
"""

from __future__ import annotations

import csv
from pathlib import Path

from finsam_warehouse.parsing.ocr_repair import Vocabulary, WordRepair

INCOME_STATEMENT = "income_statement"
BALANCE_SHEET = "balance_sheet"
CASH_FLOW = "cash_flow"
OTHER = "other"

VOCABULARY_DIR = Path(__file__).with_name("vocabulary")


def _rows(name: str) -> list[dict[str, str]]:
    with (VOCABULARY_DIR / name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _line_item_labels() -> dict[str, dict[str, list[str]]]:
    labels: dict[str, dict[str, list[str]]] = {}
    for row in _rows("line_item_labels.csv"):
        labels.setdefault(row["statement"], {}).setdefault(row["code"], []).append(row["label"])
    return labels


# Per statement, each code's printed labels (``other``: labels known not to be a coded line).
LINE_ITEM_LABELS = _line_item_labels()

# Balance-sheet headings that open a section and carry no figure of their own
# where the report prints a "Summa" line for it.
BALANCE_SHEET_SECTIONS = [row["section"] for row in _rows("balance_sheet_sections.csv")]

# Identities a statement's own figures obey: total = sum of parts (a part not
# printed counts as 0). Used to restore minus signs that OCR lost.
STATEMENT_IDENTITIES: dict[str, list[tuple[str, list[str]]]] = {}
for _row in _rows("statement_identities.csv"):
    _parts = [part.strip() for part in _row["parts"].split("+")]
    STATEMENT_IDENTITIES.setdefault(_row["statement"], []).append((_row["total"], _parts))

# Words that never open a line's label: an all-caps line starting with one
# continues the label above ("SUMMA EGET KAPITAL, AVSÄTTNINGAR" / "OCH SKULDER").
LABEL_CONTINUATION_WORDS = frozenset(row["word"] for row in _rows("label_continuation_words.csv"))

# A line that is its group's total where the statement prints none (lone_totals.py):
# per statement, wording → (code, the identity that must confirm it: total, parts).
LONE_LINE_TOTALS: dict[str, list[tuple[str, tuple[str, str, tuple[str, ...]]]]] = {}
for _row in _rows("lone_line_totals.csv"):
    _total, _sum = (side.strip() for side in _row["identity"].split("="))
    _identity = (_row["code"], _total, tuple(part.strip() for part in _sum.split("+")))
    LONE_LINE_TOTALS.setdefault(_row["statement"], []).append((_row["label"], _identity))

# Headings that open each statement.
STATEMENT_HEADINGS: dict[str, list[str]] = {}
for _row in _rows("statement_headings.csv"):
    STATEMENT_HEADINGS.setdefault(_row["statement"], []).append(_row["heading"])


LINE_ITEM_VOCABULARY: dict[str, Vocabulary[tuple[str, str]]] = {
    statement: Vocabulary((label, (code, label)) for code, labels in codes.items() for label in labels)
    for statement, codes in LINE_ITEM_LABELS.items()
}

SECTION_VOCABULARY: Vocabulary[str] = Vocabulary(((label, label) for label in BALANCE_SHEET_SECTIONS), min_score=88.0)

STATEMENT_HEADING_VOCABULARY: Vocabulary[str] = Vocabulary(
    (heading, statement) for statement, headings in STATEMENT_HEADINGS.items() for heading in headings
)


def _word_list() -> list[str]:
    listed = (Path(__file__).with_name("swedish_words.txt")).read_text(encoding="utf-8").splitlines()
    words = [w.strip() for w in listed if w.strip() and not w.startswith("#")]
    for codes in LINE_ITEM_LABELS.values():
        for labels in codes.values():
            for label in labels:
                words.extend(w for w in label.replace("/", " ").replace(",", " ").split() if len(w) > 2)
    return words


# Word-by-word repair for labels no vocabulary phrase matches (note lines, `other` lines).
LABEL_WORD_REPAIR = WordRepair(_word_list())
