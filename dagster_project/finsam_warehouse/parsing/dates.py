"""Swedish dates: ISO (``2020-06-30``), ``200630``, and ``17 februari 2023``."""

from __future__ import annotations

import re
from datetime import date

from rapidfuzz import fuzz

from finsam_warehouse.parsing.ocr_repair import fold

MONTHS = {
    "januari": 1, "februari": 2, "mars": 3, "april": 4, "maj": 5, "juni": 6,
    "juli": 7, "augusti": 8, "september": 9, "oktober": 10, "november": 11, "december": 12,
}  # fmt: skip

ISO_DATE = re.compile(r"(?<!\d)(\d{4})-(\d{2})-(\d{2})(?!\d)")
# "2022-01-01 -2022-12-31", "2021-01-01 – 2021-08-31"
ISO_RANGE = re.compile(r"(\d{4}-\d{2}-\d{2})\s*[-\u2013\u2212]\s*(\d{4}-\d{2}-\d{2})")
# "1 januari-30 juni 2020", "1 januari – 30 juni 2020", "1 jan-31 mars"
_WORD = r"[A-Za-zÅÄÖåäöéÉ]+"
SWEDISH_RANGE = re.compile(
    rf"(?<!\d)(\d{{1,2}})\s*({_WORD})\s*(\d{{4}})?\s*[-\u2013]\s*(\d{{1,2}})\s*({_WORD})\s+(\d{{4}})"
)
# "januari–juni 2022", "januari - augusti 2021": whole months, no days
MONTH_RANGE = re.compile(rf"(?<![\w\d])({_WORD})\s*[-\u2013]\s*({_WORD})\s+(\d{{4}})(?!\d)")
SWEDISH_DATE = re.compile(rf"(?<!\d)(\d{{1,2}})\s+({_WORD})\s+(\d{{4}})(?!\d)")


def month_number(word: str) -> int | None:
    """Month from a Swedish name, tolerating OCR damage and abbreviations ("jan")."""
    folded = fold(word)
    if not folded:
        return None
    for name, number in MONTHS.items():
        if folded == name or (len(folded) >= 3 and name.startswith(folded)):
            return number
    for name, number in MONTHS.items():
        if fuzz.ratio(folded, name) >= 80:
            return number
    return None


def iso_date(text: str) -> date | None:
    try:
        return date.fromisoformat(text)
    except ValueError:
        return None


def first_iso_range(text: str) -> tuple[date, date] | None:
    for m in ISO_RANGE.finditer(text):
        start, end = iso_date(m[1]), iso_date(m[2])
        if start and end and start < end:
            return start, end
    return None


def first_swedish_range(text: str) -> tuple[date, date] | None:
    for m in SWEDISH_RANGE.finditer(text):
        m1, m2 = month_number(m[2]), month_number(m[5])
        if not (m1 and m2):
            continue
        year_end = int(m[6])
        year_start = int(m[3]) if m[3] else year_end
        try:
            start, end = date(year_start, m1, int(m[1])), date(year_end, m2, int(m[4]))
        except ValueError:
            continue
        if start < end:
            return start, end
    return None


def first_swedish_date(text: str) -> date | None:
    for m in ISO_DATE.finditer(text):
        found = iso_date(m.group(0))
        if found:
            return found
    for m in SWEDISH_DATE.finditer(text):
        month = month_number(m[2])
        if month:
            try:
                return date(int(m[3]), month, int(m[1]))
            except ValueError:
                continue
    return None


def first_month_range(text: str) -> tuple[date, date] | None:
    """A range of whole months ("januari–juni 2022"): the first day of one to the last day of the other.

    Only month names spelled out in full count, so other words joined by a dash do not.
    """
    for m in MONTH_RANGE.finditer(text):
        first, last = MONTHS.get(fold(m[1])), MONTHS.get(fold(m[2]))
        if not (first and last) or first >= last:
            continue
        year = int(m[3])
        end = date(year + 1, 1, 1) if last == 12 else date(year, last + 1, 1)
        return date(year, first, 1), date.fromordinal(end.toordinal() - 1)
    return None


# "(1jan-31mars)", "1 april-30 juni", "1 jan – 31 mars 2020": days and months, the year optional
DAY_MONTH_RANGE = re.compile(
    rf"(?<!\d)(\d{{1,2}})\s*({_WORD})\.?\s*[-\u2013]\s*(\d{{1,2}})\s*({_WORD})\.?(?:\s+(\d{{4}}))?"
)
SHORT_DATE = re.compile(r"(?<!\d)(\d{2})(\d{2})(\d{2})(?!\d)")  # 200630


def first_day_month_range(text: str, default_year: int) -> tuple[date, date] | None:
    """A period such as "1jan-31mars" or "1 april-30 juni", in ``default_year`` unless one is printed."""
    for m in DAY_MONTH_RANGE.finditer(text):
        first, last = month_number(m[2]), month_number(m[4])
        if not (first and last):
            continue
        year = int(m[5]) if m[5] else default_year
        try:
            start, end = date(year, first, int(m[1])), date(year, last, int(m[3]))
        except ValueError:
            continue
        if start < end:
            return start, end
    return None


def first_short_date(text: str) -> date | None:
    """A date printed ISO or as YYMMDD ("per 200630")."""
    for m in ISO_DATE.finditer(text):
        found = iso_date(m.group(0))
        if found:
            return found
    for m in SHORT_DATE.finditer(text):
        try:
            return date(2000 + int(m[1]), int(m[2]), int(m[3]))
        except ValueError:
            continue
    return None
