"""The spec's own reconciliations, on the figures as printed: what a reader can check.

``reconcile(truth)`` lists every check with its two sides; ``problems(truth)``
says where a spec is off other than where it declares it, so that a spec's
figures reconcile by construction apart from its declared discrepancies.
The check names are the warehouse's (marts.dq_reconciliation.check_name).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from corpus.numbers import UNIT_MULTIPLIER
from corpus.truth import Truth, budget_rows, budget_style

IS_SUMS = (
    ("operating_result", ("operating_income", "operating_expenses", "depreciation")),
    ("result_after_financial_items", ("operating_result", "financial_income", "financial_expenses")),
    ("net_result", ("result_after_financial_items", "extraordinary_items")),
)
BS_SUMS = (
    ("current_assets_total", ("receivables", "prepaid_expenses_and_accrued_income", "cash_and_bank")),
    ("total_assets", ("fixed_assets_total", "current_assets_total")),
    ("equity_total", ("retained_earnings", "net_result")),
    ("current_liabilities_total", ("accounts_payable", "other_liabilities", "accrued_expenses_and_deferred_income")),
    ("total_equity_and_liabilities", ("equity_total", "provisions_total", "current_liabilities_total")),
)
CF_SUMS = (
    ("cash_at_end", ("cash_at_start", "net_cash_flow")),
    ("net_cash_flow", ("cash_flow_operating", "cash_flow_investing", "cash_flow_financing")),
)


@dataclass(frozen=True)
class CheckResult:
    check: str
    column: str
    subject: str
    expected: Decimal
    actual: Decimal
    tolerance: Decimal  # one printed unit

    @property
    def difference(self) -> Decimal:
        return self.expected - self.actual


class _Figures:
    def __init__(self, truth: Truth) -> None:
        self.truth = truth
        self.by_key: dict[tuple[str, str, str], Decimal] = {}
        self.parts: dict[tuple[str, str, str], Decimal] = {}
        spec = truth.spec
        for f in truth.statements:
            self.by_key[(f.statement, f.key, f.column)] = f.amount
        for st in spec.statements.values():
            for line in st.lines:
                if line.part_of:
                    for f in truth.statements:
                        if (f.statement, f.key) == (st.statement, line.label):
                            k = (st.statement, line.part_of, f.column)
                            self.parts[k] = self.parts.get(k, Decimal(0)) + f.amount

    def get(self, statement: str, code: str, column: str) -> Decimal | None:
        key = (statement, code, column)
        return self.by_key.get(key, self.parts.get(key))


def _sum_checks(fig: _Figures, statement: str, sums: tuple, check_of: dict[str, str], tol: Decimal) -> list:
    out: list[CheckResult] = []
    for column in fig.truth.spec.columns:
        for total, parts in sums:
            printed_total = fig.get(statement, total, column)
            values = [fig.get(statement, p, column) for p in parts]
            if printed_total is None or all(v is None for v in values):
                continue
            actual = sum((v for v in values if v is not None), Decimal(0))
            check = check_of.get(total, "balance_sheet_subtotals")
            out.append(CheckResult(check, column, f"{total} = {' + '.join(parts)}", printed_total, actual, tol))
    return out


def _pair(fig: _Figures, check: str, a: tuple[str, str, str], b: tuple[str, str, str], tol: Decimal) -> list:
    left, right = fig.get(*a), fig.get(*b)
    if left is None or right is None:
        return []
    return [CheckResult(check, a[2], f"{a[1]} vs {b[0]}.{b[1]} ({b[2]})", left, right, tol)]


def _statement_checks(fig: _Figures, tol: Decimal) -> list[CheckResult]:
    spec = fig.truth.spec
    out = _sum_checks(fig, "income_statement", IS_SUMS, {t: "income_statement_arithmetic" for t, _ in IS_SUMS}, tol)
    out += _sum_checks(fig, "balance_sheet", BS_SUMS, {}, tol)
    out += _sum_checks(fig, "cash_flow", CF_SUMS, {t: "cash_flow_ties" for t, _ in CF_SUMS}, tol)
    for column in spec.columns:
        out += _pair(fig, "balance_sheet_balances", ("balance_sheet", "total_assets", column),
                     ("balance_sheet", "total_equity_and_liabilities", column), tol)
        out += _pair(fig, "result_matches_balance_sheet", ("balance_sheet", "net_result", column),
                     ("income_statement", "net_result", column), tol)
        out += _pair(fig, "cash_flow_ties", ("cash_flow", "cash_at_end", column),
                     ("balance_sheet", "cash_and_bank", column), tol)
    earlier = "previous" if "previous" in spec.columns else "last_year_end"
    out += _pair(fig, "equity_roll_forward", ("balance_sheet", "retained_earnings", "current"),
                 ("balance_sheet", "equity_total", earlier), tol)
    return out


def _note_checks(fig: _Figures, tol: Decimal) -> list[CheckResult]:
    out: list[CheckResult] = []
    truth = fig.truth
    for note in truth.spec.notes:
        for column in truth.spec.columns:
            lines = [f for f in truth.notes if f.note_number == note.number and f.column == column]
            total = next((f.amount for f in lines if f.is_total), None)
            parts = sum((f.amount for f in lines if not f.is_total), Decimal(0))
            if not lines:
                continue
            if total is not None:
                out.append(CheckResult("note_sums_to_statement", column, f"Not {note.number} lines", total, parts, tol))
            statement_figure = fig.get(note.explains[0], note.explains[1], column)
            if statement_figure is not None:
                out.append(CheckResult("note_sums_to_statement", column, f"Not {note.number} vs statement",
                                       statement_figure, parts if total is None else total, tol))
    return out


def _budget_checks(truth: Truth) -> list[CheckResult]:
    out: list[CheckResult] = []
    for index, table in enumerate(truth.spec.budget_tables):
        tol = Decimal(UNIT_MULTIPLIER[budget_style(table).unit])
        printed = {(f.label, f.role): f.amount for f in truth.budget if f.table == index}
        rows = budget_rows(table)
        group: list[str] = []
        leaves: list[str] = []
        for row in rows:
            if row.get("heading"):
                group = []
                continue
            if not row["is_total"]:
                group.append(row["label"])
                leaves.append(row["label"])
            for column in table["columns"]:
                role = column["role"]
                if role == "difference":
                    expected = printed[(row["label"], column.get("of", "budget"))]
                    expected -= printed[(row["label"], column.get("minus", "outcome"))]
                    out.append(CheckResult("table_total", role, f"{row['label']}: difference",
                                           printed[(row["label"], role)], expected, tol))
                elif row["is_total"]:
                    members = leaves if row.get("grand") else group
                    actual = sum((printed[(m, role)] for m in members), Decimal(0))
                    out.append(CheckResult("table_total", role, row["label"], printed[(row["label"], role)],
                                           actual, tol))
            if row["is_total"]:
                group = []
    return out


def _participant_checks(truth: Truth) -> list[CheckResult]:
    out: list[CheckResult] = []
    by: dict[tuple, dict[str, int]] = {}
    for f in truth.participants:
        if f.count is not None and f.outcome is None:
            by.setdefault((f.insats, f.measure, f.where), {})[f.sex] = f.count
    for (insats, measure, _), counts in by.items():
        if {"all", "female", "male"} <= counts.keys():
            out.append(CheckResult("participants_sex_sum", measure, f"{insats or 'förbundet'} {measure}",
                                   Decimal(counts["all"]), Decimal(counts["female"] + counts["male"]), Decimal(0)))
    return out


def reconcile(truth: Truth) -> list[CheckResult]:
    tol = Decimal(UNIT_MULTIPLIER[truth.spec.number_style.unit])
    fig = _Figures(truth)
    return _statement_checks(fig, tol) + _note_checks(fig, tol) + _budget_checks(truth) + _participant_checks(truth)


def problems(truth: Truth) -> list[str]:
    """Differences the spec does not declare, and declarations nothing shows."""
    spec = truth.spec
    declared = {c for d in spec.discrepancies for c in d.checks}
    rounding = {(r.check, r.column) for r in spec.rounding}
    off = [r for r in reconcile(truth) if r.difference != 0]
    found: set[str] = set()
    out: list[str] = []
    for r in off:
        if (r.check, r.column) in rounding and abs(r.difference) <= r.tolerance:
            continue
        if r.check in declared:
            found.add(r.check)
            continue
        out.append(f"{spec.spec_id}: {r.check} ({r.column}) {r.subject}: {r.expected} vs {r.actual}")
    for check in sorted(declared - found):
        out.append(f"{spec.spec_id}: declared discrepancy in {check} does not show")
    for check, column in sorted(rounding):
        if not any(r.check == check and r.column == column for r in off):
            out.append(f"{spec.spec_id}: declared rounding difference in {check} ({column}) does not show")
    return out
