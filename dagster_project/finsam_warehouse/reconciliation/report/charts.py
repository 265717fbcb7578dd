"""Charts as inline SVG, drawn with matplotlib: no script, no network, text kept as text.

Each function takes plain series and returns an ``<svg>`` element, or "" when
there is nothing to draw. Amounts are drawn in tkr, people as personer.
"""

from __future__ import annotations

import io
import re
from collections.abc import Sequence
from html import escape

import matplotlib

matplotlib.use("Agg")  # no display: files only

import matplotlib.pyplot as plt  # noqa: E402
from matplotlib.ticker import FuncFormatter, MaxNLocator  # noqa: E402

COLOURS = {
    "budget": "#9aa5b1",
    "outcome": "#1f6fb2",
    "female": "#b5446e",
    "male": "#2a7f62",
    "unknown": "#c8c8d0",
    "pass": "#5aa469",
    "warn": "#e0a526",
    "fail": "#c0392b",
    "not_run": "#9a9aa8",
}
SERIES_COLOURS = ["#1f6fb2", "#c0392b", "#2a7f62", "#8e5ea2", "#e0a526", "#5f6b7a"]
WIDTH_INCHES = 7.0
_STYLE = {
    "svg.fonttype": "none",  # text stays text: smaller, searchable, sharp
    "svg.hashsalt": "finsam",  # the same chart gives the same SVG
    "font.family": "sans-serif",
    "font.size": 9,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.titlesize": 10,
    "axes.titleweight": "bold",
}
_PROLOGUE = re.compile(r"^.*?(?=<svg)", re.S)
_METADATA = re.compile(r"<metadata>.*?</metadata>\s*", re.S)
_NAMESPACES = re.compile(r'\s+xmlns(:xlink)?="[^"]*"')


def swedish_number(value: float, decimals: int = 0) -> str:
    text = f"{value:,.{decimals}f}"
    return text.replace(",", " ").replace(".", ",")


def _tkr(value: float, _position: object = None) -> str:
    return swedish_number(value / 1000)


def to_svg(figure: plt.Figure, title: str) -> str:
    """The figure as an inline ``<svg>`` element with a title for screen readers."""
    buffer = io.StringIO()
    figure.savefig(buffer, format="svg", bbox_inches="tight", metadata={"Date": None, "Creator": None})
    plt.close(figure)
    svg = _NAMESPACES.sub("", _METADATA.sub("", _PROLOGUE.sub("", buffer.getvalue(), count=1)))
    return svg.replace("<svg", f'<svg class="chart" role="img" aria-label="{escape(title)}"', 1)


def _figure(rows: int) -> tuple[plt.Figure, plt.Axes]:
    with plt.rc_context(_STYLE):
        return plt.subplots(figsize=(WIDTH_INCHES, 1.2 + 0.32 * max(rows, 2)), layout="constrained")


def _legend_below(figure: plt.Figure, columns: int) -> None:
    figure.legend(loc="outside lower center", ncols=max(columns, 1), frameon=False, fontsize=8)


def horizontal_bars(
    title: str,
    labels: Sequence[str],
    series: dict[str, Sequence[float]],
    colours: dict[str, str],
    unit: str,
    stacked: bool = False,
) -> str:
    """Bars per label, side by side or stacked; ``unit`` "tkr" draws kronor in thousands."""
    if not labels:
        return ""
    with plt.rc_context(_STYLE):
        figure, axes = _figure(len(labels) * (1 if stacked else max(1, len(series) // 2 + 1)))
        positions = list(range(len(labels)))
        height = 0.8 if stacked else 0.8 / len(series)
        left = [0.0] * len(labels)
        for index, (name, values) in enumerate(series.items()):
            offsets = positions if stacked else [p - 0.4 + height * (index + 0.5) for p in positions]
            axes.barh(offsets, values, height=height, left=left if stacked else None,
                      label=name, color=colours.get(name, SERIES_COLOURS[index % len(SERIES_COLOURS)]))
            if stacked:
                left = [a + b for a, b in zip(left, values, strict=True)]
        axes.set_yticks(positions, labels)
        axes.invert_yaxis()
        if unit == "tkr":
            axes.xaxis.set_major_formatter(FuncFormatter(_tkr))
        axes.set_xlabel(unit)
        axes.set_title(title, loc="left")
        _legend_below(figure, len(series))
        axes.grid(axis="x", color="#e4e4ea")
        axes.set_axisbelow(True)
        return to_svg(figure, title)


def vertical_bars(title: str, labels: Sequence[str], values: Sequence[float], unit: str) -> str:
    """One bar per label, above or below zero (a result), in ``unit``."""
    if not labels:
        return ""
    with plt.rc_context(_STYLE):
        figure, axes = plt.subplots(figsize=(WIDTH_INCHES, 2.8), layout="constrained")
        colours = [COLOURS["outcome"] if value >= 0 else COLOURS["fail"] for value in values]
        bars = axes.bar(range(len(labels)), values, color=colours, width=0.6)
        axes.bar_label(bars, [f"{_tkr(v)} {unit}" for v in values], fontsize=8, padding=2)
        axes.set_xticks(range(len(labels)), labels)
        axes.axhline(0, color="#555", linewidth=0.8)
        axes.yaxis.set_major_formatter(FuncFormatter(_tkr))
        axes.set_ylabel(unit)
        axes.set_title(title, loc="left")
        axes.margins(y=0.2)
        return to_svg(figure, title)


def lines_over_years(title: str, series: dict[str, tuple[Sequence[int], Sequence[float]]], unit: str) -> str:
    """One line per series (an association) over years, in ``unit``."""
    if not series:
        return ""
    with plt.rc_context(_STYLE):
        figure, axes = plt.subplots(figsize=(WIDTH_INCHES, 3.2), layout="constrained")
        for index, (name, (dates, values)) in enumerate(series.items()):
            axes.plot(dates, values, marker="o", label=name, color=SERIES_COLOURS[index % len(SERIES_COLOURS)])
        axes.axhline(0, color="#555", linewidth=0.8)
        if unit == "tkr":
            axes.yaxis.set_major_formatter(FuncFormatter(_tkr))
        axes.set_ylabel(unit)
        axes.set_title(title, loc="left")
        axes.xaxis.set_major_locator(MaxNLocator(integer=True))
        _legend_below(figure, len(series))
        axes.grid(axis="y", color="#e4e4ea")
        return to_svg(figure, title)
