"""Reconciliation rows: the input a check arrives with, and the result it leaves with.

An input row says what a report printed (``expected``), what its parts add up to
(``actual``), the tolerance, where to look, what is missing (``missing_inputs``)
which repaired figures it uses (``repairs``) and which figures OCR was unsure
of (``unsure_figures``), both optional. Amounts become
``Decimal`` rounded to 2 places. The result frame has ``RESULT_COLUMNS``.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Hashable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any

import pandas as pd

STATUS_PASS = "pass"
STATUS_WARN = "warn"
STATUS_FAIL = "fail"
STATUS_NOT_RUN = "not_run"
STATUSES: tuple[str, ...] = (STATUS_PASS, STATUS_WARN, STATUS_FAIL, STATUS_NOT_RUN)

INPUT_COLUMNS: tuple[str, ...] = (
    "check_name",
    "report_id",
    "association_id",
    "period_end",
    "subject",
    "expected",
    "actual",
    "tolerance",
    "detail",
    "missing_inputs",
)
# Optional: the repaired figures a check uses; a passing check with one is a warn.
REPAIRS_COLUMN = "repairs"
# Optional: the scanned figures OCR was unsure of that a check rests on; a check
# with one that does not hold is a warn (a digit may be misread), saying so.
UNSURE_COLUMN = "unsure_figures"

RESULT_COLUMNS: tuple[str, ...] = (
    "check_name",
    "report_id",
    "association_id",
    "period_end",
    "subject",
    "expected",
    "actual",
    "difference",
    "tolerance",
    "status",
    "detail",
    "checked_at",
    REPAIRS_COLUMN,
)

_CENT = Decimal("0.01")


class ReconciliationEngineError(RuntimeError):
    """GX did not give a usable verdict for every row it was asked to check."""


@dataclass
class _PreparedRow:
    row_id: int
    check_name: str
    expected: Decimal | None
    actual: Decimal | None
    difference: Decimal | None
    tolerance: Decimal
    not_run_reason: str | None
    repairs: str | None = None
    unsure: str | None = None


def empty_results_frame() -> pd.DataFrame:
    """A results frame with the right columns and no rows."""
    frame = pd.DataFrame({column: pd.Series([], dtype=object) for column in RESULT_COLUMNS})
    frame["checked_at"] = frame["checked_at"].astype("datetime64[us]")
    return frame


def _records(frame: pd.DataFrame) -> list[dict[Hashable, Any]]:
    # astype(object) keeps Decimals and dates as they are.
    return frame.astype(object).to_dict(orient="records")


def is_missing(value: object) -> bool:
    if value is None or value is pd.NA or value is pd.NaT:
        return True
    if isinstance(value, Decimal):
        return value.is_nan()
    if isinstance(value, float):
        return math.isnan(value)
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


def _to_decimal(value: object, what: str, row_id: int) -> Decimal | None:
    """A 2-place Decimal, or None when the value is missing."""
    if is_missing(value):
        return None
    if isinstance(value, bool):
        raise ValueError(f"row {row_id}: {what} is a boolean, not an amount")
    try:
        if isinstance(value, Decimal):
            number = value
        elif isinstance(value, int):
            number = Decimal(value)
        else:
            # str() of a float is its shortest repr, so 0.1 stays 0.1.
            number = Decimal(str(value))
    except (InvalidOperation, ValueError) as error:
        raise ValueError(f"row {row_id}: {what} {value!r} is not a number") from error
    if not number.is_finite():
        raise ValueError(f"row {row_id}: {what} {value!r} is not finite")
    return number.quantize(_CENT, rounding=ROUND_HALF_UP)


def _text_or_none(value: object) -> str | None:
    if is_missing(value):
        return None
    text = str(value).strip()
    return text or None


def _prepare_row(row_id: int, record: dict[Hashable, Any]) -> _PreparedRow:
    check_name = _text_or_none(record["check_name"])
    if check_name is None:
        raise ValueError(f"row {row_id}: check_name is empty")
    expected = _to_decimal(record["expected"], "expected", row_id)
    actual = _to_decimal(record["actual"], "actual", row_id)
    tolerance = _to_decimal(record["tolerance"], "tolerance", row_id) or Decimal("0.00")
    if tolerance < 0:
        raise ValueError(f"row {row_id}: tolerance {tolerance} is negative")

    missing_inputs = _text_or_none(record["missing_inputs"])
    absent = [name for name, value in (("expected", expected), ("actual", actual)) if value is None]
    reason: str | None = None
    if missing_inputs is not None:
        reason = missing_inputs
    elif absent:
        reason = " and ".join(f"{name} figure missing" for name in absent)

    difference = None if reason is not None else actual - expected  # type: ignore[operator]
    return _PreparedRow(
        repairs=_text_or_none(record.get(REPAIRS_COLUMN)),
        unsure=_text_or_none(record.get(UNSURE_COLUMN)),
        row_id=row_id,
        check_name=check_name,
        expected=expected,
        actual=actual,
        difference=difference,
        tolerance=tolerance,
        not_run_reason=reason,
    )


def as_date(value: object) -> dt.date | None:
    """A date from a date, datetime, ISO text or a missing value (None)."""
    if is_missing(value):
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value)[:10])


def _not_run_detail(reason: str, detail: str | None) -> str:
    prefix = f"not run: {reason.rstrip('.')}."
    return f"{prefix} {detail}" if detail else prefix


def _repair_detail(status: str, row: _PreparedRow, detail: str | None) -> str | None:
    """Name the repaired figures a check uses; a warn by repair says it passes only with them."""
    if row.repairs is None:
        return detail
    if status == STATUS_WARN and row.difference == 0:
        note = f"passes only with a repaired figure: {row.repairs}."
    else:
        note = f"uses a repaired figure: {row.repairs}."
    return f"{detail} ({note})" if detail else note


def _results_frame(
    frame: pd.DataFrame,
    prepared: list[_PreparedRow],
    statuses: dict[int, str],
    checked_at: pd.Timestamp,
) -> pd.DataFrame:
    if not prepared:
        return empty_results_frame()
    records = _records(frame)
    rows: list[dict[str, object]] = []
    for row, record in zip(prepared, records, strict=True):
        detail = _text_or_none(record["detail"])
        if row.not_run_reason is not None:
            status = STATUS_NOT_RUN
            detail = _not_run_detail(row.not_run_reason, detail)
        else:
            status = statuses.get(row.row_id)
            if status is None:
                raise ReconciliationEngineError(f"row {row.row_id} got no verdict from GX")
        detail = _repair_detail(status, row, detail)
        if row.unsure is not None and status != STATUS_NOT_RUN:
            note = f"rests on a figure OCR was unsure of: {row.unsure}; compare it with the page."
            detail = f"{detail} ({note})" if detail else note
        rows.append(
            {
                "check_name": row.check_name,
                "report_id": _text_or_none(record["report_id"]),
                "association_id": _text_or_none(record["association_id"]),
                "period_end": as_date(record["period_end"]),
                "subject": _text_or_none(record["subject"]),
                "expected": row.expected,
                "actual": row.actual,
                "difference": row.difference,
                "tolerance": row.tolerance,
                "status": status,
                "detail": detail,
                "checked_at": checked_at,
                REPAIRS_COLUMN: row.repairs,
            }
        )
    results = pd.DataFrame(rows, columns=list(RESULT_COLUMNS))
    for column in ("period_end", "expected", "actual", "difference", "tolerance"):
        results[column] = results[column].astype(object)
    return results
