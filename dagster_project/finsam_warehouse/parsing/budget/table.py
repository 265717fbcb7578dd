"""Column tables: a header naming two or more columns, then a label and figures per row.

The header and the rows come from the layout engine as tab-separated slots
(``columns.tab_header``) or, in OCR text, as words and runs of figures
(``ocr_columns``). Section lines (a label, no figures) group the rows under
them; a label wrapped over two lines is one label.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from finsam_warehouse.parsing.budget.columns import BudgetColumn, add_tab_sub_header, is_tab_sub_header, tab_header
from finsam_warehouse.parsing.budget.figures import Values, cell_text, continued_readings, row_readings
from finsam_warehouse.parsing.budget.ocr_columns import add_ocr_sub_header, is_ocr_sub_header, ocr_header, ocr_values
from finsam_warehouse.parsing.budget.rows import (
    BUDGET_MINUS_FORECAST,
    BUDGET_MINUS_OUTCOME,
    NUMBERED_HEADING,
    PAGE_FOOTER,
    TABLE_LINE,
    YEAR,
    BudgetRow,
    ReadContext,
    clean_label,
    index_after,
    is_sum_label,
    kronor,
    ocr_label_and_run,
    tokens,
)
from finsam_warehouse.parsing.budget.structure import TableStructure
from finsam_warehouse.parsing.budget.totals import settle_totals
from finsam_warehouse.parsing.models import ReportMetadata, TextLine
from finsam_warehouse.parsing.numbers import ParsedNumber, unit_of
from finsam_warehouse.parsing.ocr_repair import strip_markup
from finsam_warehouse.parsing.statements import SECTION_NUMBER

MAX_TABLE_LINES = 60
MAX_SECTION_WORDS = 5
MAX_BLANK_LINES = 2  # this many empty lines in a row end a table (one parts its groups)
SECTION_LOOKAHEAD = 3  # a section line is followed by a row within this many lines
MIN_DECIMAL_FIGURES = 2  # a column prints decimals where at least this many (and half) of its figures do


@dataclass
class TableItem:
    """A data row, or (values None) a section line."""

    label: str
    values: list[ParsedNumber | None] | None
    line: TextLine
    readings: list[Values] = field(default_factory=list)  # a total's figures, where no one cut is certain
    unread: dict[int, str] = field(default_factory=dict)  # column index → why its printed figure was not read


def header_columns(line: TextLine) -> list[BudgetColumn] | None:
    return tab_header(line.text) if "\t" in line.text else ocr_header(line)


def _has_figures(line: TextLine) -> bool:
    """A tab row with something in its cells after the label."""
    return "\t" in line.text and any(strip_markup(c).strip() for c in line.text.split("\t")[1:])


def _is_section(label: str, line: TextLine) -> bool:
    """A section line: a short label, no figures, not a heading or a sentence."""
    clean = strip_markup(line.text)
    if not label or re.search(r"\d", label) or label.endswith(".") or clean.startswith(("*", "#")):
        return False
    return len(label.split()) <= MAX_SECTION_WORDS and not NUMBERED_HEADING.match(clean)


def _row_follows(block: list[TextLine], start: int) -> bool:
    """Is a row with figures among the next few lines, with only labels between?"""
    seen = 0
    for line in block[start:]:
        if not strip_markup(line.text).replace("\t", "").strip():
            continue
        if _has_figures(line):
            return True
        seen += 1
        if seen >= SECTION_LOOKAHEAD or not _is_section(clean_label(line.text), line):
            return False
    return False


def _tab_items(block: list[TextLine], columns: list[BudgetColumn], page: int | None) -> list[TableItem]:
    """Rows and section lines of a tab-separated table, up to where it ends.

    Serves tables whose section lines print no cells (markdown, HTML), with
    an empty line between groups (Chromium's paragraph gaps) or a page break
    inside, and labels wrapped over two lines ("Summa direkta" over
    "kostnader" and its figures).
    """
    items: list[TableItem] = []
    blank = 0
    for n, line in enumerate(block):
        clean = strip_markup(line.text)
        blank = blank + 1 if not clean.replace("\t", "").strip() else 0
        if blank >= MAX_BLANK_LINES:
            break  # a wide gap: the table is over
        if blank:
            continue
        if PAGE_FOOTER.match(clean.strip()):
            continue  # the table may go on over the page break
        if header_columns(line):
            break
        label = clean_label(line.text.split("\t")[0])
        wraps = bool(label[:1].islower() and items and items[-1].line.number == line.number - 1)
        if _has_figures(line):
            cells = line.text.split("\t")
            if not any(re.search(r"\d", c) for c in cells[1:]) and any(re.search(r"[^\W\d_]", c) for c in cells[1:]):
                break  # words in the figure cells and no figure: another table's header
            same_page = line.page == page or line.page is None or page is None
            readings = row_readings(cells, columns) if same_page else continued_readings(cells, columns)
            if wraps and items[-1].values is None:
                label = f"{items.pop().label} {label}"
            if len(readings) == 1:
                item = TableItem(label, readings[0] if any(readings[0]) else None, line)
                item.unread = _unread_cells(cells, columns, readings[0])
                items.append(item)
            elif readings and is_sum_label(label):  # settled by the lines it sums (``totals``)
                items.append(TableItem(label, [None] * len(columns), line, readings))
            continue  # any other row is unread: its figures have no certain columns
        if wraps:
            items[-1].label = f"{items[-1].label} {label}"
            continue
        if not _is_section(label, line) or not _row_follows(block, n + 1):
            break
        items.append(TableItem(label, None, line))
    return items


def _unread_cells(cells: list[str], columns: list[BudgetColumn], values: Values) -> dict[int, str]:
    """Columns whose cell prints digits but gave no figure ("5 70" cut by OCR, "1 2 3")."""
    unread = {}
    for n, column in enumerate(columns):
        printed = cell_text(cells, column.cell)
        if values[n] is None and column.parts == 1 and re.search(r"\d", printed):
            unread[n] = f"'{printed}' is not one figure"
    return unread


def _ocr_items(block: list[TextLine], columns: list[BudgetColumn]) -> list[TableItem]:
    """Rows and section lines of an OCR table: a label and a run of figures per row."""
    items: list[TableItem] = []
    for line in block:
        clean = strip_markup(line.text)
        if not clean.strip() or PAGE_FOOTER.match(clean.strip()):
            continue
        if "\t" in line.text:
            break
        split = ocr_label_and_run(line.text)
        if split is not None:
            label, run = split
            items.append(TableItem(clean_label(label), ocr_values(run, columns, line), line))
            continue
        words = clean.split()
        if NUMBERED_HEADING.match(clean) or clean.startswith(("*", "#")) or len(words) > 5:
            break
        if clean[0].islower() and items and items[-1].values is not None:
            items[-1].label = f"{items[-1].label} {clean_label(clean)}"  # a wrapped label
            continue
        items.append(TableItem(clean_label(clean), None, line))
    return items


def _lost_decimals(items: list[TableItem], columns: list[BudgetColumn]) -> None:
    """Leave unread the figures that lost their decimal comma.

    Serves tables in mnkr or tkr printed with decimals ("9,8", "1,3") read by
    OCR, which may drop the comma ("13"): where a column's other figures print
    decimals, a figure other than 0 that prints none is not read.
    """
    for n in range(len(columns)):
        column = [item.values[n] for item in items if item.values and item.values[n] is not None]
        for item in items:
            value = item.values[n] if item.values else None
            if value is None or "," in value.printed or value.value == 0:
                continue
            others = [v for v in column if v is not value]
            if sum(1 for v in others if "," in v.printed) >= max(MIN_DECIMAL_FIGURES, len(others) / 2):
                item.values[n] = None  # type: ignore[index]
                item.unread[n] = f"'{value.printed}' has no decimal comma, the other figures of its column have"


def _table_items(block: list[TextLine], columns: list[BudgetColumn], page: int | None) -> list[TableItem]:
    tab_layout = any(c.cell is not None for c in columns)
    items = _tab_items(block, columns, page) if tab_layout else _ocr_items(block, columns)
    _lost_decimals(items, columns)
    while items and items[-1].values is None:
        items.pop()  # section lines after the last row belong to what follows
    return items


def _table_title(lines: list[TextLine], header_index: int) -> str | None:
    for line in reversed(lines[max(0, header_index - 3) : header_index]):
        text = clean_label(line.text)
        if text:
            return SECTION_NUMBER.sub("", text).strip() or text
    return None


@dataclass
class TableLayout:
    title: str | None
    columns: list[BudgetColumn]
    unit: str
    fiscal_year: int
    period_end: date

    def basis(self, column: BudgetColumn) -> str:
        """What a Differens / Avvikelse column compares ("budget-prognos", or by the other columns)."""
        if "prognos" in column.words:
            return BUDGET_MINUS_FORECAST
        if "utfall" in column.words:
            return BUDGET_MINUS_OUTCOME
        has_forecast = any(c.role == "forecast" for c in self.columns)
        return BUDGET_MINUS_FORECAST if has_forecast else BUDGET_MINUS_OUTCOME


def _table_layout(
    title: str | None, columns: list[BudgetColumn], header_texts: list[str], meta: ReportMetadata
) -> TableLayout:
    """Unit, fiscal year and outcome date from the title and header lines."""
    unit = next((u for u in (unit_of(strip_markup(t)) for t in [*header_texts, title or ""]) if u), "kr")
    planned_years = [c.year for c in columns if c.role in ("budget", "forecast") and c.year]
    title_years = [int(w) for w in tokens(title or "") if YEAR.match(w)]
    fiscal_year = max(planned_years or title_years or [meta.period_end.year])
    outcome_end = next((d for d in (c.period_end for c in columns if c.role == "outcome") if d), None)
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
    fill_amounts(row, item.values or [None] * len(layout.columns), layout)
    unread = [f"{amount_field(layout.columns[n], layout)}: {why}" for n, why in sorted(item.unread.items())]
    row.unread_figures = "; ".join(unread) or None
    return row


def amount_field(column: BudgetColumn, layout: TableLayout) -> str:
    """The BudgetRow field a column's figures go to, by its role and period."""
    if column.role == "budget":
        return "budget_period_sek" if column.is_part_of_year else "budget_full_year_sek"
    if column.role == "outcome" and column.year is not None and column.year < layout.fiscal_year:
        return "outcome_previous_year_sek"
    if column.role == "outcome":
        return "outcome_sek"
    if column.role == "forecast":
        return "forecast_full_year_sek"
    return "printed_difference_sek"


def fill_amounts(row: BudgetRow, values: Values, layout: TableLayout) -> None:
    """Each figure in the row field its column's role and period name."""
    for column, value in zip(layout.columns, values, strict=True):
        amount = kronor(value, layout.unit)
        if amount is None:
            continue
        setattr(row, amount_field(column, layout), amount)
        if column.role == "difference":
            row.difference_basis = layout.basis(column)


def _header_lines(lines: list[TextLine], index: int, columns: list[BudgetColumn]) -> list[str]:
    """The header line and the lines under it that add periods and units; fills the columns."""
    texts = [lines[index].text]
    tab_layout = any(c.cell is not None for c in columns)
    for line in lines[index + 1 :]:
        if tab_layout and "\t" in line.text and is_tab_sub_header(line.text):
            add_tab_sub_header(columns, line.text)
        elif not tab_layout and is_ocr_sub_header(line):
            add_ocr_sub_header(columns, line)
        else:
            break
        texts.append(line.text)
    return texts


def read_column_table(
    lines: list[TextLine], index: int, columns: list[BudgetColumn], ctx: ReadContext
) -> tuple[list[BudgetRow], int]:
    """Rows of the column table whose header is lines[index]; also the index after it."""
    header_texts = _header_lines(lines, index, columns)
    position = index + len(header_texts)
    items = _table_items(lines[position : position + MAX_TABLE_LINES], columns, lines[index].page)
    if not any(item.values is not None for item in items):
        return [], index + 1
    layout = _table_layout(_table_title(lines, index), columns, header_texts, ctx.meta)
    structure = TableStructure(ctx)
    rows: list[BudgetRow] = []
    readings: dict[int, list[Values]] = {}
    for item in items:
        if item.values is None:
            structure.open_section(item.label)
            continue
        row = _table_row(item, layout)
        structure.add(row)
        rows.append(row)
        if item.readings:
            readings[id(row)] = item.readings
    structure.close()
    rows = settle_totals(rows, readings, lambda row, values: fill_amounts(row, values, layout))
    if not rows:
        return [], index + 1
    return rows, index_after(lines, max(item.line.number for item in items))
