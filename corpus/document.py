"""A spec laid out as a document: headings, prose, tables and page breaks.

Every renderer prints the same ``Document``; they differ in how (fonts, column
widths, where lines wrap, what a page looks like), as real producers do. The
cells' figures are the printed strings of ``truth.py``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from corpus.spec import DEFAULT_HEADERS, Column, ReportSpec
from corpus.truth import Truth, budget_rows

SEX_HEADERS = {"all": "Totalt", "female": "Kvinnor", "male": "Män"}


@dataclass(frozen=True)
class Heading:
    level: int
    text: str


@dataclass(frozen=True)
class Paragraph:
    text: str
    bold: bool = False


@dataclass(frozen=True)
class TwoColumns:
    paragraphs: tuple[str, ...]


@dataclass(frozen=True)
class PageBreak:
    pass


@dataclass(frozen=True)
class Row:
    cells: tuple[str, ...]
    bold: bool = False
    heading: bool = False  # a section line with no figures


@dataclass(frozen=True)
class Table:
    header: tuple[tuple[str, ...], ...]  # one or more header lines
    rows: tuple[Row, ...]
    text_columns: int = 1  # leading columns of text (label, and the note column)
    break_after: int | None = None  # a page break after this many rows


@dataclass
class Document:
    spec_id: str
    title: tuple[str, ...]
    blocks: list[Any] = field(default_factory=list)
    page_header: str | None = None
    page_footer: str | None = None  # may hold {page} and {pages}


def column_header(template: str, column: Column) -> list[str]:
    """Header lines of a column from a template with {start}, {end}, {year}."""
    p = column.period
    text = template.format(start=p.start.isoformat(), end=p.end.isoformat(), year=p.end.year)
    return text.split("\n")


def _header_rows(lead: list[str], columns: list[list[str]]) -> tuple[tuple[str, ...], ...]:
    depth = max(len(c) for c in columns) if columns else 1
    rows = []
    for i in range(depth):
        cells = [c[i - (depth - len(c))] if i >= depth - len(c) else "" for c in columns]
        rows.append(tuple((lead if i == depth - 1 else [""] * len(lead)) + cells))
    return tuple(rows)


def statement_table(truth: Truth, statement: str) -> Table:
    spec = truth.spec
    st = spec.statements[statement]
    columns = spec.statement_columns(statement)
    template = st.headers or DEFAULT_HEADERS[statement]
    lead = [st.intro or "", "Not"] if spec.note_column else [st.intro or ""]
    header = _header_rows(lead, [column_header(template, c) for c in columns])
    rows: list[Row] = []
    for line in st.lines:
        note = [line.note or ""] if spec.note_column else []
        if line.heading:
            rows.append(Row(tuple([line.label or ""] + [""] * (len(note) + len(columns))), heading=True))
            continue
        key = line.label if line.part_of else (line.code or line.value_of)
        cells = [truth.statement_figure(statement, key or "", c.name).printed for c in columns]
        label = line.label or ""
        if line.note and not spec.note_column:
            label = f"{label} (not {line.note})"
        rows.append(Row(tuple([label] + note + cells), bold=line.bold))
    return Table(header, tuple(rows), 1 + len(note_lead(spec)), st.break_after)


def note_lead(spec: ReportSpec) -> list[str]:
    return ["Not"] if spec.note_column else []


def note_blocks(truth: Truth) -> list[Any]:
    spec = truth.spec
    blocks: list[Any] = []
    for note in spec.notes:
        columns = spec.statement_columns(note.explains[0])
        blocks.append(Heading(3, f"Not {note.number} {note.title}"))
        header = _header_rows([""], [[c.period.end.isoformat()] for c in columns])
        rows = []
        labels = [label for label, _ in note.lines] + ([note.total] if note.total else [])
        for label in labels:
            cells = [next(f.printed for f in truth.notes if f.note_number == note.number and f.label == label
                          and f.column == c.name) for c in columns]
            rows.append(Row(tuple([label] + cells), bold=label == note.total))
        blocks.append(Table(header, tuple(rows)))
    return blocks


def budget_table(truth: Truth, index: int) -> list[Any]:
    table = truth.spec.budget_tables[index]
    printed = {(f.label, f.role): f.printed for f in truth.budget if f.table == index}
    headers = [c["header"].split("\n") if isinstance(c["header"], str) else c["header"] for c in table["columns"]]
    header = _header_rows([table.get("label_header", "")], headers)
    rows = []
    for row in budget_rows(table):
        if row.get("heading"):
            rows.append(Row(tuple([row["label"]] + [""] * len(headers)), heading=True))
            continue
        cells = [printed[(row["label"], c["role"])] for c in table["columns"]]
        rows.append(Row(tuple([row["label"]] + cells), bold=row["is_total"]))
    blocks: list[Any] = [Paragraph(table["title"], bold=True)] if table.get("title") else []
    return blocks + [Table(header, tuple(rows), break_after=table.get("break_after"))]


def participant_blocks(truth: Truth, index: int) -> list[Any]:
    block = truth.spec.participants[index]
    kind = block["kind"]
    if kind == "text":
        return [Paragraph(block["text"])]
    title = [Paragraph(block["title"], bold=True)] if block.get("title") else []
    lead = block.get("label_header", "")
    headers = {**SEX_HEADERS, **block.get("sex_headers", {})}
    if kind == "outcomes":
        rows = [Row((r["label"], str(r["count"]))) for r in block["rows"]]
        return title + [Table(((lead, block.get("count_header", "Antal")),), tuple(rows))]
    sexes = block.get("sexes", ["all", "female", "male"])
    counts = [{**r, "all": r.get("all", r["female"] + r["male"])} for r in block["rows"]]
    if block.get("orientation", "sex_columns") == "sex_columns":
        rows = [Row(tuple([r["label"]] + [str(r[s]) for s in sexes])) for r in counts]
        return title + [Table((tuple([lead] + [headers[s] for s in sexes]),), tuple(rows))]
    rows = [Row(tuple([headers[s]] + [str(r[s]) for r in counts])) for s in sexes]
    return title + [Table((tuple([lead] + [r["label"] for r in counts]),), tuple(rows))]


def _block(truth: Truth, entry: dict[str, Any]) -> list[Any]:
    if "heading" in entry:
        return [Heading(int(entry.get("level", 1)), entry["heading"])]
    if "text" in entry:
        return [Paragraph(entry["text"])]
    if "two_columns" in entry:
        return [TwoColumns(tuple(entry["two_columns"]))]
    if "statement" in entry:
        st = truth.spec.statements[entry["statement"]]
        return [Heading(int(entry.get("level", 1)), st.heading), statement_table(truth, entry["statement"])]
    if "notes" in entry:
        return note_blocks(truth)
    if "budget" in entry:
        return budget_table(truth, int(entry["budget"]))
    if "participants" in entry:
        return participant_blocks(truth, int(entry["participants"]))
    if "page_break" in entry:
        return [PageBreak()]
    raise ValueError(f"{truth.spec.spec_id}: unknown block {entry}")


def build_document(truth: Truth) -> Document:
    spec = truth.spec
    doc = Document(spec.spec_id, spec.title, page_header=spec.page.get("header"),
                   page_footer=spec.page.get("footer"))
    for entry in spec.blocks:
        doc.blocks += _block(truth, entry)
    return doc
