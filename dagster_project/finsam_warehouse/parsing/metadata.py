"""Report metadata: type, period, the board's decision date, org.nr."""

from __future__ import annotations

import re
from datetime import date, timedelta

from rapidfuzz import fuzz

from finsam_warehouse.parsing.dates import (
    first_iso_range,
    first_month_range,
    first_swedish_date,
    first_swedish_range,
)
from finsam_warehouse.parsing.models import ReportError, ReportMetadata, TextLine
from finsam_warehouse.parsing.ocr_repair import fold, strip_markup

# How far into the text the title page and introduction reach.
HEAD_LINES = 80
ANNUAL_WORDS = ("arsredovisning", "arsredovisningen", "arsbokslut")
INTERIM_WORDS = (
    "delarsredovisning", "delarsredovisningen", "delarsrapport", "delarsrapporten",
    "delarsbokslut", "delarsbokslutet",
)  # fmt: skip
ORG_NR = re.compile(r"(?<!\d)(\d{6})\s?-\s?(\d{4})(?!\d)")
DECIDED_BY_BOARD = re.compile(r"beslutad\w*\s+av\s+styrelsen", re.IGNORECASE)
SIGNATURE_HEADING = re.compile(r"styrelsens\s+(underskrift|beslut|signatur)", re.IGNORECASE)
TITLE_YEAR = re.compile(r"\barsredovisning\s+(\d{4})\b")
FISCAL_YEAR = re.compile(r"\b(?:verksamhets|budget|rakenskaps)aret\s+(\d{4})\b|\barsredovisning\w*\s+(\d{4})\b")


def _word_kind(word: str) -> str | None:
    if len(word) < 10:
        return None
    interim = max(fuzz.ratio(word, w) for w in INTERIM_WORDS)
    annual = max(fuzz.ratio(word, w) for w in ANNUAL_WORDS)
    if max(interim, annual) < 90:
        return None
    return "interim" if interim > annual else "annual"


def report_type(lines: list[TextLine]) -> str:
    """'annual' or 'interim', from the first title word that names the report."""
    for line in lines[:HEAD_LINES]:
        for word in fold(line.text).split():
            kind = _word_kind(word)
            if kind:
                return kind
    raise ReportError(
        "this does not look like a samordningsförbund report: "
        "no 'årsredovisning' or 'delårsrapport/-redovisning' in its first pages"
    )


def _titled_year(head: list[str]) -> int | None:
    """The year an annual report's title names ("Årsredovisning 2021"), if it does."""
    for text in head:
        if m := TITLE_YEAR.search(fold(text, keep_digits=True)):
            return int(m[1])
    return None


def report_period(lines: list[TextLine], kind: str) -> tuple[date, date]:
    """The period of the report: the first date range of its first pages.

    An annual report whose title names its year takes the first range that
    ends in that year: statements printed with the previous year's column
    first show the previous year's dates before the report's own. A period
    ends on a month's last day; a range that does not (a column header wrapped
    into the next one's date, "2020-01-01 -⇥2021-01-01") is not one.
    """
    head = [strip_markup(line.text) for line in lines[:HEAD_LINES]]
    titled = _titled_year(head) if kind == "annual" else None
    for text in head:
        found = first_iso_range(text) or first_swedish_range(text)
        if found and (found[1] + timedelta(days=1)).day == 1 and (titled is None or found[1].year == titled):
            return found
    if kind == "annual":
        # An annual report covers the calendar year it names.
        for text in head:
            m = FISCAL_YEAR.search(fold(text, keep_digits=True))
            if m:
                year = int(m[1] or m[2])
                return date(year, 1, 1), date(year, 12, 31)
    for text in head:  # whole months only where no line gives days: "Delårsredovisning januari–juni 2022"
        if found := first_month_range(text):
            return found
    raise ReportError("the report's period was not found in its first pages")


def decided_on(lines: list[TextLine]) -> date | None:
    """The date the board approved the report, where printed."""
    for line in lines[:HEAD_LINES]:
        text = strip_markup(line.text)
        if DECIDED_BY_BOARD.search(text):
            found = first_swedish_date(text)
            if found:
                return found
    for i, line in enumerate(lines):
        if SIGNATURE_HEADING.search(fold(line.text)):
            for later in lines[i + 1 : i + 40]:
                text = strip_markup(later.text)
                if re.match(r"^\s*(datum\b|den\s+\d)", text, re.IGNORECASE):
                    found = first_swedish_date(text)
                    if found:
                        return found
    return None


def org_nr(lines: list[TextLine]) -> str | None:
    for line in lines[:HEAD_LINES]:
        if "organisationsnummer" in fold(line.text) or "org nr" in fold(line.text):
            m = ORG_NR.search(line.text)
            if m:
                return f"{m[1]}-{m[2]}"
    return None


def read_metadata(lines: list[TextLine]) -> ReportMetadata:
    kind = report_type(lines)
    start, end = report_period(lines, kind)
    return ReportMetadata(kind, start, end, decided_on(lines), org_nr(lines))
