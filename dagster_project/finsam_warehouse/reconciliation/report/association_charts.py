"""Charts per association for the data-quality report: budget against outcome per
insats, participants by sex, what ended participants went on to, and the result
over the years. Read from the marts (see ``warehouse_data``)."""

from __future__ import annotations

from html import escape

import pandas as pd

from finsam_warehouse.reconciliation.report.charts import COLOURS, horizontal_bars, vertical_bars
from finsam_warehouse.reconciliation.report.inputs import ReportInfo, period_words
from finsam_warehouse.reconciliation.report.vocabulary import label
from finsam_warehouse.reconciliation.report.warehouse_data import ChartData

SEXES = ("female", "male")
RESULT_CHART_PERIODS = 12  # bars in the result chart: the latest periods


def _latest(frame: pd.DataFrame) -> pd.DataFrame:
    return frame[frame["period_end"] == frame["period_end"].max()] if len(frame) else frame


def _period(frame: pd.DataFrame) -> str:
    row = frame.iloc[0]
    start = row["period_start"] if "period_start" in frame else None
    return period_words(pd.Timestamp(start).date() if pd.notna(start) else None, pd.Timestamp(row["period_end"]).date())


def budget_chart(budget: pd.DataFrame, infos: dict[str, ReportInfo]) -> str:
    """Budget and outcome per insats in the association's newest report with budget lines."""
    latest = _latest(budget)
    if latest.empty:
        return ""
    report = infos.get(str(latest["report_id"].iloc[0]))
    latest = latest[latest["report_id"] == latest["report_id"].iloc[0]].fillna({"budget_sek": 0, "outcome_sek": 0})
    title = f"{label('chart', 'budget_chart')}: {report.title if report else _period(latest)}"
    series = {
        label("chart", "budget"): [float(v) for v in latest["budget_sek"]],
        label("chart", "outcome"): [float(v) for v in latest["outcome_sek"]],
    }
    colours = {label("chart", "budget"): COLOURS["budget"], label("chart", "outcome"): COLOURS["outcome"]}
    return horizontal_bars(title, list(latest["insats"]), series, colours, "tkr")


def by_sex(frame: pd.DataFrame, key: str) -> pd.DataFrame:
    """Per ``key`` (and insats): women, men, and those whose sex is not given (all - women - men)."""
    table = frame.pivot_table(index=[key, "insats_id"], columns="sex", values="participants", aggfunc="sum")
    table = table.reindex(columns=[*SEXES, "all"]).fillna(0)
    table["unknown"] = (table["all"] - table["female"] - table["male"]).clip(lower=0)
    return table.groupby(level=0)[[*SEXES, "unknown"]].sum()


def sex_series(table: pd.DataFrame) -> tuple[dict[str, list[float]], dict[str, str]]:
    names = {sex: label("sex", sex) for sex in SEXES} | {"unknown": label("chart", "sex_unknown")}
    series = {names[column]: [float(v) for v in table[column]] for column in names if table[column].sum() > 0}
    return series, {names[column]: COLOURS[column] for column in names}


def participants_chart(participants: pd.DataFrame) -> str:
    """Participants per insats by sex, in the newest period counted."""
    latest = _latest(participants[participants["measure"] == "participants"])
    if latest.empty:
        return ""
    latest = latest.assign(insats=latest["insats"].replace("", label("chart", "whole_association")))
    series, colours = sex_series(by_sex(latest, "insats"))
    title = f"{label('chart', 'participants_chart')}, {_period(latest)}"
    return horizontal_bars(title, list(by_sex(latest, "insats").index), series, colours, "personer", stacked=True)


def outcomes_chart(participants: pd.DataFrame) -> str:
    """What ended participants went on to, by sex, in the newest period with outcomes."""
    ended = participants[(participants["measure"] == "ended") & participants["outcome"].notna()]
    latest = _latest(ended)
    if latest.empty:
        return ""
    latest = latest.assign(outcome_label=[label("outcome", code) for code in latest["outcome"]])
    table = by_sex(latest, "outcome_label")
    series, colours = sex_series(table)
    title = f"{label('chart', 'outcomes_chart')}, {_period(latest)}"
    return horizontal_bars(title, list(table.index), series, colours, "personer", stacked=True)


def result_chart(results: pd.DataFrame) -> str:
    """Årets resultat per period printed, oldest first: the latest RESULT_CHART_PERIODS (more bars are unreadable)."""
    if results.empty:
        return ""
    ordered = results.sort_values(["period_end", "period_start"]).tail(RESULT_CHART_PERIODS)
    labels = [
        period_words(pd.Timestamp(s).date(), pd.Timestamp(e).date())
        for s, e in zip(ordered["period_start"], ordered["period_end"], strict=True)
    ]
    values = [float(v) for v in ordered["net_result_sek"]]
    title = f"{label('chart', 'result_chart')}: {label('chart', 'net_result')}"
    if len(results) > RESULT_CHART_PERIODS:
        title += f" ({label('chart', 'latest_periods').format(count=RESULT_CHART_PERIODS)})"
    return vertical_bars(title, labels, values, "tkr")


def _of(frame: pd.DataFrame, association_id: str) -> pd.DataFrame:
    return frame[frame["association_id"] == association_id] if len(frame) else frame


def association_charts_section(charts: ChartData | None, infos: dict[str, ReportInfo], names: dict[str, str]) -> str:
    """One block of charts per association; an association with nothing to draw says so."""
    parts = [f'<h2 id="charts">{escape(label("chart", "association_charts"))}</h2>']
    if charts is None:
        parts.append('<p class="note">No charts: the report was written without the warehouse marts.</p>')
        return "\n".join(parts)
    for association_id, name in sorted(names.items(), key=lambda item: item[1]):
        drawn = [
            budget_chart(_of(charts.budget, association_id), infos),
            participants_chart(_of(charts.participants, association_id)),
            outcomes_chart(_of(charts.participants, association_id)),
            result_chart(_of(charts.results, association_id)),
        ]
        figures = "\n".join(f'<figure class="chart-box">{svg}</figure>' for svg in drawn if svg)
        body = figures or '<p class="note">Nothing to draw: no budget, participant or result figures read.</p>'
        parts.append(
            f'<section class="association-charts" data-association="{escape(association_id)}">\n'
            f'<h3>{escape(name)}</h3>\n<div class="charts">{body}</div>\n</section>'
        )
    return "\n".join(parts)
