"""A build from the command line: every file, one association's or one file, in Dagster runs.

The warehouse is one file, always built whole. A first build (or --force) is
one run over every file. After that, a build reads only the files whose staged
reads no longer hold (new, changed, or read by older code): one file is one run
over its partition (as the sensor asks for); several are one reading run over
the span of partitions that holds them, then one run from the raw tables on.
A build of one association or one file reads those files, and any other whose
staged read no longer holds, so that the published build is of the files as
they are.
"""

from __future__ import annotations

import sys
import time
from contextlib import AbstractContextManager, nullcontext
from pathlib import Path

import dagster as dg

from finsam_warehouse import settings
from finsam_warehouse.console import BuildDisplay, showing
from finsam_warehouse.definitions import ALL_ASSETS
from finsam_warehouse.orchestration.event_feed import RunEventFeed
from finsam_warehouse.orchestration.executors import (
    ExecutorChoice,
    configured_executor,
    reconstructable_warehouse_job,
)
from finsam_warehouse.orchestration.resources import configured_chunk_files
from finsam_warehouse.orchestration.runs import (
    PARTITION_RANGE_END_TAG,
    PARTITION_RANGE_START_TAG,
    WAREHOUSE_WRITER_TAG,
    all_partitions_tags,
    fail_orphaned_runs,
    sync_partitions,
)
from finsam_warehouse.parsing.registry import load_registry
from finsam_warehouse.warehouse.build_lock import BuildLocked, build_lock, holder_of_this_process
from finsam_warehouse.warehouse.fingerprint import input_fingerprint, published_fingerprint
from finsam_warehouse.warehouse.isolation import configured_limits
from finsam_warehouse.warehouse.report_files import list_report_files
from finsam_warehouse.warehouse.stale import stale_files
from finsam_warehouse.warehouse.summary import warehouse_summary

PARTITION_TAG = "dagster/partition"
READING_ASSETS = [key for asset in ALL_ASSETS if asset.partitions_def is not None for key in asset.keys]
WAREHOUSE_ASSETS = [key for asset in ALL_ASSETS if asset.partitions_def is None for key in asset.keys]
EX_TEMPFAIL = 75


def _run_config(force: bool) -> dict:
    """The settings of this build, handed to every step wherever it runs (a Dask worker has its own environment).

    ``force``: every check graded again, none kept from the published warehouse.
    """
    limits = configured_limits()
    warehouse = {
        "warehouse": str(settings.warehouse_path()),
        "raw": str(settings.raw_dir()),
        "parse_seconds": limits.seconds,
        "parse_memory_mb": limits.memory_bytes // 1024**2,
        "chunk_files": configured_chunk_files(),
        "lock_holder": holder_of_this_process(),
        "regrade_checks": force,
    }
    return {"loggers": {"progress": {}}, "resources": {"warehouse": {"config": warehouse}}}


def _runs(
    instance: dg.DagsterInstance, keys: list[str], only: list[str] | None, executor: ExecutorChoice, force: bool
) -> list[dg.JobExecutionResult]:
    """Run the job: over every file, over one file, or reading ``only`` these files then building."""
    job = reconstructable_warehouse_job(executor)
    run_config = _run_config(force)

    def run(tags: dict[str, str], selection: list[dg.AssetKey] | None = None) -> dg.JobExecutionResult:
        return dg.execute_job(job, instance, run_config=run_config, tags=tags, asset_selection=selection)

    if only is None:
        return [run(all_partitions_tags(keys))]
    if len(only) == 1:
        return [run({PARTITION_TAG: only[0], **WAREHOUSE_WRITER_TAG})]
    results = []
    if only:  # one reading run over the span of partitions that holds them
        position = {key: n for n, key in enumerate(keys)}
        span = sorted(position[key] for key in only)
        reading = run(
            {PARTITION_RANGE_START_TAG: keys[span[0]], PARTITION_RANGE_END_TAG: keys[span[-1]]}, READING_ASSETS
        )
        results.append(reading)
        if not reading.success:
            return results
    results.append(run(WAREHOUSE_WRITER_TAG, WAREHOUSE_ASSETS))
    return results


def _feed(instance: dg.DagsterInstance, display: BuildDisplay, executor: ExecutorChoice) -> AbstractContextManager:
    """The display's feed of events from step processes; in-process, Dagster's logger is its feed."""
    return nullcontext() if executor.kind == "in_process" else RunEventFeed(instance, display)


def _stale(keys: list[str]) -> list[str]:
    registry = load_registry(settings.ASSOCIATIONS_SEED)
    return stale_files(settings.staging_dir(), settings.raw_dir(), keys, registry, settings.PARSER_CATALOG)


def _files_to_read(keys: list[str], association: str | None, file: str | None, force: bool) -> list[str] | None:
    """None for every file; else the files to read, or SystemExit with the reason.

    A build of everything over a published warehouse reads only the files whose
    staged reads no longer hold (none: it rebuilds from the raw tables on).
    """
    if association is None and file is None:
        if force or not settings.warehouse_path().exists():
            return None
        stale = _stale(keys)
        if len(stale) == len(keys):
            return None
        if stale:
            print(f"Reading {len(stale)} new or changed of {len(keys)} files; the others' reads still hold.")
        else:
            print(f"No file of {len(keys)} is new or changed: building from their staged reads.")
        return stale
    chosen = [file] if file else [k for k in keys if k.split("/", 1)[0] == association]
    if not chosen or (file and file not in keys):
        raise SystemExit(
            f"No such {'file' if file else 'association folder'} in {settings.raw_dir()}: {file or association}"
        )
    out_of_date = _stale([k for k in keys if k not in chosen])
    if out_of_date:
        print(f"Also reading {len(out_of_date)} other changed files: {', '.join(out_of_date[:5])}")
    return chosen + out_of_date


def _report_failure(results: list[dg.JobExecutionResult]) -> int:
    print("\nThe build failed; the last published warehouse is unchanged.", file=sys.stderr)
    for event in (e for result in results for e in result.all_events if e.is_step_failure):
        print(f"- step {event.step_key}: {event.event_specific_data.error.message.strip()[:800]}", file=sys.stderr)
    return 1


def build(association: str | None = None, file: str | None = None, force: bool = False, verbose: bool = False) -> int:
    started = time.monotonic()
    warehouse: Path = settings.warehouse_path()
    executor = configured_executor()
    try:
        with build_lock(warehouse), dg.DagsterInstance.get() as instance:
            for run_id in fail_orphaned_runs(instance, warehouse):
                print(f"Run {run_id} had lost its process (killed earlier); marked it failed.")
            keys = sync_partitions(instance, list_report_files(settings.raw_dir()))
            if not keys:
                print(f"No report files in {settings.raw_dir()}: nothing to build.")
                return 1
            if not force and published_fingerprint(warehouse) == input_fingerprint(
                settings.raw_dir(), keys, configured_limits()
            ):
                print(f"Nothing changed since the last build: {warehouse} is as it was (--force rebuilds).")
                return 0
            only = _files_to_read(keys, association, file, force)
            with BuildDisplay(verbose) as display, showing(display), _feed(instance, display, executor):
                results = _runs(instance, keys, only, executor, force)
    except BuildLocked as exc:
        print(f"Not started: {exc}. Try again when it has finished.", file=sys.stderr)
        return EX_TEMPFAIL
    if not all(result.success for result in results):
        return _report_failure(results)
    print("\n" + warehouse_summary(warehouse).text(settings.dq_report_dir(warehouse) / "index.html"))
    print(f"Exports (Parquet): {settings.exports_dir(warehouse)}")
    print(f"Done in {time.monotonic() - started:.0f} s.")
    return 0
