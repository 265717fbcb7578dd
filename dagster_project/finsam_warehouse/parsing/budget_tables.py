"""Budget against outcome: driftredovisning, prognos and per-insats reports.

Three shapes are read, keyed to their headings and column headers:

* **Column tables.** A header line names two or more columns (Budget, Utfall,
  Kostnad, Prognos, Differens, Avvikelse); the lines under it add each
  column's period ("Helår 2023", "Budget halvår", "per 200630", a year) and
  the unit ("Belopp tkr"). Every row is a label and one figure per column,
  tab-separated or, in OCR text, one run of digit groups. An outcome column
  split into Intäkt | Kostnad | Netto prints two figures per row: the one of
  Intäkt or Kostnad that is filled, then Netto.
* **Per-insats reports** ("Ekonomisk rapport", "Ekonomisk rapportering"):
  cost lines, then Förbrukade medel (outcome), Erhållna or Budgeterade medel
  (budget, with its period beside it) and Överskott. They give one summary
  row per insats and the cost lines as detail rows (line_kind 'cost_line').
* **Budget / outcome pairs** under an insats heading: "Budget 400 000 kr"
  followed by "Utfall 139 800".

Each line that totals others gets is_total, and each line a total sums names
that total in parent_line_order, so sums never count twice and the warehouse
can check them. Lines are matched to the insats registry
(dbt/seeds/insats.csv) to give a shared insats_id.
"""

from __future__ import annotations

import csv
import logging
import re
from collections.abc import Iterable
from dataclasses import dataclass, field, fields
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from finsam_warehouse.parsing.dates import ISO_DATE, iso_date, month_number
from finsam_warehouse.parsing.models import ReportMetadata, TextLine
from finsam_warehouse.parsing.numbers import (
    UNIT_MULTIPLIERS,
    ParsedNumber,
    parse_single_amount,
    split_number_run,
    unit_of,
)
from finsam_warehouse.parsing.ocr_repair import Vocabulary, fold, repaired_label, strip_markup
from finsam_warehouse.parsing.statements import NUMERIC_TAIL, SECTION_NUMBER

log = logging.getLogger(__name__)


TABLE_LINE = "table_line"
INSATS_SUMMARY = "insats_summary"
COST_LINE = "cost_line"

BUDGET_MINUS_OUTCOME = "budget_minus_outcome"
BUDGET_MINUS_FORECAST = "budget_minus_forecast"

MAX_TABLE_LINES = 60
MAX_INSATS_REPORT_LINES = 30
INSATS_HEADING_LOOKBACK = 150
PAIR_HEADING_LOOKBACK = 60
CENT = Decimal("0.01")

# Column headers, folded, and what the column holds.
COLUMN_ROLES = Vocabulary(
    [
        ("budget", "budget"),
        ("budgeterat", "budget"),
        ("utfall", "outcome"),
        ("kostnad", "outcome"),
        ("forbrukat", "outcome"),
        ("prognos", "forecast"),
        ("differens", "difference"),
        ("avvikelse", "difference"),
    ],
    min_score=90.0,
)
# Words that qualify a column header: its period, unit or split.
QUALIFIER_WORDS = Vocabulary(
    [
        (w, w)
        for w in (
            "helar", "halvar", "delar", "ar", "per", "perioden", "period", "netto", "intakt",
            "intakter", "kostnad", "belopp", "tkr", "kkr", "mkr", "kr", "totalt", "mot", "tom",
        )
    ],
    min_score=80.0,
)  # fmt: skip
PERIOD_WORDS = {"halvar", "delar", "period", "perioden"}
SUM_WORDS = {"summa", "totalt", "total", "sum"}

# Headings and labels that say which category the lines under them (or the
# line itself) belong to.
CATEGORY_PHRASES = Vocabulary(
    [
        ("Intäkter", "income"),
        ("Summa intäkter", "income"),
        ("Medlemsbidrag", "income"),
        ("Medlemsavgifter", "income"),
        ("Driftbidrag", "income"),
        ("Individinriktade insatser", "individual"),
        ("Individinriktad insats", "individual"),
        ("Projekt/individinsatser", "individual"),
        ("Individinsatser", "individual"),
        ("Insatser/projekt", "individual"),
        ("Insatser - individinriktade", "individual"),
        ("Strukturövergripande insatser", "structural"),
        ("Strukturövergripande insats", "structural"),
        ("Insatser - strukturövergripande", "structural"),
        ("Administration", "administration"),
        ("Administrativa kostnader", "administration"),
        ("Kansli", "administration"),
        ("Resultat", "result"),
        ("Periodens resultat", "result"),
        ("Årets resultat", "result"),
        ("Summa kostnader", "total"),
        ("Totalt", "total"),
    ]
)
# A line with figures and one of these labels heads (and sums) the lines under it.
GROUP_HEADINGS = Vocabulary(
    [
        ("Individinriktade insatser", "individual"),
        ("Projekt/individinsatser", "individual"),
        ("Individinsatser", "individual"),
        ("Insatser/projekt", "individual"),
        ("Strukturövergripande insatser", "structural"),
    ]
)
# Cost blocks that gather several insatser: no insats of their own.
BLOCK_LABELS = Vocabulary(
    [(label, label) for label in ("Projektmedel", "Projektkostnader", "Finansierade insatser", "Insatser")]
)
RESULT_LABELS = Vocabulary([("Resultat", "result"), ("Periodens resultat", "result"), ("Årets resultat", "result")])
# Lines of a per-insats report.
INSATS_REPORT_HEADINGS = Vocabulary([("Ekonomisk rapport", "report"), ("Ekonomisk rapportering", "report")])
INSATS_REPORT_LINES = Vocabulary(
    [
        ("Förbrukade medel", "outcome"),
        ("Förbrukat", "outcome"),
        ("Erhållna medel", "budget"),
        ("Budgeterade medel", "budget"),
        ("Beviljade medel", "budget"),
        ("Överskott", "surplus"),
        ("Underskott", "deficit"),
        ("Kostnader", "header"),
    ]
)
COST_LABELS = Vocabulary(
    [
        (label, label)
        for label in (
            "Löner", "Lokalkostnader", "Bilkostnader", "Förbrukningsmaterial",
            "Förbrukningsmaterial/Inventarier", "Konferens/Utbildning", "Mobiltelefoni",
            "Mobiltelefon", "Övrigt", "Ekonomitjänst", "Resor", "Köpta tjänster",
        )
    ]
)  # fmt: skip
PAIR_LABELS = Vocabulary([("Budget", "budget"), ("Utfall", "outcome"), ("Ekonomiskt utfall", "outcome")])

# "(1jan-31mars)", "1 april-30 juni", "1 jan – 31 mars 2020"
_WORD = r"[A-Za-zÅÄÖåäöé]+"
DAY_MONTH_RANGE = re.compile(
    rf"(?<!\d)(\d{{1,2}})\s*({_WORD})\.?\s*[-\u2013]\s*(\d{{1,2}})\s*({_WORD})\.?(?:\s+(\d{{4}}))?"
)
SHORT_DATE = re.compile(r"(?<!\d)(\d{2})(\d{2})(\d{2})(?!\d)")  # 200630
YEAR = re.compile(r"^(19|20)\d{2}$")
INSATS_HEADING = re.compile(r"^(?P<kind>.{0,40}?insats\w*)\s*[\u2013\u2014-]\s*(?P<rest>\S.*)$", re.IGNORECASE)
NUMBERED_HEADING = re.compile(r"^\s*\d{1,2}\.\s+(?P<name>[A-ZÅÄÖ]\S*(?:\s+\S+){0,5})\s*$")
NAME_END = re.compile(r"\s+\.\s|\.\s|\s*\(|\s+[\u2013\u2014-]\s")
TRAILING_UNIT = re.compile(r"\s*(?:kr|tkr|kkr|kronor|k)\.?\s*\*?\s*$", re.IGNORECASE)
AMOUNT_WITH_KR = re.compile(r"(?<![\d,])(-?\d[\d |]*?\d|\d)\s*(?:kr|k)\b", re.IGNORECASE)
FIRST_AMOUNT = re.compile(r"(?<![\d,])(-?\d[\d |]*\d(?:,\d{1,2})?|\d)(?![\d.,]\d)")
PAGE_FOOTER = re.compile(r"^(?:sida|page)\s+\d+(?:\s*\(\d+\))?$", re.IGNORECASE)
SWEDISH_LETTERS = set("åäöÅÄÖ")


# --- the insats registry ------------------------------------------------------


@dataclass(frozen=True)
class Insats:
    association_id: str
    insats_id: str
    display_name: str
    category: str | None
    aliases: tuple[str, ...]


def load_insatser(seed_csv: Path) -> list[Insats]:
    """The insats registry: one entry per insats, with the names reports use for it."""
    if not seed_csv.exists():
        return []
    with seed_csv.open(encoding="utf-8", newline="") as handle:
        return [
            Insats(
                association_id=row["association_id"],
                insats_id=row["insats_id"],
                display_name=row["display_name"],
                category=row["category"] or None,
                aliases=tuple(a.strip() for a in (row["aliases"] or "").split("|") if a.strip()),
            )
            for row in csv.DictReader(handle)
        ]


class InsatsResolver:
    """Matches a printed name to an insats of one association, tolerating OCR damage."""

    def __init__(self, insatser: Iterable[Insats], association_id: str | None) -> None:
        phrases: list[tuple[str, Insats]] = []
        for insats in insatser:
            if association_id is not None and insats.association_id != association_id:
                continue
            phrases.extend((name, insats) for name in (insats.display_name, *insats.aliases))
        self._vocabulary: Vocabulary[Insats] = Vocabulary(phrases, min_score=90.0)

    def resolve(self, label: str) -> tuple[Insats, str] | None:
        """The insats and the alias it matched, or None."""
        found = self._vocabulary.match(label)
        return (found.entry, found.phrase) if found else None


# --- rows ---------------------------------------------------------------------


@dataclass(kw_only=True)
class BudgetRow:
    """One row of raw.budget_lines, less report_id and association_id (same column order)."""

    table_title: str | None
    table_number: int = 0
    fiscal_year: int
    period_end: date
    budget_line: str
    label_printed: str
    section: str | None = None
    category: str | None = None
    is_total: bool = False
    line_kind: str
    insats_label: str | None = None
    insats_id: str | None = None
    parent_line_order: int | None = None
    budget_full_year_sek: Decimal | None = None
    budget_period_sek: Decimal | None = None
    outcome_sek: Decimal | None = None
    outcome_previous_year_sek: Decimal | None = None
    forecast_full_year_sek: Decimal | None = None
    printed_difference_sek: Decimal | None = None
    difference_basis: str | None = None
    unit: str
    line_order: int = 0
    source_page: int | None
    source_line: int
    raw_text: str
    # Not loaded: the row this one is summed into, before line_order is known.
    parent: BudgetRow | None = field(default=None, repr=False, compare=False)

    def as_dict(self) -> dict[str, Any]:
        return {f.name: getattr(self, f.name) for f in fields(self) if f.name != "parent"}


@dataclass
class ReadContext:
    meta: ReportMetadata
    is_ocr: bool
    resolver: InsatsResolver


def _kronor(value: ParsedNumber | None, unit: str) -> Decimal | None:
    if value is None:
        return None
    return (value.value * UNIT_MULTIPLIERS[unit]).quantize(CENT)


def _clean_label(text: str) -> str:
    """A printed label without markup, OCR strays and footnote marks."""
    label = strip_markup(text).replace("\t", " ")
    label = re.sub(r"[|*]+", " ", label)
    return re.sub(r"\s+", " ", label).strip(" :")


def _tokens(text: str) -> list[str]:
    return fold(strip_markup(text), keep_digits=True).split()


def _is_year_or_date(token: str) -> bool:
    return bool(YEAR.match(token) or SHORT_DATE.fullmatch(token) or re.fullmatch(r"\d{4}\d{2}\d{2}", token))


def _short_date(text: str) -> date | None:
    """A date printed as YYMMDD ("per 200630") or ISO."""
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


def _day_month_range(text: str, fiscal_year: int) -> tuple[date, date] | None:
    """A period such as "1jan-31mars" or "1 april-30 juni", in the fiscal year unless printed."""
    for m in DAY_MONTH_RANGE.finditer(text):
        first, last = month_number(m[2]), month_number(m[4])
        if not (first and last):
            continue
        year = int(m[5]) if m[5] else fiscal_year
        try:
            start, end = date(year, first, int(m[1])), date(year, last, int(m[3]))
        except ValueError:
            continue
        if start < end:
            return start, end
    return None


def _is_full_year(period: tuple[date, date]) -> bool:
    start, end = period
    return (start.month, start.day, end.month, end.day) == (1, 1, 12, 31)


def _amount_of(text: str) -> ParsedNumber | None:
    """The single amount of a cell or a run such as "3086 953 kr*"."""
    cleaned = TRAILING_UNIT.sub("", strip_markup(text).replace("*", " ")).strip()
    return parse_single_amount(cleaned) if cleaned else None


def _ocr_label_and_run(text: str) -> tuple[str, str] | None:
    """Split an OCR row into its label and the run of figures after it."""
    clean = TRAILING_UNIT.sub("", strip_markup(text).replace("*", " ")).rstrip()
    tail = NUMERIC_TAIL.search(clean)
    if not tail:
        return None
    label = clean[: tail.start()].strip()
    if not re.match(r"[A-Za-zÅÄÖåäöé]", label):
        return None
    return label, tail.group(0)


def _is_sum_label(label: str) -> bool:
    words = fold(label).split()
    return bool(words) and words[0] in SUM_WORDS


def _category_of(text: str) -> str | None:
    found = CATEGORY_PHRASES.starts_with(text)
    return found.entry if found else None


def _display_label(printed: str, known: str | None, ctx: ReadContext) -> str:
    """The label after OCR repair: the known spelling where OCR lost its Swedish letters."""
    if known is None or not ctx.is_ocr or not SWEDISH_LETTERS & set(known):
        return printed
    return repaired_label(printed, known)


# --- column tables ------------------------------------------------------------


@dataclass
class Column:
    role: str  # budget, outcome, forecast, difference
    text: str
    cell_index: int | None = None
    split: bool = False  # Intäkt | Kostnad | Netto: two figures per row

    @property
    def words(self) -> list[str]:
        return _tokens(self.text)

    @property
    def year(self) -> int | None:
        years = [int(w) for w in self.words if YEAR.match(w)]
        return years[-1] if years else None

    @property
    def figure_count(self) -> int:
        return 2 if self.split else 1


def _role(token: str) -> str | None:
    if token.isdigit() or len(token) < 4:
        return None
    found = COLUMN_ROLES.match(token)
    return found.entry if found else None


def _is_qualifier(token: str) -> bool:
    return _is_year_or_date(token) or (not token.isdigit() and QUALIFIER_WORDS.match(token) is not None)


def _header_columns(line: TextLine) -> list[Column] | None:
    """The columns a header line names, or None if it is no column header."""
    text = strip_markup(line.text) if "\t" not in line.text else line.text
    stripped = strip_markup(text).replace("\t", " ").strip()
    if not stripped or stripped[0].islower() or stripped.endswith((".", ":")):
        return None  # a sentence, not a header
    tokens = _tokens(text)
    roles = [i for i, t in enumerate(tokens) if _role(t)]
    if len(roles) < 2 or roles[0] > 3:
        return None
    if not all(_role(t) or _is_qualifier(t) for t in tokens[roles[0] :]):
        return None
    if "\t" in line.text:
        columns = []
        for i, cell in enumerate(line.text.split("\t")):
            cell_roles = [r for r in (_role(t) for t in _tokens(cell)) if r]
            if cell_roles:
                columns.append(Column(cell_roles[0], strip_markup(cell), cell_index=i))
        return columns or None
    columns = []
    for start, end in zip(roles, [*roles[1:], len(tokens)], strict=True):
        columns.append(Column(_role(tokens[start]) or "", " ".join(tokens[start:end])))
    return columns


def _is_sub_header(line: TextLine) -> bool:
    tokens = _tokens(line.text)
    if len(tokens) < 2:
        return False
    if any(t.isdigit() and not _is_year_or_date(t) for t in tokens):
        return False
    known = sum(1 for t in tokens if _role(t) or _is_qualifier(t))
    return known / len(tokens) >= 0.6


def _add_sub_header(columns: list[Column], line: TextLine) -> None:
    if "\t" in line.text:
        cells = line.text.split("\t")
        for column in columns:
            if column.cell_index is not None and column.cell_index < len(cells):
                column.text = f"{column.text} {strip_markup(cells[column.cell_index])}".strip()
        return
    tokens = _tokens(line.text)
    periods = [t for t in tokens if _is_year_or_date(t)]
    if len(periods) == len(columns) == len(tokens):
        for column, token in zip(columns, periods, strict=True):
            column.text = f"{column.text} {token}"
        return
    # Intäkt | Kostnad | Netto under an outcome column: the first such columns split.
    splits = sum(1 for t in tokens if fold(t).startswith("int") and QUALIFIER_WORDS.match(t))
    for column in [c for c in columns if c.role == "outcome"][:splits]:
        column.split = True


@dataclass
class TableItem:
    """A data row, or (values None) a section line."""

    label: str
    values: list[ParsedNumber | None] | None
    line: TextLine


def _tab_values(cells: list[str], columns: list[Column]) -> list[ParsedNumber | None]:
    return [
        _amount_of(cells[c.cell_index]) if c.cell_index is not None and c.cell_index < len(cells) else None
        for c in columns
    ]


def _ocr_values(run: str, columns: list[Column], line: TextLine) -> list[ParsedNumber | None]:
    """One figure per column from an OCR run; a split column keeps its second figure, Netto."""
    count = sum(c.figure_count for c in columns)
    figures = split_number_run(run, count)
    if figures is None:
        log.warning("line %s: could not split the figures of %r into %d columns", line.number, line.text, count)
        return [None] * len(columns)
    values: list[ParsedNumber | None] = []
    position = 0
    for column in columns:
        position += column.figure_count
        values.append(figures[position - 1])
    return values


def _table_items(block: list[TextLine], columns: list[Column]) -> list[TableItem]:
    """Rows and section lines of a column table, up to where the table ends."""
    items: list[TableItem] = []
    tab_layout = any(c.cell_index is not None for c in columns)
    for line in block:
        clean = strip_markup(line.text)
        if not clean.replace("\t", "").strip():
            if tab_layout and items:
                break
            continue
        if tab_layout:
            if "\t" not in line.text:
                break
            cells = line.text.split("\t")
            label = _clean_label(cells[0])
            values = _tab_values(cells, columns)
            if any(v is not None for v in values):
                items.append(TableItem(label, values, line))
            elif label:
                items.append(TableItem(label, None, line))
            continue
        if PAGE_FOOTER.match(clean.strip()):
            continue
        split = _ocr_label_and_run(line.text)
        if split is not None:
            label, run = split
            items.append(TableItem(_clean_label(label), _ocr_values(run, columns, line), line))
            continue
        words = clean.split()
        if NUMBERED_HEADING.match(clean) or clean.startswith(("*", "#")) or len(words) > 5:
            break
        if clean[0].islower() and items and items[-1].values is not None:
            items[-1].label = f"{items[-1].label} {_clean_label(clean)}"  # a wrapped label
            continue
        items.append(TableItem(_clean_label(clean), None, line))
    while items and items[-1].values is None:
        items.pop()  # section lines after the last row belong to what follows
    return items


@dataclass
class Group:
    """Lines summed by one total: a section, or a heading line that carries the sum."""

    label: str | None
    category: str | None
    head: BudgetRow | None = None  # a heading line with figures: it is the sum
    items: list[BudgetRow] = field(default_factory=list)


def _table_title(lines: list[TextLine], header_index: int) -> str | None:
    for line in reversed(lines[max(0, header_index - 3) : header_index]):
        text = _clean_label(line.text)
        if text:
            return SECTION_NUMBER.sub("", text).strip() or text
    return None


@dataclass
class TableLayout:
    title: str | None
    columns: list[Column]
    unit: str
    fiscal_year: int
    period_end: date

    def basis(self, column: Column) -> str:
        """What a Differens / Avvikelse column compares ("budget-prognos", or by the other columns)."""
        if "prognos" in column.words:
            return BUDGET_MINUS_FORECAST
        if "utfall" in column.words:
            return BUDGET_MINUS_OUTCOME
        has_forecast = any(c.role == "forecast" for c in self.columns)
        return BUDGET_MINUS_FORECAST if has_forecast else BUDGET_MINUS_OUTCOME


def _table_layout(
    title: str | None, columns: list[Column], header_texts: list[str], meta: ReportMetadata
) -> TableLayout:
    """Unit, fiscal year and outcome date from the title and header lines."""
    unit = next((u for u in (unit_of(strip_markup(t)) for t in [*header_texts, title or ""]) if u), "kr")
    planned_years = [c.year for c in columns if c.role in ("budget", "forecast") and c.year]
    title_years = [int(w) for w in _tokens(title or "") if YEAR.match(w)]
    fiscal_year = max(planned_years or title_years or [meta.period_end.year])
    outcome_end = next((d for d in (_short_date(c.text) for c in columns if c.role == "outcome") if d), None)
    return TableLayout(title, columns, unit, fiscal_year, outcome_end or meta.period_end)


def _table_row(item: TableItem, layout: TableLayout) -> BudgetRow:
    """A data row with each figure in the column its header names."""
    row = BudgetRow(
        table_title=layout.title,
        fiscal_year=layout.fiscal_year,
        period_end=layout.period_end,
        budget_line=item.label,
        label_printed=item.label,
        line_kind=TABLE_LINE,
        unit=layout.unit,
        source_page=item.line.page,
        source_line=item.line.number,
        raw_text=item.line.text,
    )
    for column, value in zip(layout.columns, item.values or [], strict=True):
        amount = _kronor(value, layout.unit)
        if amount is None:
            continue
        if column.role == "budget" and PERIOD_WORDS & set(column.words):
            row.budget_period_sek = amount
        elif column.role == "budget":
            row.budget_full_year_sek = amount
        elif column.role == "outcome" and column.year is not None and column.year < layout.fiscal_year:
            row.outcome_previous_year_sek = amount
        elif column.role == "outcome":
            row.outcome_sek = amount
        elif column.role == "forecast":
            row.forecast_full_year_sek = amount
        elif column.role == "difference":
            row.printed_difference_sek = amount
            row.difference_basis = layout.basis(column)
    return row


class TableStructure:
    """Which lines each total sums, from the table's sections, subtotal headings and Summa lines.

    Open groups form a stack. A section line opens a group; a Summa line sums the
    innermost group and closes it; a heading line with figures ("Projekt/
    individinsatser") sums the lines under it up to the next heading or total.
    """

    def __init__(self, ctx: ReadContext) -> None:
        self.ctx = ctx
        self.stack: list[Group] = [Group(None, None)]

    def _close_headed_groups(self) -> None:
        while len(self.stack) > 1 and self.stack[-1].head is not None:
            group = self.stack.pop()
            for child in group.items:
                child.parent = group.head

    def _category(self) -> str | None:
        return next((g.category for g in reversed(self.stack) if g.category), None)

    def _section(self) -> str | None:
        return next((g.label for g in reversed(self.stack) if g.label), None)

    def open_section(self, printed: str) -> None:
        self._close_headed_groups()
        top = self.stack[-1]
        if len(self.stack) > 1 and any(not r.is_total for r in top.items):
            self.stack.pop()  # a section that ended without its own total
        found = CATEGORY_PHRASES.starts_with(printed)
        label = _display_label(printed, found.phrase if found else None, self.ctx)
        self.stack.append(Group(label, found.entry if found else self._category()))

    def add(self, row: BudgetRow) -> None:
        label = row.label_printed
        group_heading = GROUP_HEADINGS.match(label)
        if _is_sum_label(label) or RESULT_LABELS.match(label) or group_heading:
            self._close_headed_groups()
        row.section = self._section()
        if _is_sum_label(label):
            group = self.stack[-1]
            row.is_total = True
            row.category = _category_of(label) or group.category or "total"
            for child in group.items:
                child.parent = row
            if len(self.stack) > 1:
                self.stack.pop()
                self.stack[-1].items.append(row)
            else:
                group.items = [row]
        elif RESULT_LABELS.match(label):
            row.is_total = True
            row.category = "result"
        elif group_heading:
            row.is_total = True
            row.category = group_heading.entry
            self.stack[-1].items.append(row)
            self.stack.append(Group(label, row.category, head=row))
        else:
            row.category = self._category() or _category_of(label)
            is_insats = row.category not in ("income", "result", "total") and not BLOCK_LABELS.match(label)
            row.insats_label = label if is_insats else None
            self.stack[-1].items.append(row)

    def close(self) -> None:
        self._close_headed_groups()


def _read_column_table(
    lines: list[TextLine], index: int, columns: list[Column], ctx: ReadContext
) -> tuple[list[BudgetRow], int]:
    """Rows of the column table whose header is lines[index]; also the index after it."""
    header_texts = [lines[index].text]
    position = index + 1
    while position < len(lines) and _is_sub_header(lines[position]):
        _add_sub_header(columns, lines[position])
        header_texts.append(lines[position].text)
        position += 1
    items = _table_items(lines[position : position + MAX_TABLE_LINES], columns)
    if not any(item.values is not None for item in items):
        return [], index + 1
    layout = _table_layout(_table_title(lines, index), columns, header_texts, ctx.meta)
    structure = TableStructure(ctx)
    rows: list[BudgetRow] = []
    for item in items:
        if item.values is None:
            structure.open_section(item.label)
            continue
        row = _table_row(item, layout)
        structure.add(row)
        rows.append(row)
    structure.close()
    return rows, _index_after(lines, rows[-1].source_line)


def _index_after(lines: list[TextLine], line_number: int) -> int:
    return next((i for i, ln in enumerate(lines) if ln.number > line_number), len(lines))


# --- per-insats reports -------------------------------------------------------


@dataclass
class InsatsHeading:
    name: str
    text: str
    category: str | None
    period: tuple[date, date] | None


def _insats_name(text: str) -> str:
    name = NAME_END.split(text, maxsplit=1)[0]
    return _clean_label(name)


def _insats_heading(lines: list[TextLine], index: int, stop_before: int, fiscal_year: int) -> InsatsHeading | None:
    """The nearest insats heading above lines[index]: "Individinriktad insats – Coachingteamet (…)"."""
    numbered: InsatsHeading | None = None
    for line in reversed(lines[max(stop_before, index - INSATS_HEADING_LOOKBACK) : index]):
        clean = strip_markup(line.text)
        if not clean or len(clean) > 160:
            continue
        m = INSATS_HEADING.match(clean)
        if m:
            found = CATEGORY_PHRASES.starts_with(m["kind"])
            return InsatsHeading(
                _insats_name(m["rest"]),
                clean,
                found.entry if found else None,
                _day_month_range(clean, fiscal_year),
            )
        n = NUMBERED_HEADING.match(clean)
        if n and numbered is None:
            numbered = InsatsHeading(_insats_name(n["name"]), clean, None, _day_month_range(clean, fiscal_year))
    return numbered


def _numbered_heading(lines: list[TextLine], index: int) -> InsatsHeading | None:
    for line in reversed(lines[max(0, index - PAIR_HEADING_LOOKBACK) : index]):
        m = NUMBERED_HEADING.match(strip_markup(line.text))
        if m:
            return InsatsHeading(_insats_name(m["name"]), strip_markup(line.text), None, None)
    return None


def _insats_report_heading(line: TextLine) -> str | None:
    """For an "Ekonomisk rapport(ering) [insats]" heading: the words after it ('' if none)."""
    clean = strip_markup(line.text)
    words = clean.split()
    if len(words) < 2 or len(words) > 8 or "\t" in line.text or re.search(r"\.{3,}|\d", clean):
        return None
    if INSATS_REPORT_HEADINGS.match(" ".join(words[:2])) is None:
        return None
    return " ".join(words[2:])


@dataclass
class ReportLine:
    kind: str  # cost, outcome, budget, surplus, deficit
    label: str
    amount: ParsedNumber | None
    line: TextLine
    texts: list[str]  # the label's line, and the figure's where OCR put it on a line below
    last_line: int


def _label_and_amount(line: TextLine) -> tuple[str, ParsedNumber | None, bool]:
    """Label, amount and whether the line holds a figure at all."""
    if "\t" in line.text:
        cells = line.text.split("\t")
        amount_text = " ".join(strip_markup(c) for c in cells[1:]).strip()
        return _clean_label(cells[0]), _amount_of(amount_text) if amount_text else None, bool(amount_text)
    split = _ocr_label_and_run(line.text)
    if split is not None:
        label, run = split
        return _clean_label(label), _amount_of(run), True
    return _clean_label(line.text), None, False


def _is_amount_only(line: TextLine) -> ParsedNumber | None:
    clean = strip_markup(line.text)
    if re.search(r"[A-Za-zÅÄÖåäö]", TRAILING_UNIT.sub("", clean.replace("*", " "))):
        return None
    return _amount_of(clean)


def _report_lines(block: list[TextLine]) -> list[ReportLine]:
    found: list[ReportLine] = []
    i = 0
    while i < len(block):
        line = block[i]
        clean = strip_markup(line.text)
        i += 1
        if not clean.replace("\t", "").strip():
            continue
        if line.text.lstrip().startswith("#"):
            break
        label, amount, has_figure = _label_and_amount(line)
        kind_match = INSATS_REPORT_LINES.starts_with(label)
        kind = kind_match.entry if kind_match else "cost"
        texts, last_line = [line.text], line.number
        if kind in ("outcome", "budget", "surplus", "deficit") and amount is None and not has_figure:
            # OCR puts the figure on a line of its own below the label.
            j = i
            while j < len(block) and not strip_markup(block[j].text):
                j += 1
            below = _is_amount_only(block[j]) if j < len(block) else None
            if below is not None:
                amount, texts, last_line, i = below, [line.text, block[j].text], block[j].number, j + 1
        if kind == "header":
            if len(label.split()) > 2:
                break
            continue
        if kind == "cost" and not has_figure and (len(label.split()) > 4 or not label[:1].isalpha()):
            break  # prose after the table
        found.append(ReportLine(kind, label, amount, line, texts, last_line))
        if kind in ("surplus", "deficit"):
            break
    # Lines after the last figure of the report (its budget or surplus) are not cost lines.
    while found and found[-1].kind == "cost" and any(r.kind != "cost" for r in found):
        found.pop()
    return found


def _budget_is_for_period(
    budget_label: str, heading: InsatsHeading | None, fiscal_year: int, meta: ReportMetadata
) -> bool:
    """Whether the budget of a per-insats report is for a part of the year.

    The period printed beside it decides ("(1jan-31mars)", "(Helår 2020)"),
    else the period in the insats heading; with neither, an annual report's
    budget is the year's and an interim report's the period's.
    """
    if re.search(r"hel\w*r", fold(budget_label)):
        return False
    period = _day_month_range(budget_label, fiscal_year) or (heading.period if heading else None)
    if period is not None:
        return not _is_full_year(period)
    return meta.report_type != "annual"


def _read_insats_report(
    lines: list[TextLine], index: int, name_on_heading: str, stop_before: int, ctx: ReadContext
) -> tuple[list[BudgetRow], int]:
    """One summary row for the insats and a row per cost line; also the index after the report."""
    meta = ctx.meta
    report_lines = _report_lines(lines[index + 1 : index + 1 + MAX_INSATS_REPORT_LINES])
    anchor = next((r for r in report_lines if r.kind == "outcome"), None) or next(
        (r for r in report_lines if r.kind == "budget"), None
    )
    if anchor is None:
        return [], index + 1
    heading = None if name_on_heading else _insats_heading(lines, index, stop_before, meta.period_end.year)
    printed_name = name_on_heading or (heading.name if heading else "")
    title = _clean_label(lines[index].text)
    budget_label = next((r.label for r in report_lines if r.kind == "budget"), "")
    full_year = re.search(r"hel\w*r\s*(\d{4})", fold(budget_label, keep_digits=True))
    fiscal_year = int(full_year[1]) if full_year else meta.period_end.year
    budget_is_for_period = _budget_is_for_period(budget_label, heading, fiscal_year, meta)
    resolved = ctx.resolver.resolve(printed_name) if printed_name else None
    common: dict[str, Any] = {
        "table_title": title,
        "fiscal_year": fiscal_year,
        "period_end": heading.period[1] if heading and heading.period else meta.period_end,
        "section": heading.text if heading else None,
        "category": (heading.category if heading else None) or (resolved[0].category if resolved else None),
        "insats_label": printed_name or None,
        "unit": next((u for u in (unit_of(_clean_label(r.line.text)) for r in report_lines) if u), "kr"),
    }
    summary = BudgetRow(
        **common,
        budget_line=_display_label(printed_name, resolved[1] if resolved else None, ctx) if printed_name else title,
        label_printed=printed_name or title,
        line_kind=INSATS_SUMMARY,
        source_page=anchor.line.page,
        source_line=anchor.line.number,
        raw_text="\n".join(t for r in report_lines if r.kind != "cost" for t in r.texts),
    )
    rows: list[BudgetRow] = []
    for r in report_lines:
        amount = _kronor(r.amount, common["unit"])
        if r.kind == "cost":
            known = COST_LABELS.match(r.label)
            cost = BudgetRow(
                **common,
                budget_line=_display_label(r.label, known.phrase if known else None, ctx),
                label_printed=r.label,
                line_kind=COST_LINE,
                outcome_sek=amount,
                source_page=r.line.page,
                source_line=r.line.number,
                raw_text=r.line.text,
            )
            cost.parent = summary
            rows.append(cost)
        elif r.kind == "outcome":
            summary.outcome_sek = amount
        elif r.kind == "budget" and budget_is_for_period:
            summary.budget_period_sek = amount
        elif r.kind == "budget":
            summary.budget_full_year_sek = amount
        elif amount is not None:  # Överskott, or Underskott printed as a positive figure
            summary.printed_difference_sek = amount if r.kind == "surplus" else -abs(amount)
            summary.difference_basis = BUDGET_MINUS_OUTCOME
    rows.append(summary)
    return rows, _index_after(lines, max(r.last_line for r in report_lines))


# --- budget / outcome pairs ---------------------------------------------------


def _pair_amount(text: str, kind: str) -> ParsedNumber | None:
    clean = strip_markup(text).replace("|", " ")
    words = clean.split()
    label_words = 2 if kind == "outcome" and fold(words[0]) != "utfall" else 1
    rest = " ".join(words[label_words:])
    m = AMOUNT_WITH_KR.search(rest) if kind == "budget" else FIRST_AMOUNT.search(rest)
    if not m:
        return None
    found = split_number_run(m.group(1), 1)
    return found[0] if found else None


def _pair_kind(line: TextLine) -> str | None:
    words = strip_markup(line.text).split()
    if not words or "\t" in line.text:
        return None
    for n in (2, 1):
        found = PAIR_LABELS.match(" ".join(words[:n]))
        if found and found.phrase.count(" ") == n - 1:
            return found.entry
    return None


def _read_pair(lines: list[TextLine], index: int, ctx: ReadContext) -> tuple[list[BudgetRow], int]:
    """A "Budget … kr" line followed, within three lines, by an "Utfall …" line."""
    budget = _pair_amount(lines[index].text, "budget")
    if budget is None:
        return [], index + 1
    seen = 0
    for j in range(index + 1, len(lines)):
        if not strip_markup(lines[j].text):
            continue
        seen += 1
        if seen > 3:
            break
        if _pair_kind(lines[j]) != "outcome":
            continue
        outcome = _pair_amount(lines[j].text, "outcome")
        if outcome is None:
            break
        heading = _numbered_heading(lines, index)
        if heading is None:
            break
        resolved = ctx.resolver.resolve(heading.name)
        row = BudgetRow(
            table_title=SECTION_NUMBER.sub("", heading.text).strip() or heading.text,
            fiscal_year=ctx.meta.period_end.year,
            period_end=ctx.meta.period_end,
            budget_line=_display_label(heading.name, resolved[1] if resolved else None, ctx),
            label_printed=heading.name,
            category=resolved[0].category if resolved else None,
            line_kind=INSATS_SUMMARY,
            insats_label=heading.name,
            budget_full_year_sek=_kronor(budget, "kr"),
            outcome_sek=_kronor(outcome, "kr"),
            unit="kr",
            source_page=lines[j].page,
            source_line=lines[j].number,
            raw_text=f"{lines[index].text}\n{lines[j].text}",
        )
        return [row], j + 1
    return [], index + 1


# --- the whole report ---------------------------------------------------------


def _finish(tables: list[list[BudgetRow]], ctx: ReadContext) -> list[dict[str, Any]]:
    unmatched: list[str] = []
    result: list[dict[str, Any]] = []
    for number, rows in enumerate(sorted(tables, key=lambda t: min(r.source_line for r in t)), start=1):
        for order, row in enumerate(rows, start=1):
            row.table_number = number
            row.line_order = order
        for row in rows:
            row.parent_line_order = row.parent.line_order if row.parent is not None else None
            if row.insats_label or row.is_total:
                resolved = ctx.resolver.resolve(row.insats_label or row.budget_line)
                if resolved is not None:
                    row.insats_id = resolved[0].insats_id
                    row.insats_label = row.insats_label or row.label_printed
                    if row.line_kind == TABLE_LINE:
                        row.budget_line = _display_label(row.label_printed, resolved[1], ctx)
                    row.category = row.category or resolved[0].category
                elif row.insats_label and row.line_kind != COST_LINE:
                    unmatched.append(f"{row.insats_label} (line {row.source_line})")
            elif row.line_kind == TABLE_LINE:
                known = CATEGORY_PHRASES.match(row.label_printed)
                row.budget_line = _display_label(row.label_printed, known.phrase if known else None, ctx)
            result.append(row.as_dict())
    if unmatched:
        log.warning("budget lines that match no insats in the insats catalog (add an alias): %s", "; ".join(unmatched))
    return result


def read_budget_tables(
    lines: list[TextLine], meta: ReportMetadata, insats_seed: Path, association_id: str | None = None
) -> list[dict[str, Any]]:
    """Every line of the report's budget / outcome / forecast tables, as raw.budget_lines rows.

    ``association_id`` narrows the insats registry to that association; without
    it every association's names are tried.
    """
    ctx = ReadContext(
        meta=meta,
        is_ocr=not any(c in SWEDISH_LETTERS for line in lines for c in line.text),
        resolver=InsatsResolver(load_insatser(insats_seed), association_id),
    )
    tables: list[list[BudgetRow]] = []
    i = 0
    last_table_end = 0
    while i < len(lines):
        line = lines[i]
        columns = _header_columns(line)
        if columns:
            rows, after = _read_column_table(lines, i, columns, ctx)
            if rows:
                tables.append(rows)
                i = last_table_end = after
                continue
        name = _insats_report_heading(line)
        if name is not None:
            rows, after = _read_insats_report(lines, i, name, last_table_end, ctx)
            if rows:
                tables.append(rows)
                i = last_table_end = after
                continue
        if _pair_kind(line) == "budget":
            rows, after = _read_pair(lines, i, ctx)
            if rows:
                tables.append(rows)
                i = last_table_end = after
                continue
        i += 1
    return _finish(tables, ctx)


__all__ = ["Insats", "InsatsResolver", "load_insatser", "read_budget_tables"]
