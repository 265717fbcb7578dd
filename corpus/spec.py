"""Report specifications: a report's metadata, layout and figures, as data.

A spec (``specs/<name>.yaml``) says what a report prints and how: its title page,
prose, statements (which lines, in which words, in which column order and number
style), notes, budget tables, participant tables and sentences. Statement figures
come from the association's books (``books.py``); note, budget and participant
figures are in the spec. Every sum is computed, so a spec reconciles by
construction apart from the discrepancies it declares (``truth.py`` applies them,
``checks.py`` verifies that nothing else is off).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from corpus.books import Books, Period, period_of_key
from corpus.numbers import NumberStyle

CORPUS_DIR = Path(__file__).resolve().parent
SPECS_DIR = CORPUS_DIR / "specs"
BOOKS_DIR = SPECS_DIR / "books"
ASSOCIATIONS_CSV = CORPUS_DIR.parent / "dbt" / "seeds" / "associations.csv"

STATEMENTS = ("income_statement", "balance_sheet", "cash_flow")
# Columns a statement can print, by report type.
ANNUAL_COLUMNS = ("current", "previous")
INTERIM_COLUMNS = ("current", "year_earlier", "last_year_end")
DEFAULT_HEADERS = {"income_statement": "{start} – {end}", "balance_sheet": "{end}", "cash_flow": "{year}"}


@dataclass(frozen=True)
class Column:
    name: str  # current, previous, year_earlier, last_year_end
    period: Period


@dataclass(frozen=True)
class StatementLine:
    label: str | None
    code: str | None = None  # a figure of the books, printed with that line item
    value_of: str | None = None  # a figure of the books, printed as a line with no code ('other')
    part_of: str | None = None  # a share of a books figure, printed as a line with no code
    share: float | str | None = None  # a fraction, or 'rest'
    note: str | None = None
    heading: bool = False
    bold: bool = False


@dataclass(frozen=True)
class StatementSpec:
    statement: str
    heading: str
    lines: tuple[StatementLine, ...]
    intro: str | None = None  # "Belopp i kr"
    headers: str | None = None  # column header template
    break_after: int | None = None  # a page break inside the table after this many rows


@dataclass(frozen=True)
class NoteSpec:
    number: str
    title: str
    explains: tuple[str, str]  # (statement, code of the books figure)
    lines: tuple[tuple[str, float | str], ...]  # (label, share or 'rest')
    total: str | None = None


@dataclass(frozen=True)
class Discrepancy:
    """A figure printed off on purpose, and the checks that must notice it."""

    where: tuple[Any, ...]  # (statement, code, column) or ('budget', table, line label, role)
    add: int  # kronor added to the printed figure
    checks: tuple[str, ...]


@dataclass(frozen=True)
class RoundingDifference:
    check: str
    column: str  # column name, or a budget table's role
    difference: int  # kronor, at most one printed unit


@dataclass
class ReportSpec:
    spec_id: str
    association_id: str
    report_type: str
    period: Period
    decided_on: date | None
    title: tuple[str, ...]
    columns: tuple[str, ...]
    number_style: NumberStyle
    blocks: list[dict[str, Any]]
    statements: dict[str, StatementSpec]
    notes: list[NoteSpec]
    budget_tables: list[dict[str, Any]]
    participants: list[dict[str, Any]]
    discrepancies: list[Discrepancy]
    rounding: list[RoundingDifference]
    page: dict[str, str] = field(default_factory=dict)
    note_column: bool = False
    libreoffice_tables: str = "grid"  # or 'tabs': rows as paragraphs with tab stops
    source_text: str = ""

    def column(self, name: str) -> Column:
        start, end = self.period.start, self.period.end
        if name == "current":
            return Column(name, self.period)
        if name in ("previous", "last_year_end"):
            return Column(name, Period(date(start.year - 1, 1, 1), date(start.year - 1, 12, 31)))
        if name == "year_earlier":
            return Column(name, Period(date(start.year - 1, 1, 1), end.replace(year=end.year - 1)))
        raise ValueError(f"{self.spec_id}: unknown column {name!r}")

    def statement_columns(self, statement: str) -> list[Column]:
        names = [c for c in self.columns if statement != "cash_flow" or c in ANNUAL_COLUMNS]
        return [self.column(n) for n in names]


def _line(entry: dict[str, Any]) -> StatementLine:
    if "heading" in entry:
        return StatementLine(label=entry["heading"], heading=True)
    note = entry.get("note")
    return StatementLine(
        label=entry["label"], code=entry.get("code"), value_of=entry.get("value_of"),
        part_of=entry.get("part_of"), share=entry.get("share"),
        note=str(note) if note is not None else None, bold=bool(entry.get("bold", False)),
    )


def _statement(name: str, data: dict[str, Any]) -> StatementSpec:
    return StatementSpec(
        statement=name, heading=data["heading"], lines=tuple(_line(e) for e in data["lines"]),
        intro=data.get("intro"), headers=data.get("headers"), break_after=data.get("break_after"),
    )


def _note(data: dict[str, Any]) -> NoteSpec:
    return NoteSpec(
        number=str(data["number"]), title=data["title"], explains=tuple(data["explains"]),
        lines=tuple((label, share) for label, share in data["lines"]), total=data.get("total"),
    )


def parse_spec(spec_id: str, text: str) -> ReportSpec:
    data = yaml.safe_load(text)
    fmt = data.get("format", {})
    report_type = data["report_type"]
    default_columns = ANNUAL_COLUMNS if report_type == "annual" else ("current", "last_year_end")
    return ReportSpec(
        spec_id=spec_id,
        association_id=data["association_id"],
        report_type=report_type,
        period=period_of_key(str(data["period"])),
        decided_on=data.get("decided_on"),
        title=tuple(data["title"]),
        columns=tuple(fmt.get("columns", default_columns)),
        number_style=NumberStyle(fmt.get("unit", "kr"), fmt.get("thousands", "space"), fmt.get("negative", "hyphen")),
        blocks=list(data.get("blocks", [])),
        statements={k: _statement(k, v) for k, v in data.get("statements", {}).items()},
        notes=[_note(n) for n in data.get("notes", [])],
        budget_tables=list(data.get("budget_tables", [])),
        participants=list(data.get("participants", [])),
        discrepancies=[
            Discrepancy(tuple(d["at"]), int(d["add"]), tuple(d["checks"])) for d in data.get("discrepancies", [])
        ],
        rounding=[RoundingDifference(r["check"], r["column"], int(r["difference"])) for r in data.get("rounding", [])],
        page=dict(data.get("page", {})),
        note_column=bool(fmt.get("note_column", False)),
        libreoffice_tables=fmt.get("libreoffice_tables", "grid"),
        source_text=text,
    )


def load_spec(path: Path) -> ReportSpec:
    return parse_spec(path.stem, path.read_text(encoding="utf-8"))


def spec_paths(only: list[str] | None = None) -> list[Path]:
    paths = sorted(SPECS_DIR.glob("*.yaml"))
    if only:
        wanted = {Path(o).stem for o in only}
        missing = wanted - {p.stem for p in paths}
        if missing:
            raise SystemExit(f"no such spec: {', '.join(sorted(missing))}")
        paths = [p for p in paths if p.stem in wanted]
    return paths


def load_books(association_id: str) -> Books:
    return Books.load(BOOKS_DIR / f"{association_id}.yaml")


def books_text(association_id: str) -> str:
    return (BOOKS_DIR / f"{association_id}.yaml").read_text(encoding="utf-8")
