"""Every figure a spec prints, in kronor as a reader holds it, with the discrepancies applied.

``derive(spec)`` returns a ``Truth``: the statement figures, note lines, budget
lines, participant figures and metadata the parser should read, and the printed
text of each statement and note cell for the renderers.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from corpus.books import Books
from corpus.numbers import UNIT_MULTIPLIER, NumberStyle
from corpus.spec import Column, NoteSpec, ReportSpec, StatementSpec, load_books

# The contract's line-item codes per statement; anything else prints as line_item 'other'.
CONTRACT_CODES = {
    "income_statement": {
        "operating_income", "operating_expenses", "depreciation", "operating_result", "financial_income",
        "financial_expenses", "result_after_financial_items", "extraordinary_items", "net_result",
    },
    "balance_sheet": {
        "fixed_assets_total", "receivables", "prepaid_expenses_and_accrued_income", "cash_and_bank",
        "current_assets_total", "total_assets", "retained_earnings", "net_result", "equity_total",
        "provisions_total", "accounts_payable", "other_liabilities", "accrued_expenses_and_deferred_income",
        "current_liabilities_total", "total_equity_and_liabilities",
    },
    "cash_flow": {
        "cash_flow_operating", "cash_flow_investing", "cash_flow_financing", "net_cash_flow",
        "cash_at_start", "cash_at_end",
    },
}
BUDGET_ROLES = ("budget", "budget_period", "outcome", "forecast")


@dataclass(frozen=True)
class StatementFigure:
    statement: str
    line_item: str
    label: str
    key: str  # the books code, or part label, the figure is derived from
    column: str
    period_start: date | None
    period_end: date
    amount: Decimal
    printed: str


@dataclass(frozen=True)
class NoteFigure:
    note_number: str
    explains: tuple[str, str]
    label: str
    is_total: bool
    column: str
    period_end: date
    amount: Decimal
    printed: str


@dataclass(frozen=True)
class BudgetFigure:
    table: int
    label: str
    role: str  # budget, budget_period, outcome, forecast, difference
    is_total: bool
    amount: Decimal
    printed: str


@dataclass(frozen=True)
class ParticipantFigure:
    insats: str | None
    measure: str
    sex: str
    outcome: str | None
    count: int | None
    share: Decimal | None
    where: str


@dataclass
class Truth:
    spec: ReportSpec
    statements: list[StatementFigure] = field(default_factory=list)
    notes: list[NoteFigure] = field(default_factory=list)
    budget: list[BudgetFigure] = field(default_factory=list)
    participants: list[ParticipantFigure] = field(default_factory=list)

    @property
    def metadata(self) -> tuple[str, str, date, date]:
        s = self.spec
        return (s.association_id, s.report_type, s.period.start, s.period.end)

    def statement_figure(self, statement: str, key: str, column: str) -> StatementFigure | None:
        return next(
            (f for f in self.statements if (f.statement, f.key, f.column) == (statement, key, column)), None
        )


def _shares(total: int, parts: list[tuple[str, float | str]]) -> dict[str, int]:
    """Split ``total`` by fractions; the part marked 'rest' takes what is left."""
    amounts = {label: round(total * float(share)) for label, share in parts if share != "rest"}
    rest = [label for label, share in parts if share == "rest"]
    if len(rest) != 1:
        raise ValueError(f"exactly one part must be 'rest': {parts}")
    amounts[rest[0]] = total - sum(amounts.values())
    return amounts


def books_figures(books: Books, statement: str, column: Column) -> dict[str, int]:
    if statement == "income_statement":
        return books.income_statement(column.period)
    if statement == "balance_sheet":
        return books.balance_sheet(column.period.end)
    return books.cash_flow(column.period)


def _offset(spec: ReportSpec, where: tuple[Any, ...]) -> int:
    return sum(d.add for d in spec.discrepancies if d.where == where)


def _statement_figures(spec: ReportSpec, books: Books, st: StatementSpec) -> list[StatementFigure]:
    style = spec.number_style
    figures: list[StatementFigure] = []
    parts_of: dict[str, list[tuple[str, float | str]]] = {}
    for line in st.lines:
        if line.part_of:
            parts_of.setdefault(line.part_of, []).append((line.label or "", line.share or "rest"))
    for column in spec.statement_columns(st.statement):
        values = books_figures(books, st.statement, column)
        split = {code: _shares(values[code], parts) for code, parts in parts_of.items()}
        start = None if st.statement == "balance_sheet" else column.period.start
        for line in st.lines:
            if line.heading:
                continue
            if line.part_of:
                key, amount = line.label or "", split[line.part_of][line.label or ""]
            else:
                key = line.code or line.value_of or ""
                amount = values[key]
            amount += _offset(spec, (st.statement, key, column.name))
            code = line.code if line.code in CONTRACT_CODES[st.statement] else "other"
            figures.append(StatementFigure(
                st.statement, code, line.label or "", key, column.name, start, column.period.end,
                style.kronor(amount), style.format(amount),
            ))
    return figures


def _note_figures(spec: ReportSpec, books: Books, note: NoteSpec) -> list[NoteFigure]:
    style = spec.number_style
    statement, code = note.explains
    figures: list[NoteFigure] = []
    for column in spec.statement_columns(statement):
        total = books_figures(books, statement, column)[code]
        amounts = _shares(total, list(note.lines))
        rows = [(label, amounts[label], False) for label, _ in note.lines]
        if note.total:
            rows.append((note.total, total + _offset(spec, ("note", note.number, column.name)), True))
        for label, amount, is_total in rows:
            figures.append(NoteFigure(
                note.number, note.explains, label, is_total, column.name, column.period.end,
                style.kronor(amount), style.format(amount),
            ))
    return figures


def budget_style(table: dict[str, Any]) -> NumberStyle:
    unit = table.get("unit", "kr")
    return NumberStyle(unit, table.get("thousands", "space"), table.get("negative", "hyphen"),
                       int(table.get("decimals", 1 if unit == "mnkr" else 0)))


def budget_rows(table: dict[str, Any]) -> list[dict[str, Any]]:
    """Rows with every role's amount in kronor; sum rows computed from their lines."""
    rows: list[dict[str, Any]] = []
    group: list[dict[str, Any]] = []
    leaves: list[dict[str, Any]] = []
    roles = [c["role"] for c in table["columns"]]
    value_roles = [r for r in BUDGET_ROLES if r in roles]
    for entry in table["rows"]:
        if "heading" in entry:
            group = []
            rows.append({"label": entry["heading"], "heading": True})
            continue
        if "sum" in entry or "total" in entry:
            members = group if "sum" in entry else leaves
            row = {"label": entry.get("sum") or entry.get("total"), "is_total": True, "grand": "total" in entry,
                   **{r: sum(m[r] for m in members) for r in value_roles}}
            group = []
        else:
            row = {"label": entry["label"], "is_total": False,
                   **{r: int(round(float(entry[r]) * UNIT_MULTIPLIER[table.get("input_unit", "kr")]))
                      for r in value_roles}}
            group.append(row)
            leaves.append(row)
        rows.append(row)
    return rows


def _budget_figures(spec: ReportSpec, index: int, table: dict[str, Any]) -> list[BudgetFigure]:
    style = budget_style(table)
    figures: list[BudgetFigure] = []
    for row in budget_rows(table):
        if row.get("heading"):
            continue
        for column in table["columns"]:
            role = column["role"]
            if role in BUDGET_ROLES:
                amount = row[role] + _offset(spec, ("budget", index, row["label"], role))
            else:  # difference: budget minus outcome (or forecast)
                minus = column.get("minus", "outcome")
                amount = row[column.get("of", "budget")] - row[minus]
            row[f"printed_{role}"] = style.format(amount)
            figures.append(BudgetFigure(index, row["label"], role, row["is_total"], style.kronor(amount),
                                        style.format(amount)))
    return figures


def _participant_figures(spec: ReportSpec, index: int, block: dict[str, Any]) -> list[ParticipantFigure]:
    insats = block.get("insats")
    where = block.get("title") or (block.get("text", "")[:60] + "…")
    figures: list[ParticipantFigure] = []
    if block["kind"] == "text":
        for f in block.get("facts", []):
            share = Decimal(str(f["share"])) if f.get("share") is not None else None
            figures.append(ParticipantFigure(f.get("insats", insats), f["measure"], f.get("sex", "all"),
                                             f.get("outcome"), f.get("count"), share, where))
        return figures
    if block["kind"] == "outcomes":
        for row in block["rows"]:
            figures.append(ParticipantFigure(insats, "ended", "all", row["outcome"], row["count"], None, where))
        return figures
    for row in block["rows"]:
        counts = {"female": row["female"], "male": row["male"]}
        counts["all"] = row.get("all", row["female"] + row["male"])
        for sex in block.get("sexes", ["all", "female", "male"]):
            figures.append(ParticipantFigure(insats, row["measure"], sex, None, counts[sex], None, where))
    return figures


def derive(spec: ReportSpec) -> Truth:
    books = load_books(spec.association_id)
    truth = Truth(spec)
    for st in spec.statements.values():
        truth.statements += _statement_figures(spec, books, st)
    for note in spec.notes:
        truth.notes += _note_figures(spec, books, note)
    for i, table in enumerate(spec.budget_tables):
        truth.budget += _budget_figures(spec, i, table)
    for i, block in enumerate(spec.participants):
        truth.participants += _participant_figures(spec, i, block)
    return truth
