"""The warehouse build: raw tables → dbt → reconciliation → publication.

All of it writes the build file (``<warehouse>.build``) and nothing else; the
last asset swaps it in for the published warehouse. A failure anywhere leaves
the last good warehouse in place.
"""

import os
import shutil
import tempfile
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import dagster as dg
from dagster_dbt import DbtCliResource, dbt_assets, get_asset_key_for_model

from finsam_warehouse import settings
from finsam_warehouse.orchestration.dbt_project import dbt_project
from finsam_warehouse.orchestration.dbt_support import FolderGroupTranslator, dbt_events, with_row_counts
from finsam_warehouse.orchestration.partitions import report_files_partitions
from finsam_warehouse.orchestration.report_assets import parsed_report
from finsam_warehouse.orchestration.resources import WarehouseResource
from finsam_warehouse.orchestration.statistics_assets import parsed_statistics
from finsam_warehouse.parsing.models import ParsedReport
from finsam_warehouse.parsing.registry import load_registry
from finsam_warehouse.parsing.report import empty_report
from finsam_warehouse.parsing.statistics import StatisticsFile, failed_file, is_statistics_file
from finsam_warehouse.warehouse import staging
from finsam_warehouse.warehouse.exports import write_exports
from finsam_warehouse.warehouse.fingerprint import input_fingerprint
from finsam_warehouse.warehouse.publish import publish, publish_folder, publish_report
from finsam_warehouse.warehouse.raw_loader import load_raw_tables, write_build_info
from finsam_warehouse.warehouse.raw_schema import RAW_TABLES
from finsam_warehouse.warehouse.reconciliation_io import (
    RECONCILIATION_CHECKS,
    FamilyTally,
    grade_in_parts,
    tally_families,
)
from finsam_warehouse.warehouse.report_files import raw_file_sha256
from finsam_warehouse.warehouse.statistics_files import load_statistics, load_statistics_vocabulary
from finsam_warehouse.warehouse.summary import warehouse_summary

DQ_RECONCILIATION_MODEL = "dq_reconciliation"
# dbt models that read the reconciliation results: built after the GX step.
AFTER_RECONCILIATION = f"stg_reconciliation_results {DQ_RECONCILIATION_MODEL}"
CHECK_RESULTS_KEY = dg.AssetKey(["reconciliation", "check_results"])


def _staged_reports(warehouse: WarehouseResource, keys: list[str]) -> Iterator[ParsedReport]:
    """The staged parse of every report partition, one at a time; a missing or stale one is an error row."""
    for key in keys:
        sha = raw_file_sha256(warehouse.raw_dir, key)
        report = staging.load_parsed(warehouse.staging_dir, key)
        if report is None or report.source_sha256 != sha:
            report = empty_report(
                key,
                sha,
                "the file is no longer in the raw folder"
                if not sha
                else "this version of the file has not been parsed; run its partition",
            )
        yield report


def _seen_at(warehouse: WarehouseResource) -> Callable[[str], float]:
    """When a readable report file arrived (its modification time)."""

    def seen_at(source_file: str) -> float:
        try:
            return (warehouse.raw_dir / source_file).stat().st_mtime
        except OSError:
            return float("inf")

    return seen_at


def _staged_statistics(warehouse: WarehouseResource, keys: list[str]) -> list[StatisticsFile]:
    """The staged read of every statistics file; a missing or stale one is an error row."""
    vocabulary = load_statistics_vocabulary()
    files = []
    for key in keys:
        sha = raw_file_sha256(warehouse.raw_dir, key)
        statistics = load_statistics(warehouse.staging_dir, key)
        if statistics is None or statistics.source_sha256 != sha:
            message = (
                "the file is no longer in the raw folder"
                if not sha
                else "this version of the file has not been read; run its partition"
            )
            statistics = failed_file(key, sha, key.split("/")[0], vocabulary, message)
        files.append(statistics)
    return files


@dg.multi_asset(
    specs=[
        dg.AssetSpec(["raw", table], deps=[parsed_report, parsed_statistics], group_name="warehouse")
        for table in RAW_TABLES
    ],
    description="A fresh build warehouse holding the raw tables of every staged report and statistics file.",
)
def raw_tables(context: dg.AssetExecutionContext, warehouse: WarehouseResource) -> Iterator[dg.MaterializeResult]:
    keys = context.instance.get_dynamic_partitions(report_files_partitions.name)
    reports = _staged_reports(warehouse, [k for k in keys if not is_statistics_file(k)])
    statistics = _staged_statistics(warehouse, [k for k in keys if is_statistics_file(k)])
    registry = load_registry(settings.ASSOCIATIONS_SEED)
    org_nrs = {association_id: a.org_nr for association_id, a in registry.items()}
    loaded = load_raw_tables(warehouse.build_path, reports, statistics, (org_nrs, _seen_at(warehouse)))
    write_build_info(warehouse.build_path, input_fingerprint(warehouse.raw_dir, keys, warehouse.limits))
    for source_file, error in loaded.problems:
        context.log.warning(f"{source_file}: {error}")
    for table, rows in loaded.counts.items():
        yield dg.MaterializeResult(asset_key=["raw", table], metadata={"rows": rows})


@contextmanager
def _warehouse_env(path: Path) -> Iterator[None]:
    """dbt's profile reads FINSAM_WAREHOUSE: hand it the resource's resolved path."""
    previous = os.environ.get("FINSAM_WAREHOUSE")
    os.environ["FINSAM_WAREHOUSE"] = str(path)
    try:
        yield
    finally:
        if previous is None:
            os.environ.pop("FINSAM_WAREHOUSE", None)
        else:
            os.environ["FINSAM_WAREHOUSE"] = previous


PARTIAL_PARSE_FILE = "partial_parse.msgpack"


def _copy_file(source: Path, destination: Path) -> None:
    """Copy where the source exists, through a temporary name (a reader never sees half a file)."""
    if source.is_file():
        destination.parent.mkdir(parents=True, exist_ok=True)
        partial = destination.with_name(destination.name + ".part")
        shutil.copyfile(source, partial)
        partial.replace(destination)


def _run_dbt(context: dg.AssetExecutionContext, dbt: DbtCliResource, warehouse: WarehouseResource) -> Iterator:
    """dbt build in a target folder of its own, starting from the last run's parse (dbt re-parses what changed)."""
    events: list = []
    cache = settings.dbt_parse_cache(warehouse.warehouse_path)
    with _warehouse_env(warehouse.warehouse_path), tempfile.TemporaryDirectory(prefix="finsam-dbt-") as target:
        _copy_file(cache, Path(target) / PARTIAL_PARSE_FILE)
        invocation = dbt.cli(["build"], context=context, target_path=Path(target))
        try:
            dbt_events(invocation, context, events)
        except Exception:
            yield from events  # what dbt built before it failed
            raise
        _copy_file(Path(target) / PARTIAL_PARSE_FILE, cache)
    yield from with_row_counts(events, invocation.manifest, warehouse.build_path)


DBT_TRANSLATOR = FolderGroupTranslator()


@dbt_assets(
    manifest=dbt_project.manifest_path,
    exclude=AFTER_RECONCILIATION,
    name="dbt_models",
    dagster_dbt_translator=DBT_TRANSLATOR,
)
def dbt_models(context: dg.AssetExecutionContext, dbt: DbtCliResource, warehouse: WarehouseResource):
    yield from _run_dbt(context, dbt, warehouse)


@dg.asset(
    key=CHECK_RESULTS_KEY,
    deps=[get_asset_key_for_model([dbt_models], "int_reconciliation_inputs")],
    group_name="reconciliation",
    check_specs=[
        dg.AssetCheckSpec(name, asset=CHECK_RESULTS_KEY, description=text, blocking=False)
        for name, text in RECONCILIATION_CHECKS.items()
    ],
    description="Every reconciliation, validated with Great Expectations; a failure is a finding.",
)
def reconciliation_check_results(
    context: dg.AssetExecutionContext, warehouse: WarehouseResource
) -> Iterator[dg.MaterializeResult | dg.AssetCheckResult]:
    from finsam_warehouse.reconciliation.gx_engine import ReconciliationRun, engine_version

    shutil.rmtree(warehouse.dq_report_build_dir, ignore_errors=True)  # a killed run's leftovers
    run = ReconciliationRun()
    # Checks whose inputs are as in the published warehouse keep their result from there.
    previous = None if warehouse.regrade_checks else warehouse.warehouse_path
    parts = grade_in_parts(warehouse.build_path, run.grade, previous, engine_version())
    tallies = tally_families(parts)
    run.build_data_docs(warehouse.dq_report_build_dir / "gx_data_docs")
    counts = sum((tally.counts for tally in tallies.values()), Counter[str]())
    totals = {"checks": counts.total(), "checks_graded_now": run.rows_graded}
    yield dg.MaterializeResult(metadata={f"checks_{k}": int(v) for k, v in counts.items()} | totals)
    for name in RECONCILIATION_CHECKS:
        family = tallies.get(name, FamilyTally()).outcome()  # a family with no rows is not passed
        yield dg.AssetCheckResult(
            check_name=name,
            passed=family.passed,
            severity=dg.AssetCheckSeverity.WARN,
            description=family.description,
            metadata=family.metadata,
        )


@dbt_assets(
    manifest=dbt_project.manifest_path,
    select=AFTER_RECONCILIATION,
    name="dbt_dq_reconciliation",
    dagster_dbt_translator=DBT_TRANSLATOR,
)
def dbt_dq_reconciliation(context: dg.AssetExecutionContext, dbt: DbtCliResource, warehouse: WarehouseResource):
    yield from _run_dbt(context, dbt, warehouse)


@dg.asset(
    deps=[get_asset_key_for_model([dbt_dq_reconciliation], DQ_RECONCILIATION_MODEL)],
    group_name="warehouse",
    description="The data-quality report and Parquet exports, then the build swapped in as the published warehouse.",
)
def published_warehouse(context: dg.AssetExecutionContext, warehouse: WarehouseResource) -> dg.MaterializeResult:
    from finsam_warehouse.reconciliation.report import write_dq_report_from_warehouse

    # The report is written beside the build and published right after it.
    docs_index = warehouse.dq_report_build_dir / "gx_data_docs" / "index.html"
    write_dq_report_from_warehouse(
        warehouse.build_path, warehouse.dq_report_build_dir / "index.html", docs_index if docs_index.exists() else None
    )
    exports_build = settings.exports_build_dir(warehouse.warehouse_path)
    write_exports(warehouse.build_path, exports_build)
    publish(warehouse.build_path, warehouse.warehouse_path)
    report_path = publish_report(warehouse.dq_report_build_dir, warehouse.dq_report_dir) / "index.html"
    exports_dir = publish_folder(exports_build, settings.exports_dir(warehouse.warehouse_path))
    summary = warehouse_summary(warehouse.warehouse_path)
    context.log.info(summary.text(report_path))
    return dg.MaterializeResult(
        metadata={
            "warehouse": dg.MetadataValue.path(str(warehouse.warehouse_path)),
            "dq_report": dg.MetadataValue.path(str(report_path)),
            "exports": dg.MetadataValue.path(str(exports_dir)),
            **summary.as_metadata(),
        }
    )
