"""The report's charts stay readable however many years the warehouse holds."""

from __future__ import annotations

from datetime import date

import pandas as pd

from finsam_warehouse.reconciliation.report.association_charts import RESULT_CHART_PERIODS, result_chart
from finsam_warehouse.reconciliation.report.inputs import period_words
from finsam_warehouse.reconciliation.report.overview import BAR_CHART_YEARS, utilization_by_year


def test_the_result_chart_draws_the_latest_periods_and_says_so() -> None:
    years = range(2000, 2000 + RESULT_CHART_PERIODS + 8)
    results = pd.DataFrame({
        "association_id": "sofint",
        "period_start": [date(y, 1, 1) for y in years],
        "period_end": [date(y, 12, 31) for y in years],
        "net_result_sek": [1000.0 * (y - 1999) for y in years],
    })  # fmt: skip
    svg = result_chart(results)
    assert f"de senaste {RESULT_CHART_PERIODS} perioderna" in svg
    assert period_words(date(years[-1], 1, 1), date(years[-1], 12, 31)) in svg
    assert period_words(date(2000, 1, 1), date(2000, 12, 31)) not in svg
    few = result_chart(results.tail(3))
    assert "de senaste" not in few and period_words(date(years[-3], 1, 1), date(years[-3], 12, 31)) in few


def test_the_utilization_chart_draws_the_latest_years() -> None:
    budget = pd.DataFrame({
        "association_id": "sofint", "fiscal_year": list(range(2001, 2011)),
        "budget_sek": 100.0, "outcome_sek": 90.0,
    })  # fmt: skip
    svg = utilization_by_year(budget, {"sofint": "Sofint"})
    assert f"de senaste {BAR_CHART_YEARS} åren" in svg
    assert "Sofint 2010" in svg and "Sofint 2001" not in svg
