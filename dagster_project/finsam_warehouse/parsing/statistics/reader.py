"""Read one statistics export (SUS, Uppföljning Finsam) into figures with provenance.

The table's rows are read with pandas: one row per insats and sex (or per
insats, with the sexes as rows under it), one column per measure, outcome or
share. A "Totalt" row is kept as a total, as is the row over all insatser.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from pathlib import Path

import pandas as pd

from finsam_warehouse.parsing.statistics.grid import read_grids
from finsam_warehouse.parsing.statistics.layout import Layout, find_layouts, period_in, unknown_layout
from finsam_warehouse.parsing.statistics.models import Cell, StatisticsError, StatisticsFigure, StatisticsFile
from finsam_warehouse.parsing.statistics.vocabulary import StatisticsVocabulary

PACKAGE_DIR = Path(__file__).resolve().parent
STATISTICS_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".csv")
_SPACES = re.compile(r"[\s\u00a0\u202f\u2009]+")
_NO_FIGURE = {"", "-", "–", "—"}


def is_statistics_file(relative_path: str) -> bool:
    """Statistics exports are spreadsheets; every other file under the raw folder is a report."""
    return Path(relative_path).suffix.lower() in STATISTICS_SUFFIXES


@lru_cache(maxsize=1)
def _code_version() -> str:
    digest = hashlib.sha256()
    for source in sorted(PACKAGE_DIR.glob("*.py")):
        digest.update(source.name.encode())
        digest.update(source.read_bytes())
    return digest.hexdigest()[:12]


def reader_version(vocabulary: StatisticsVocabulary) -> str:
    """The reader's code and the words it was handed: either changing means read again."""
    return f"{_code_version()}-{vocabulary.fingerprint()}"


def statistics_file_id(sha256: str, source_file: str) -> str:
    """Stable for the same content, and never a report's id (a report's bytes saved as .csv)."""
    return f"stat-{sha256[:16]}" if sha256 else f"stat-{source_file}"


@dataclass(frozen=True)
class Value:
    count: int | None
    share: Decimal | None


def parse_value(text: str) -> Value | None:
    """'22' → count 22; '62 %' or '47,8 %' → share; '' or '-' → None. Raises ValueError otherwise."""
    cleaned = _SPACES.sub("", text)
    if cleaned in _NO_FIGURE:
        return None
    is_share = cleaned.endswith("%")
    number = Decimal(cleaned.rstrip("%").replace(",", "."))
    if is_share:
        return Value(None, number)
    if number != number.to_integral_value():
        raise ValueError(f"'{text}' is not a whole number of participants")
    return Value(int(number), None)


@dataclass
class _RowContext:
    """The insats, sex and period of one table row."""

    label_cell: Cell | None
    insats: str | None
    sex: str
    sex_printed: str | None
    period: tuple[date, date]


class _SheetReader:
    def __init__(self, layout: Layout, result: StatisticsFile, vocabulary: StatisticsVocabulary) -> None:
        self.layout, self.result, self.vocabulary = layout, result, vocabulary
        self.insats_col = layout.column_of("insats")
        self.sex_col = layout.column_of("sex")
        self.figure_cols = [i for i, m in layout.columns.items() if m.role in ("measure", "outcome", "share")]
        self.group: str | None = None  # an insats printed on a row of its own, sexes below it

    def body(self) -> pd.DataFrame:
        """The rows under the header as a frame of cells (columns = header positions)."""
        rows = self.layout.sheet.rows[self.layout.header_index + 1 :]
        return pd.DataFrame(rows, columns=range(len(self.layout.header)), dtype=object)

    def read(self) -> list[StatisticsFigure]:
        figures: list[StatisticsFigure] = []
        for _, row in self.body().iterrows():
            cells: list[Cell] = list(row)
            context = self.context(cells)
            if context is not None:
                figures.extend(self.figures(cells, context))
        return figures

    def _period(self, cells: list[Cell]) -> tuple[date, date] | None:
        start_col, end_col = self.layout.column_of("period_start"), self.layout.column_of("period_end")
        if start_col is not None and end_col is not None:
            found = period_in(f"{cells[start_col].text} {cells[end_col].text}")
            if found:
                return found
        return self.layout.period

    def context(self, cells: list[Cell]) -> _RowContext | None:
        """The row's insats, sex and period; None for a row without figures (a group heading, a note)."""
        label_cell = cells[self.insats_col] if self.insats_col is not None else None
        label = label_cell.text if label_cell is not None else ""
        has_figures = any(cells[i].text not in _NO_FIGURE for i in self.figure_cols)
        row_sex = self.vocabulary.sex_of(label) if label else None
        if not has_figures:
            if label and row_sex is None:
                self.group = label
            return None
        insats = self.group if row_sex is not None else (label or None)
        sex_printed = cells[self.sex_col].text if self.sex_col is not None else (label if row_sex else None)
        sex = self.vocabulary.sex_of(sex_printed) if sex_printed else "all"
        period = self._period(cells)
        where = f"row {cells[0].row}"
        if sex is None:
            self.result.notes.append(f"{where}: sex '{sex_printed}' is not known; row skipped")
            return None
        if period is None:
            raise StatisticsError(
                "no period: the title block names none (e.g. 'Period 2021-01-01 -- 2021-08-31') "
                "and there are no Från/Till columns"
            )
        return _RowContext(label_cell, insats, sex, sex_printed, period)

    def figures(self, cells: list[Cell], context: _RowContext) -> list[StatisticsFigure]:
        found = []
        association_id = self.result.association_id
        is_insats_total = context.insats is None or self.vocabulary.is_insats_total(context.insats)
        insats_id = None if is_insats_total else self.vocabulary.insats_id(association_id, context.insats or "")
        for index in self.figure_cols:
            meaning, cell = self.layout.columns[index], cells[index]
            try:
                value = parse_value(cell.text)
            except (ValueError, InvalidOperation):
                self.result.notes.append(f"{cell.column}{cell.row}: '{cell.text}' is not a figure; not loaded")
                continue
            if value is None or (meaning.role == "share" and value.share is None):
                continue
            is_measure = meaning.role == "measure"
            header = self.layout.header[index].text
            found.append(
                StatisticsFigure(
                    period_start=context.period[0], period_end=context.period[1],
                    insats_label=context.insats, insats_id=insats_id, is_insats_total=is_insats_total,
                    measure=meaning.code if is_measure else "ended", measure_printed=header,  # type: ignore[arg-type]
                    sex=meaning.sex or context.sex, sex_printed=context.sex_printed,
                    outcome=None if is_measure else meaning.code, outcome_text=None if is_measure else header,
                    participant_count=value.count, share_pct=value.share, is_total=is_insats_total,
                    source_sheet=cell.sheet, source_row=cell.row, source_column=cell.column, raw_text=cell.text,
                )
            )  # fmt: skip
        return found


def mark_sex_totals(figures: list[StatisticsFigure]) -> list[StatisticsFigure]:
    """A sex 'all' figure beside female and male figures of the same insats and column is a total."""
    by_sex: dict[tuple, set[str]] = {}
    for f in figures:
        by_sex.setdefault((f.insats_label, f.measure, f.outcome, f.measure_printed, f.period_end), set()).add(f.sex)
    marked = []
    for f in figures:
        sexes = by_sex[(f.insats_label, f.measure, f.outcome, f.measure_printed, f.period_end)]
        is_total = f.is_total or (f.sex == "all" and bool(sexes & {"female", "male"}))
        marked.append(f if is_total == f.is_total else StatisticsFigure(**{**f.__dict__, "is_total": is_total}))
    return marked


def _best_layouts(path: Path, vocabulary: StatisticsVocabulary):
    """The reading of the file (a CSV separator) whose header the vocabulary knows best."""
    grids = read_grids(path)
    scored = []
    for order, grid in enumerate(grids):
        layouts = find_layouts(grid.sheets, vocabulary)
        if layouts:
            scored.append((sum(len(layout.columns) for layout in layouts), -order, grid, layouts))
    if not scored:
        raise unknown_layout(grids[0].sheets, vocabulary)
    _, _, grid, layouts = max(scored, key=lambda s: (s[0], s[1]))
    return grid, layouts


def _read_into(result: StatisticsFile, path: Path, vocabulary: StatisticsVocabulary, org_nr: str | None) -> None:
    grid, layouts = _best_layouts(path, vocabulary)
    first = layouts[0]
    result.source_format, result.encoding, result.separator = grid.source_format, grid.encoding, grid.separator
    result.sheet, result.header_row, result.title = first.sheet.name, first.header[0].row, first.title
    result.organisation_printed, result.org_nr_printed = first.organisation, first.org_nr
    result.anonymous_count, result.anonymous_in_totals = first.anonymous_count, first.anonymous_in_totals
    if first.unknown_headers:
        result.notes.append("columns not read: " + ", ".join(f"'{h}'" for h in first.unknown_headers))
    figures = [figure for layout in layouts for figure in _SheetReader(layout, result, vocabulary).read()]
    if not figures:
        raise StatisticsError(f"the table under the header row (row {result.header_row}) holds no figures")
    if org_nr and result.org_nr_printed and result.org_nr_printed != org_nr:
        raise StatisticsError(
            f"the file is for organisation number {result.org_nr_printed}, but its folder "
            f"'{result.association_id}' is the association with {org_nr}"
        )
    result.figures = mark_sex_totals(figures)
    result.period_start = min(f.period_start for f in figures)
    result.period_end = max(f.period_end for f in figures)


def read_statistics_file(
    path: Path,
    source_file: str,
    sha256: str,
    association_id: str,
    vocabulary: StatisticsVocabulary,
    org_nr: str | None = None,
) -> StatisticsFile:
    """Read a statistics export. Never raises for bad input: the error is on the result."""
    result = StatisticsFile(
        statistics_file_id=statistics_file_id(sha256, source_file),
        association_id=association_id,
        source_file=source_file,
        source_sha256=sha256,
        reader_version=reader_version(vocabulary),
    )
    try:
        _read_into(result, path, vocabulary, org_nr)
    except StatisticsError as exc:
        result.error_message = str(exc)
        result.figures = []
    return result


def failed_file(source_file: str, sha256: str, association_id: str, vocabulary: StatisticsVocabulary,
                message: str) -> StatisticsFile:  # fmt: skip
    """A file that is not read at all (gone, or in an unknown folder), with why."""
    return StatisticsFile(
        statistics_file_id=statistics_file_id(sha256, source_file),
        association_id=association_id,
        source_file=source_file,
        source_sha256=sha256,
        reader_version=reader_version(vocabulary),
        error_message=message,
    )
