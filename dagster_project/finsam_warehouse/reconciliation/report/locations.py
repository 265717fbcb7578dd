"""Where to look: the page, the line on that page, and the printed line quoted.

Check details name figures as ``Label (line 238)`` or, in paged reports,
``Label (page 3, line 120)``, where the line is counted over the whole text.
The page starts stored with each paged report (``raw.report_pages``) turn that
into the line on its page; the printed text of a line is the ``raw_text`` the
facts read from it carry. A line none of them was read from is not quoted.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html import escape

from finsam_warehouse.reconciliation.report.formatting import Html, strip_markup, text

# "(line 238)", "(page 3, line 120)", "(line 630–631)"; a statistics cell "(line 5 column G)" is no match.
_REFERENCE = re.compile(r"\((?:page (?P<page>\d+), )?lines? (?P<line>\d+)(?:–(?P<last>\d+))?\)")
MAX_QUOTES = 4


@dataclass
class PrintedLines:
    """Per report: the text printed on each line read, and the first line of each page."""

    texts: dict[tuple[str, int], str] = field(default_factory=dict)
    page_starts: dict[tuple[str, int], int] = field(default_factory=dict)

    def line_on_page(self, report_id: str, page: int, line: int) -> int | None:
        first = self.page_starts.get((report_id, page))
        return line - first + 1 if first is not None and line >= first else None


def _place(lines: PrintedLines, report_id: str, page: str | None, line: int) -> str:
    if page is None:
        return f"line {line}"
    on_page = lines.line_on_page(report_id, int(page), line)
    return f"page {page}, line {on_page}" if on_page is not None else f"page {page}, line {line} of the text"


def readable_detail(detail: object, report_id: str, lines: PrintedLines) -> str:
    """The detail with each place as page and line on that page, markup stripped."""

    def rewrite(match: re.Match[str]) -> str:
        place = _place(lines, report_id, match["page"], int(match["line"]))
        if match["last"] and match["last"] != match["line"]:
            last = _place(lines, report_id, match["page"], int(match["last"])).rsplit(" ", 1)[-1]
            place += f"–{last}"
        return f"({place})"

    return _REFERENCE.sub(rewrite, strip_markup(detail))


def quoted_lines(detail: object, report_id: str, lines: PrintedLines) -> list[tuple[str, str]]:
    """(place, printed text) for the lines the detail names, in order, each once."""
    quotes: list[tuple[str, str]] = []
    seen: set[int] = set()
    for match in _REFERENCE.finditer(text(detail)):
        line = int(match["line"])
        printed = lines.texts.get((report_id, line))
        if printed is None or line in seen:
            continue
        seen.add(line)
        quotes.append((_place(lines, report_id, match["page"], line), strip_markup(printed)))
        if len(quotes) == MAX_QUOTES:
            break
    return quotes


def where_to_look(detail: object, report_id: object, lines: PrintedLines | None) -> Html:
    """The detail in words, then the printed lines it names, quoted."""
    lines = lines or PrintedLines()
    report = text(report_id)
    parts = [escape(readable_detail(detail, report, lines))]
    for place, printed in quoted_lines(detail, report, lines):
        parts.append(f'<span class="printed">{escape(place)}: <q>{escape(printed)}</q></span>')
    return Html("".join(parts))
