"""Formatting for the data-quality report: Swedish amounts, dates, plain HTML tables.

Amounts are written Swedish style: spaces between thousands and a decimal
comma. A table shows öre only if some amount in it has öre, so ``6 290 501`` and
``-1`` in one table, ``100,00`` and ``101,01`` in another.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import urllib.parse
from collections.abc import Iterable, Sequence
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from html import escape, unescape
from pathlib import Path

from finsam_warehouse.reconciliation.rows import as_date, is_missing

MISSING_MARK = "–"
AMOUNT_COLUMNS: tuple[str, ...] = ("expected", "actual", "difference")
# Rounding tolerances that say a table was printed in thousands or millions of kronor.
_TOLERANCE_UNITS = {Decimal(1000): "tkr", Decimal(1_000_000): "mkr"}
_TAG = re.compile(r"</?[A-Za-z][^<>]*>")
_SPACES = re.compile(r"\s+")


def as_decimal(value: object) -> Decimal | None:
    if is_missing(value):
        return None
    try:
        number = value if isinstance(value, Decimal) else Decimal(str(value))
    except InvalidOperation:
        return None
    return number if number.is_finite() else None


def format_amount(value: object, decimals: int | None = None) -> str:
    """Swedish style: ``6 290 501``, ``-1``, ``1 234,50``; a dash when missing.

    ``decimals`` None shows öre only when the amount has them; 0 or 2 forces that.
    """
    number = as_decimal(value)
    if number is None:
        return MISSING_MARK
    if decimals is None:
        decimals = 0 if number == number.to_integral_value() else 2
    rounded = number.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    return f"{rounded:,.{decimals}f}".replace(",", " ").replace(".", ",")


def with_unit(value: object, unit: str, decimals: int | None = None) -> str:
    """An amount and its unit, ``6 290 501 kr``, ``32 personer``, ``47,80 %``; a dash when missing."""
    amount = format_amount(value, decimals)
    return f"{amount} {unit}" if unit and amount != MISSING_MARK else amount


def tolerance_text(value: object, unit: str, decimals: int | None = None) -> str:
    """A tolerance with its unit; 1 000 kr reads ``1 tkr`` (the table is printed in tkr)."""
    number = as_decimal(value)
    if unit == "kr" and number in _TOLERANCE_UNITS:
        return f"1 {_TOLERANCE_UNITS[number]}"
    return with_unit(value, unit, decimals)


def strip_markup(value: object) -> str:
    """A printed line as a person reads it: no tags (``<b>``), tabs as spaces."""
    return _SPACES.sub(" ", unescape(_TAG.sub("", text(value)))).strip()


def decimals_for(rows: Iterable[dict[str, object]], columns: Sequence[str]) -> int:
    """2 if any amount in these rows has öre, else 0, so one table reads alike."""
    for row in rows:
        for column in columns:
            number = as_decimal(row.get(column))
            if number is not None and number != number.to_integral_value():
                return 2
    return 0


def format_date(value: object) -> str:
    if is_missing(value):
        return MISSING_MARK
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)[:10]


def format_timestamp(value: dt.datetime) -> str:
    text = value.strftime("%Y-%m-%d %H:%M:%S")
    zone = value.tzname()
    return f"{text} {zone}" if zone else text


def text(value: object) -> str:
    if is_missing(value):
        return ""
    return str(value)


def text_or_none(value: object) -> str | None:
    return text(value).strip() or None


def to_date(value: object) -> dt.date | None:
    try:
        return as_date(value)
    except ValueError:
        return None


class Html(str):
    """Text that is already HTML: a table writes it as it is."""


def cell_html(value: str) -> str:
    return value if isinstance(value, Html) else escape(value)


def attributes(values: dict[str, str] | None) -> str:
    return "".join(f' {name}="{escape(value)}"' for name, value in (values or {}).items() if value)


def table(
    headers: Sequence[str],
    rows: Iterable[Sequence[str]],
    numeric_columns: frozenset[int] = frozenset(),
    row_attributes: Sequence[dict[str, str]] | None = None,
) -> str:
    """A plain table; ``row_attributes`` per row (class, data-status, data-association)."""
    head = "".join(
        f'<th class="num">{escape(h)}</th>' if i in numeric_columns else f"<th>{escape(h)}</th>"
        for i, h in enumerate(headers)
    )
    body_lines: list[str] = []
    for row_index, cells in enumerate(rows):
        tr = f"<tr{attributes(row_attributes[row_index] if row_attributes else None)}>"
        tds = "".join(
            f'<td class="num">{cell_html(c)}</td>' if i in numeric_columns else f"<td>{cell_html(c)}</td>"
            for i, c in enumerate(cells)
        )
        body_lines.append(f"{tr}{tds}</tr>")
    body = "\n".join(body_lines)
    return f"<table>\n<thead><tr>{head}</tr></thead>\n<tbody>\n{body}\n</tbody>\n</table>"


def none_paragraph(text: str) -> str:
    return f'<p class="note">{escape(text)}</p>'


def relative_link(out_dir: Path, target: Path) -> str:
    try:
        relative = os.path.relpath(Path(target).resolve(), Path(out_dir).resolve())
    except ValueError:  # different drives
        return Path(target).resolve().as_uri()
    return urllib.parse.quote(Path(relative).as_posix())


