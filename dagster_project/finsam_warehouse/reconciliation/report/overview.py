"""The analysts' overview: charts across associations and years, read from the marts.

A second page beside the data-quality report (``overview.html``), linked both ways.
"""

from __future__ import annotations

from html import escape

import pandas as pd

from finsam_warehouse.reconciliation.report.association_charts import by_sex, sex_series
from finsam_warehouse.reconciliation.report.charts import COLOURS, horizontal_bars, lines_over_years
from finsam_warehouse.reconciliation.report.context import ReportContext
from finsam_warehouse.reconciliation.report.counts import CheckCounts
from finsam_warehouse.reconciliation.report.inputs import period_words
from finsam_warehouse.reconciliation.report.vocabulary import label
from finsam_warehouse.reconciliation.report.warehouse_data import ChartData
from finsam_warehouse.reconciliation.rows import STATUSES

REPORT_FILE = "index.html"
# The bar charts per association and year show the latest years only (one bar per association and year).
BAR_CHART_YEARS = 5


def _name(names: dict[str, str], association_id: object) -> str:
    return names.get(str(association_id), str(association_id))


def result_over_years(results: pd.DataFrame, names: dict[str, str]) -> str:
    """Årets resultat of each full financial year (twelve months), one line per association."""
    if results.empty:
        return ""
    months = (pd.to_datetime(results["period_end"]) - pd.to_datetime(results["period_start"])).dt.days
    annual = results[months >= 364].sort_values("period_end")
    series = {
        _name(names, association): (
            [d.year for d in pd.to_datetime(group["period_end"])],
            [float(v) for v in group["net_result_sek"]],
        )
        for association, group in annual.groupby("association_id")
    }
    title = f"{label('chart', 'result_chart')}: {label('chart', 'net_result')} ({label('chart', 'annual')})"
    return lines_over_years(title, series, "tkr")


def utilization_by_year(budget: pd.DataFrame, names: dict[str, str]) -> str:
    """Outcome as a share of budget over all insatser, per association and financial year."""
    if budget.empty:
        return ""
    sums = budget.groupby(["association_id", "fiscal_year"])[["budget_sek", "outcome_sek"]].sum().reset_index()
    sums = sums[sums["budget_sek"] > 0].sort_values(["association_id", "fiscal_year"])
    latest = sums[sums["fiscal_year"] > sums["fiscal_year"].max() - BAR_CHART_YEARS] if len(sums) else sums
    labels = [f"{_name(names, a)} {y}" for a, y in zip(latest["association_id"], latest["fiscal_year"], strict=True)]
    values = [float(o) / float(b) * 100 for o, b in zip(latest["outcome_sek"], latest["budget_sek"], strict=True)]
    series = {label("chart", "utilization"): values}
    return horizontal_bars(_latest_years_title("utilization_chart", len(latest) < len(sums)), labels, series, {}, "%")


def _latest_years_title(name: str, cut: bool) -> str:
    title = label("chart", name)
    return f"{title} ({label('chart', 'latest_years').format(count=BAR_CHART_YEARS)})" if cut else title


def participants_by_year(participants: pd.DataFrame, names: dict[str, str]) -> str:
    """Participants per association and period by sex: the association's own figure where
    printed, else the sum over its insatser."""
    counted = participants[participants["measure"] == "participants"] if len(participants) else participants
    if counted.empty:
        return ""
    keys = ["association_id", "period_start", "period_end"]
    whole = counted[counted["insats_id"] == ""].groupby(keys).size()
    own_figure = counted.set_index(keys).index.isin(whole.index)
    chosen = counted[~own_figure | (counted["insats_id"] == "")].sort_values(keys)
    years = pd.to_datetime(chosen["period_end"]).dt.year
    recent = chosen[years > years.max() - BAR_CHART_YEARS]
    cut, chosen = len(recent) < len(chosen), recent
    chosen = chosen.assign(
        group=[
            f"{_name(names, a)}, {period_words(pd.Timestamp(s).date(), pd.Timestamp(e).date())}"
            for a, s, e in zip(chosen["association_id"], chosen["period_start"], chosen["period_end"], strict=True)
        ]
    )
    table = by_sex(chosen, "group").reindex(list(dict.fromkeys(chosen["group"])))
    series, colours = sex_series(table)
    title = _latest_years_title("participants_year_chart", cut)
    return horizontal_bars(title, list(table.index), series, colours, "personer", stacked=True)


def checks_by_association(check_counts: CheckCounts, context: ReportContext, names: dict[str, str]) -> str:
    """How many checks pass, warn, fail or could not run, per association."""
    counts: dict[str, dict[str, int]] = {}
    for report_id, association_id, status, n in check_counts.report_associations():
        association = _name(names, context.association_of_report(report_id, association_id))
        per_status = counts.setdefault(association, dict.fromkeys(STATUSES, 0))
        if status in per_status:
            per_status[status] += n
    labels = sorted(counts)
    series = {label("status", s): [counts[a][s] for a in labels] for s in STATUSES}
    colours = {label("status", s): COLOURS[s] for s in STATUSES}
    return horizontal_bars(label("chart", "checks_chart"), labels, series, colours, "kontroller", stacked=True)


def overview_body(
    counts: CheckCounts, context: ReportContext, charts: ChartData | None, names: dict[str, str]
) -> str:
    """The overview page's body: a link back, then one figure per chart."""
    title = label("chart", "overview_title")
    parts = [
        f"<h1>{escape(title)}</h1>",
        f'<p class="meta"><a href="{REPORT_FILE}">Back to the data-quality report</a> '
        "(every report, its checks and where to look).</p>",
    ]
    drawn = [checks_by_association(counts, context, names) if counts.total else ""]
    if charts is not None:
        drawn += [
            result_over_years(charts.results, names),
            utilization_by_year(charts.budget, names),
            participants_by_year(charts.participants, names),
        ]
    figures = [f'<figure class="chart-box wide">{svg}</figure>' for svg in drawn if svg]
    parts += figures or ['<p class="note">Nothing to draw: no figures were read.</p>']
    parts.append(
        '<p class="note">Amounts in tkr (thousands of kronor), participants in personer. '
        "Budget: the period's budget where the report prints one, else the full year's. "
        "Participants: the preferred figure where a report and a statistics file both give one.</p>"
    )
    return "\n".join(parts)
