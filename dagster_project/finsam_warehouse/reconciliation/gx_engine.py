"""Run reconciliation checks through Great Expectations and grade each one.

Each input row says what a report printed (``expected``) and what its parts add
up to (``actual``). The grade comes from GX validations, one suite per
check_name:

* ``abs_difference`` between 0 and 0 (exact agreement);
* ``abs_difference_over_tolerance`` (``|difference| - tolerance``) at most 0;
* ``uses_repaired_figure`` 0 (no figure whose sign or characters were repaired).

A row GX lists as unexpected in the second expectation is ``fail``; in the first
or the third only, ``warn`` (a check that passes only with a repaired figure);
in none, ``pass``. Rows missing a figure are ``not_run`` and never reach GX.
The rows themselves (input, result frame) are in ``rows.py``.

Amounts stay ``Decimal`` (rounded to 2 places) in the output; floats are used
only for the columns GX reads. ``great_expectations`` is imported on first use
because the import takes seconds.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import importlib.metadata
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd

from finsam_warehouse.reconciliation import rows as rows_module
from finsam_warehouse.reconciliation.rows import (
    INPUT_COLUMNS,
    RESULT_COLUMNS,
    STATUS_FAIL,
    STATUS_NOT_RUN,
    STATUS_PASS,
    STATUS_WARN,
    STATUSES,
    ReconciliationEngineError,
    _PreparedRow,
    _prepare_row,
    _records,
    _results_frame,
    as_date,
    empty_results_frame,
    is_missing,
)

if TYPE_CHECKING:
    from great_expectations import ValidationDefinition
    from great_expectations.core import ExpectationSuiteValidationResult
    from great_expectations.data_context import AbstractDataContext
    from great_expectations.datasource.fluent import PandasDatasource

SUITE_PREFIX = "reconciliation__"
DATA_DOCS_SITE_NAME = "finsam_reconciliation"
GX_RUN_NAME = "finsam_reconciliation"

# Columns of the frame handed to GX.
ROW_ID_COLUMN = "row_id"
ABS_DIFFERENCE_COLUMN = "abs_difference"
OVER_TOLERANCE_COLUMN = "abs_difference_over_tolerance"
REPAIRED_COLUMN = "uses_repaired_figure"
UNSURE_FIGURE_COLUMN = "rests_on_unsure_ocr_figure"

__all__ = [
    "INPUT_COLUMNS", "RESULT_COLUMNS", "STATUSES", "STATUS_FAIL", "STATUS_NOT_RUN", "STATUS_PASS",
    "STATUS_WARN", "ReconciliationEngineError", "ReconciliationOutcome", "as_date",
    "ReconciliationRun", "empty_results_frame", "engine_version", "is_missing", "run_reconciliation",
]


def engine_version() -> str:
    """What a grade depends on besides the check's inputs: this engine's code and GX's version."""
    digest = hashlib.sha256(importlib.metadata.version("great_expectations").encode())
    for source in (Path(__file__), Path(rows_module.__file__)):
        digest.update(source.read_bytes())
    return digest.hexdigest()[:16]


@dataclass(frozen=True)
class ReconciliationOutcome:
    """What one call of :func:`run_reconciliation` produced."""

    results: pd.DataFrame
    data_docs_index: Path | None = None
    suite_names: list[str] = field(default_factory=list)
    gx_success_by_check: dict[str, bool] = field(default_factory=dict)


def run_reconciliation(
    inputs: pd.DataFrame, data_docs_dir: Path | None = None
) -> ReconciliationOutcome:
    """Grade every input row as pass / warn / fail / not_run using GX validations.

    ``inputs`` has the columns in ``INPUT_COLUMNS``; the result has
    ``RESULT_COLUMNS`` in input order, with ``difference = actual - expected``
    and amounts as ``Decimal`` rounded to 2 places. ``checked_at`` is one naive
    UTC timestamp for the whole call.

    If ``data_docs_dir`` is given, GX Data Docs are built there (GX rebuilds the
    site, removing pages of earlier runs) and the index path is returned.
    Raises ``ReconciliationEngineError`` if GX raised or did not cover every row.
    """
    run = ReconciliationRun()
    results = run.grade(inputs)
    return ReconciliationOutcome(
        results=results,
        data_docs_index=run.build_data_docs(data_docs_dir) if data_docs_dir else None,
        suite_names=list(run.suite_names),
        gx_success_by_check=dict(run.gx_success_by_check),
    )


class ReconciliationRun:
    """One GX context and one ``checked_at`` for a run whose inputs come in parts.

    Grading a few thousand rows at a time keeps memory to one part's rows, however
    many reports there are; Data Docs at the end show every part's validations.
    """

    def __init__(self) -> None:
        self.checked_at = pd.Timestamp(dt.datetime.now(dt.UTC).replace(tzinfo=None))
        self.suite_names: list[str] = []
        self.gx_success_by_check: dict[str, bool] = {}
        self.rows_graded = 0
        self._definitions: dict[str, ValidationDefinition] = {}
        self._runs_by_check: dict[str, int] = {}
        self._context: AbstractDataContext | None = None
        self._datasource: PandasDatasource | None = None

    def grade(self, inputs: pd.DataFrame) -> pd.DataFrame:
        """The results of one part, as :func:`run_reconciliation` describes them.

        A check met again in a later part is validated by its suite again, as a
        further run (``finsam_reconciliation_part_2``, …).
        """
        missing_columns = [column for column in INPUT_COLUMNS if column not in inputs.columns]
        if missing_columns:
            raise ValueError(f"reconciliation inputs lack columns: {', '.join(missing_columns)}")
        frame = inputs.reset_index(drop=True)
        prepared = [_prepare_row(row_id, record) for row_id, record in enumerate(_records(frame))]
        runnable = [row for row in prepared if row.not_run_reason is None]
        statuses: dict[int, str] = {}
        self.rows_graded += len(prepared)
        for check_name in dict.fromkeys(row.check_name for row in runnable):
            check_rows = [row for row in runnable if row.check_name == check_name]
            validation = self._validate(check_name, check_rows)
            statuses.update(_statuses_from_validation(validation, check_name, check_rows))
            passed = bool(validation.success)
            self.gx_success_by_check[check_name] = self.gx_success_by_check.get(check_name, True) and passed
        return _results_frame(frame, prepared, statuses, self.checked_at)

    def build_data_docs(self, data_docs_dir: Path) -> Path:
        """GX Data Docs of every validation so far, built in ``data_docs_dir``; the index path."""
        return _build_data_docs(self._gx()[0], data_docs_dir)

    def _validate(self, check_name: str, rows: list[_PreparedRow]) -> ExpectationSuiteValidationResult:
        from great_expectations.core.run_identifier import RunIdentifier

        if check_name not in self._definitions:
            context, datasource = self._gx()
            used = {name.removeprefix(SUITE_PREFIX) for name in self.suite_names}
            gx_name = _gx_name(check_name, used)
            self.suite_names.append(SUITE_PREFIX + gx_name)
            self._definitions[check_name] = _validation_definition(context, datasource, gx_name)
        part = self._runs_by_check[check_name] = self._runs_by_check.get(check_name, 0) + 1
        run_name = GX_RUN_NAME if part == 1 else f"{GX_RUN_NAME}_part_{part}"
        return self._definitions[check_name].run(
            batch_parameters={"dataframe": _gx_frame(rows)},
            result_format={"result_format": "COMPLETE", "unexpected_index_column_names": [ROW_ID_COLUMN]},
            run_id=RunIdentifier(run_name=run_name, run_time=self.checked_at.to_pydatetime()),
        )

    def _gx(self) -> tuple[AbstractDataContext, PandasDatasource]:
        if self._context is None or self._datasource is None:
            self._context = _new_context()
            self._datasource = self._context.data_sources.add_pandas("reconciliation")
        return self._context, self._datasource


def _gx_name(check_name: str, used: set[str]) -> str:
    """A name for the check GX can use in file paths, not in ``used``."""
    base = re.sub(r"[^A-Za-z0-9_]+", "_", check_name).strip("_") or "check"
    candidate, counter = base, 2
    while candidate in used:
        candidate, counter = f"{base}_{counter}", counter + 1
    return candidate


# --- GX ----------------------------------------------------------------------


def _new_context() -> AbstractDataContext:
    import great_expectations as gx
    from great_expectations.data_context.types.base import ProgressBarsConfig

    context = gx.get_context(mode="ephemeral")
    context.variables.progress_bars = ProgressBarsConfig(globally=False)
    return context


def _gx_frame(rows: list[_PreparedRow]) -> pd.DataFrame:
    abs_differences = [abs(row.difference) for row in rows]  # type: ignore[arg-type]
    return pd.DataFrame(
        {
            ROW_ID_COLUMN: pd.Series([row.row_id for row in rows], dtype="int64"),
            ABS_DIFFERENCE_COLUMN: pd.Series([float(d) for d in abs_differences], dtype="float64"),
            OVER_TOLERANCE_COLUMN: pd.Series(
                [float(d - row.tolerance) for d, row in zip(abs_differences, rows, strict=True)],
                dtype="float64",
            ),
            REPAIRED_COLUMN: pd.Series([float(row.repairs is not None) for row in rows], dtype="float64"),
            UNSURE_FIGURE_COLUMN: pd.Series([float(row.unsure is not None) for row in rows], dtype="float64"),
        }
    )


def _validation_definition(
    context: AbstractDataContext, datasource: PandasDatasource, gx_name: str
) -> ValidationDefinition:
    """The check's suite (the expectations above) on a dataframe asset, as a validation definition."""
    import great_expectations as gx
    import great_expectations.expectations as gxe

    batch_definition = datasource.add_dataframe_asset(gx_name).add_batch_definition_whole_dataframe(
        "whole_frame"
    )
    suite = context.suites.add(gx.ExpectationSuite(name=SUITE_PREFIX + gx_name))
    suite.add_expectation(
        gxe.ExpectColumnValuesToBeBetween(column=ABS_DIFFERENCE_COLUMN, min_value=0, max_value=0)
    )
    suite.add_expectation(gxe.ExpectColumnValuesToBeBetween(column=OVER_TOLERANCE_COLUMN, max_value=0))
    suite.add_expectation(gxe.ExpectColumnValuesToBeBetween(column=REPAIRED_COLUMN, min_value=0, max_value=0))
    suite.add_expectation(
        gxe.ExpectColumnValuesToBeBetween(column=UNSURE_FIGURE_COLUMN, min_value=0, max_value=0)
    )
    return context.validation_definitions.add(
        gx.ValidationDefinition(name=SUITE_PREFIX + gx_name, data=batch_definition, suite=suite)
    )


def _raised_exception_message(exception_info: object) -> str | None:
    """The message of a GX exception, whether reported flat or per metric."""
    if not isinstance(exception_info, dict):
        return None
    if exception_info.get("raised_exception"):
        return str(exception_info.get("exception_message") or "unknown error")
    for nested in exception_info.values():
        message = _raised_exception_message(nested)
        if message is not None:
            return message
    return None


def _unexpected_row_ids(
    validation: ExpectationSuiteValidationResult, column: str, check_name: str, row_ids: set[int]
) -> set[int]:
    """Row ids GX found unexpected for the expectation on ``column``; raise if unusable."""
    matching = [
        result
        for result in validation.results
        if result.expectation_config is not None
        and result.expectation_config.kwargs.get("column") == column
    ]
    if len(matching) != 1:
        raise ReconciliationEngineError(
            f"{check_name}: expected one GX result for column {column}, got {len(matching)}"
        )
    result = matching[0]
    message = _raised_exception_message(result.exception_info)
    if message is not None:
        raise ReconciliationEngineError(f"{check_name}: GX could not evaluate {column}: {message}")

    details = result.result or {}
    element_count = details.get("element_count")
    missing_count = details.get("missing_count")
    unexpected_count = details.get("unexpected_count")
    index_list = details.get("unexpected_index_list")
    if element_count != len(row_ids) or missing_count != 0 or not isinstance(index_list, list):
        raise ReconciliationEngineError(
            f"{check_name}: GX result for {column} does not cover the rows "
            f"(rows={len(row_ids)}, element_count={element_count}, missing_count={missing_count})"
        )
    unexpected = {int(entry[ROW_ID_COLUMN]) for entry in index_list}
    if len(index_list) != unexpected_count or not unexpected <= row_ids:
        raise ReconciliationEngineError(
            f"{check_name}: GX listed unexpected rows for {column} that do not match its count"
        )
    if bool(result.success) != (not unexpected):
        raise ReconciliationEngineError(f"{check_name}: GX success flag for {column} disagrees")
    return unexpected


def _statuses_from_validation(
    validation: ExpectationSuiteValidationResult, check_name: str, rows: list[_PreparedRow]
) -> dict[int, str]:
    row_ids = {row.row_id for row in rows}
    not_exact = _unexpected_row_ids(validation, ABS_DIFFERENCE_COLUMN, check_name, row_ids)
    over_tolerance = _unexpected_row_ids(validation, OVER_TOLERANCE_COLUMN, check_name, row_ids)
    repaired = _unexpected_row_ids(validation, REPAIRED_COLUMN, check_name, row_ids)
    unsure = _unexpected_row_ids(validation, UNSURE_FIGURE_COLUMN, check_name, row_ids)
    if not over_tolerance <= not_exact:
        raise ReconciliationEngineError(
            f"{check_name}: GX found rows over tolerance that it also found exact"
        )

    statuses: dict[int, str] = {}
    for row in rows:
        if row.row_id in over_tolerance and row.row_id not in unsure:
            status = STATUS_FAIL
        elif row.row_id in not_exact or row.row_id in repaired:
            status = STATUS_WARN
        else:
            status = STATUS_PASS
        # Cross-check against the Decimal arithmetic; they must never disagree.
        if status != _status_from_decimals(row):
            raise ReconciliationEngineError(
                f"{check_name}: GX graded row {row.row_id} {status}, "
                f"Decimal arithmetic says {_status_from_decimals(row)}"
            )
        statuses[row.row_id] = status
    return statuses


def _status_from_decimals(row: _PreparedRow) -> str:
    assert row.difference is not None
    gap = abs(row.difference)
    if gap == 0:
        return STATUS_PASS if row.repairs is None else STATUS_WARN
    return STATUS_WARN if gap <= row.tolerance or row.unsure is not None else STATUS_FAIL


def _build_data_docs(context: AbstractDataContext, data_docs_dir: Path) -> Path:
    docs_dir = Path(data_docs_dir).expanduser().resolve()
    docs_dir.mkdir(parents=True, exist_ok=True)
    context.add_data_docs_site(
        site_name=DATA_DOCS_SITE_NAME,
        site_config={
            "class_name": "SiteBuilder",
            "site_index_builder": {"class_name": "DefaultSiteIndexBuilder"},
            "store_backend": {
                "class_name": "TupleFilesystemStoreBackend",
                "base_directory": str(docs_dir),
            },
        },
    )
    context.build_data_docs(site_names=[DATA_DOCS_SITE_NAME])
    index = docs_dir / "index.html"
    if not index.is_file():
        raise ReconciliationEngineError(f"GX did not write Data Docs index at {index}")
    return index
