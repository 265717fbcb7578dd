"""Is the file whole, and is it a report at all?

A file cut short (an upload that stopped, half a PDF) still has its title page
and table of contents, so it would parse as a report with its statements
silently missing; board minutes that mention "årsredovisning" would parse as
a report with nothing in it. Both are errors here, never a quiet ``ok``.

The table of contents (Innehållsförteckning) of reports in every layout seen
lists the statements by heading with a page number; those announced must be
read. (Its page numbers are not compared with the file's pages: figures in
the lines after the heading are too easily taken for page numbers.)
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from finsam_warehouse.parsing.line_items import STATEMENT_HEADING_VOCABULARY
from finsam_warehouse.parsing.models import ParsedReport, TextLine
from finsam_warehouse.parsing.ocr_repair import fold, strip_markup

TOC_HEADING = "innehallsforteckning"
TOC_SEARCH_LINES = 150  # the table of contents is on the first pages
TOC_MAX_ENTRIES = 60
# "2. RESULTATRÄKNING.....  15", "1.2 Om förbundet   4": a title, dot leaders, a page number.
# One lazy group only: two in a row backtrack cubically on long prose lines.
TOC_ENTRY = re.compile(r"^\s*(?:\d+(?:\.\d+)*\.?\s*)?(?P<title>.*?)[\s.…]*\s(?P<page>\d{1,3})\s*$")
LETTER = re.compile(r"[^\W\d_]")
STATEMENT_NAMES = {"income_statement": "resultaträkning", "balance_sheet": "balansräkning", "cash_flow": "kassaflödesanalys"}


@dataclass(frozen=True)
class TableOfContents:
    statements: dict[str, int]  # statement → page it is announced on


def table_of_contents(lines: list[TextLine]) -> TableOfContents | None:
    """The statements a report's table of contents announces, and its last page number."""
    head = lines[:TOC_SEARCH_LINES]
    start = next((i for i, line in enumerate(head) if fold(line.text) == TOC_HEADING), None)
    if start is None:
        return None
    statements: dict[str, int] = {}
    entries = 0
    for line in lines[start + 1 : start + 1 + TOC_MAX_ENTRIES]:
        entry = TOC_ENTRY.match(strip_markup(line.text).replace("\t", " "))
        if not entry or not LETTER.search(entry["title"]):
            continue
        page = int(entry["page"])
        entries += 1
        found = STATEMENT_HEADING_VOCABULARY.match(entry["title"])
        if found:
            statements.setdefault(found.entry, page)
    return TableOfContents(statements) if entries else None


def completeness_problem(lines: list[TextLine], report: ParsedReport) -> str | None:
    """Why this file is not a whole report, or None."""
    has_figures = report.statement_facts or report.budget_lines or report.participant_counts or report.note_lines
    if not has_figures:
        return (
            "no statement, budget or participant figure could be read: either this is not a report "
            "(board minutes, a letter) or its tables are in a layout the parser does not read yet"
        )
    toc = table_of_contents(lines)
    if toc is None:
        return None
    read = {fact.statement for fact in report.statement_facts}
    missing = [s for s in toc.statements if s not in read]
    if missing:
        names = ", ".join(f"{STATEMENT_NAMES[s]} (page {toc.statements[s]})" for s in missing)
        return f"the table of contents announces {names}, but no figure of it was found: is the file cut short?"
    return None
