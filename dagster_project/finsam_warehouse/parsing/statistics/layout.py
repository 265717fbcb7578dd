"""Where the table of a statistics sheet is: its header row, the title block above
it (organisation, period) and the footnotes below it (anonymous participants)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from finsam_warehouse.parsing.statistics.grid import Sheet
from finsam_warehouse.parsing.statistics.models import Cell, StatisticsError
from finsam_warehouse.parsing.statistics.vocabulary import ColumnMeaning, StatisticsVocabulary

HEADER_SEARCH_ROWS = 40
FIGURE_ROLES = ("measure", "outcome", "share")
ROW_ROLES = ("insats", "sex")
_ISO_DATE = re.compile(r"(?<!\d)(\d{4})-(\d{2})-(\d{2})(?!\d)")
_ORG_NR = re.compile(r"(?<!\d)(\d{6})-?(\d{4})(?!\d)")
_INTEGER = re.compile(r"(?<![\d,.])\d+(?![\d,.])")


@dataclass
class Layout:
    """A sheet's table: the header row and what each of its columns means."""

    sheet: Sheet
    header_index: int  # index into sheet.rows
    columns: dict[int, ColumnMeaning]  # column index → meaning
    title: str | None = None
    organisation: str | None = None
    org_nr: str | None = None
    period: tuple[date, date] | None = None
    anonymous_count: int | None = None
    anonymous_in_totals: bool | None = None
    unknown_headers: list[str] = field(default_factory=list)

    @property
    def header(self) -> list[Cell]:
        return self.sheet.rows[self.header_index]

    def column_of(self, role: str) -> int | None:
        return next((i for i, m in self.columns.items() if m.role == role), None)


def _meanings(row: list[Cell], vocabulary: StatisticsVocabulary) -> dict[int, ColumnMeaning]:
    found = {}
    for index, cell in enumerate(row):
        meaning = vocabulary.column(cell.text) if cell.text else None
        if meaning is not None and (meaning.role not in ("measure", "outcome", "share") or meaning.code):
            found[index] = meaning
    return found


def _is_header(meanings: dict[int, ColumnMeaning]) -> bool:
    roles = {m.role for m in meanings.values()}
    return bool(roles & set(FIGURE_ROLES)) and bool(roles & set(ROW_ROLES))


def _describe_missing(meanings: dict[int, ColumnMeaning]) -> str:
    roles = {m.role for m in meanings.values()}
    missing = []
    if not roles & set(FIGURE_ROLES):
        missing.append("a column of figures (participants, started, ended, current, or an outcome)")
    if not roles & set(ROW_ROLES):
        missing.append("a column naming the insats or the sex (Insats, Kön)")
    return " and ".join(missing)


def unknown_layout(sheets: list[Sheet], vocabulary: StatisticsVocabulary) -> StatisticsError:
    """The error for a file with no recognisable header: the closest row, what it has and lacks."""
    best: tuple[int, Sheet, list[Cell], dict[int, ColumnMeaning]] | None = None
    for sheet in sheets:
        for row in sheet.rows[:HEADER_SEARCH_ROWS]:
            meanings = _meanings(row, vocabulary)
            labels = sum(1 for c in row if c.text and not any(ch.isdigit() for ch in c.text))
            score = len(meanings) + labels
            if best is None or score > best[0]:
                best = (score, sheet, row, meanings)
    if best is None:
        return StatisticsError("no header row found: the file holds no rows")
    _, sheet, row, meanings = best
    cells = [c for c in row if c.text]
    where = f"sheet '{sheet.name}', row {cells[0].row}" if sheet.name else f"line {cells[0].row}"
    names = ", ".join(f"'{c.text[:40]}'" for c in cells[:12])
    known = ", ".join(f"'{row[i].text[:40]}' ({m.role}{' ' + m.code if m.code else ''})" for i, m in meanings.items())
    return StatisticsError(
        f"unknown layout: no header row with known columns in the first {HEADER_SEARCH_ROWS} rows. "
        f"The closest ({where}) has the columns {names}; recognised: {known or 'none'}; "
        f"missing: {_describe_missing(meanings)}. Add the export's column names to "
        "dbt/seeds/statistics_vocabulary.csv"
    )


def find_layouts(sheets: list[Sheet], vocabulary: StatisticsVocabulary) -> list[Layout]:
    """One layout per sheet that has a recognisable header row (the best-scoring row)."""
    layouts = []
    for sheet in sheets:
        candidates = []
        for index, row in enumerate(sheet.rows[:HEADER_SEARCH_ROWS]):
            meanings = _meanings(row, vocabulary)
            if _is_header(meanings):
                candidates.append((len(meanings), -index, index, meanings))
        if candidates:
            _, _, index, meanings = max(candidates)
            layout = Layout(sheet, index, meanings)
            layout.unknown_headers = [c.text for i, c in enumerate(layout.header) if c.text and i not in meanings]
            read_title_block(layout, vocabulary)
            read_organisation_columns(layout)
            read_footnotes(layout, vocabulary)
            layouts.append(layout)
    return layouts


def period_in(text: str) -> tuple[date, date] | None:
    found = [date(int(y), int(m), int(d)) for y, m, d in _ISO_DATE.findall(text)]
    return (found[0], found[1]) if len(found) >= 2 and found[0] <= found[1] else None


def _label_and_value(cells: list[Cell]) -> tuple[str, str]:
    """'Period' | '2021-01-01 -- 2021-08-31', or 'Period: 2021-01-01 -- 2021-08-31' in one cell."""
    if len(cells) >= 2:
        return cells[0].text, " ".join(c.text for c in cells[1:])
    label, _, value = cells[0].text.partition(":")
    return (label, value) if value else ("", cells[0].text)


def read_title_block(layout: Layout, vocabulary: StatisticsVocabulary) -> None:
    """The organisation, org.nr and period printed above the header row."""
    any_period = None
    for row in layout.sheet.rows[: layout.header_index]:
        cells = [c for c in row if c.text]
        if not cells:
            continue
        label, value = _label_and_value(cells)
        meaning = vocabulary.column(label) if label else None
        if layout.title is None and len(cells) == 1 and not period_in(cells[0].text):
            layout.title = cells[0].text
        if meaning is not None and meaning.role == "organisation":
            layout.organisation = value.strip()
        org_nr = _ORG_NR.search(value)
        if org_nr and (meaning is not None and meaning.role == "org_nr" or layout.org_nr is None):
            layout.org_nr = f"{org_nr.group(1)}-{org_nr.group(2)}"
        found = period_in(value)
        if found and vocabulary.mentions(label, "period"):
            layout.period = found
        any_period = any_period or found
    layout.period = layout.period or any_period


def read_footnotes(layout: Layout, vocabulary: StatisticsVocabulary) -> None:
    """Anonymous participants named in a note below or above the table."""
    for row in layout.sheet.rows:
        text = " ".join(c.text for c in row if c.text)
        if not vocabulary.mentions(text, "anonymous"):
            continue
        numbers = _INTEGER.findall(text)
        if numbers and layout.anonymous_count is None:
            layout.anonymous_count = int(numbers[-1])
            layout.anonymous_in_totals = not vocabulary.mentions(text, "anonymous_excluded")


def read_organisation_columns(layout: Layout) -> None:
    """The organisation and org.nr from columns of the table, where the title block has none."""
    for role in ("organisation", "org_nr"):
        index = layout.column_of(role)
        if index is None:
            continue
        values = [row[index].text for row in layout.sheet.rows[layout.header_index + 1 :] if row[index].text]
        if role == "organisation" and values and layout.organisation is None:
            layout.organisation = values[0]
        org_nr = _ORG_NR.search(values[0]) if role == "org_nr" and values else None
        if org_nr and layout.org_nr is None:
            layout.org_nr = f"{org_nr.group(1)}-{org_nr.group(2)}"
