"""An association's books: the figures its reports print, one source for every report.

Two reports of one association print some of the same figures (the annual
report's own year is the next report's comparative column), so the figures live
per association (``specs/books/<association_id>.yaml``) and every spec prints
from them. Sums are computed here, so the statements reconcile by construction:

- flows per period (``2022`` a whole year, ``2022-06`` January to June): income,
  expenses, depreciation, financial items, extraordinary items;
- stock leaves per balance date: fixed assets, receivables, prepaid, provisions,
  payables, other liabilities, accrued; cash is what makes the sheet balance;
- equity rolls forward from ``equity_before`` (the closing equity of the year
  before the first one in the books).
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import yaml

FLOW_LEAVES = (
    "operating_income", "operating_expenses", "depreciation",
    "financial_income", "financial_expenses", "extraordinary_items",
)
STOCK_LEAVES = (
    "fixed_assets_total", "receivables", "prepaid_expenses_and_accrued_income", "provisions_total",
    "accounts_payable", "other_liabilities", "accrued_expenses_and_deferred_income",
)


@dataclass(frozen=True)
class Period:
    start: date
    end: date

    @property
    def is_full_year(self) -> bool:
        return (self.start.month, self.start.day, self.end.month, self.end.day) == (1, 1, 12, 31)


def period_of_key(key: str) -> Period:
    """``2022`` is the calendar year; ``2022-06`` is January to the end of June."""
    if len(key) == 4:
        year = int(key)
        return Period(date(year, 1, 1), date(year, 12, 31))
    year, month = (int(p) for p in key.split("-"))
    return Period(date(year, 1, 1), date(year, month, calendar.monthrange(year, month)[1]))


class Books:
    """Figures of one association, by line code and period or balance date."""

    def __init__(self, association_id: str, equity_before: int, flows: dict[Period, dict[str, int]],
                 stocks: dict[date, dict[str, int]]) -> None:
        self.association_id = association_id
        self.equity_before = equity_before
        self.flows = flows
        self.stocks = stocks
        self.first_year = min(p.start.year for p in flows)

    @classmethod
    def load(cls, path: Path) -> Books:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        flows: dict[Period, dict[str, int]] = {}
        stocks: dict[date, dict[str, int]] = {}
        for key, entry in data["periods"].items():
            period = period_of_key(str(key))
            flows[period] = {k: int(entry.get("flows", {}).get(k, 0)) for k in FLOW_LEAVES}
            stocks[period.end] = {k: int(entry.get("stock", {}).get(k, 0)) for k in STOCK_LEAVES}
        return cls(data["association_id"], int(data["equity_before"]), flows, stocks)

    def income_statement(self, period: Period) -> dict[str, int]:
        f = dict(self.flows[period])
        f["operating_result"] = f["operating_income"] + f["operating_expenses"] + f["depreciation"]
        f["result_after_financial_items"] = f["operating_result"] + f["financial_income"] + f["financial_expenses"]
        f["net_result"] = f["result_after_financial_items"] + f["extraordinary_items"]
        return f

    def closing_equity(self, year: int) -> int:
        """Equity at the end of ``year``: the opening equity rolled forward by each year's result."""
        equity = self.equity_before
        for y in range(self.first_year, year + 1):
            equity += self.income_statement(Period(date(y, 1, 1), date(y, 12, 31)))["net_result"]
        return equity

    def period_to(self, balance_date: date) -> Period:
        return Period(date(balance_date.year, 1, 1), balance_date)

    def balance_sheet(self, balance_date: date) -> dict[str, int]:
        s = dict(self.stocks[balance_date])
        s["retained_earnings"] = self.closing_equity(balance_date.year - 1)
        s["net_result"] = self.income_statement(self.period_to(balance_date))["net_result"]
        s["equity_total"] = s["retained_earnings"] + s["net_result"]
        s["current_liabilities_total"] = (
            s["accounts_payable"] + s["other_liabilities"] + s["accrued_expenses_and_deferred_income"]
        )
        s["total_equity_and_liabilities"] = s["equity_total"] + s["provisions_total"] + s["current_liabilities_total"]
        s["total_assets"] = s["total_equity_and_liabilities"]
        s["cash_and_bank"] = (
            s["total_assets"] - s["fixed_assets_total"] - s["receivables"] - s["prepaid_expenses_and_accrued_income"]
        )
        s["current_assets_total"] = s["receivables"] + s["prepaid_expenses_and_accrued_income"] + s["cash_and_bank"]
        return s

    def cash_flow(self, period: Period) -> dict[str, int]:
        """A full year's cash flow: the operating flow is what the balance sheets leave."""
        end = self.balance_sheet(period.end)
        start = self.balance_sheet(date(period.start.year - 1, 12, 31))
        result = self.income_statement(period)
        invested = end["fixed_assets_total"] - start["fixed_assets_total"] - result["depreciation"]
        c = {
            "cash_at_start": start["cash_and_bank"],
            "cash_at_end": end["cash_and_bank"],
            "cash_flow_investing": -invested,
            "cash_flow_financing": 0,
            "result": result["net_result"],
            "non_cash_items": -result["depreciation"],
            "change_receivables": -(
                end["receivables"] + end["prepaid_expenses_and_accrued_income"]
                - start["receivables"] - start["prepaid_expenses_and_accrued_income"]
            ),
            "change_liabilities": end["current_liabilities_total"] - start["current_liabilities_total"]
            + end["provisions_total"] - start["provisions_total"],
        }
        c["net_cash_flow"] = c["cash_at_end"] - c["cash_at_start"]
        c["cash_flow_operating"] = c["net_cash_flow"] - c["cash_flow_investing"] - c["cash_flow_financing"]
        return c
