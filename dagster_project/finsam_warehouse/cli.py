"""`make run`: materialize every asset once, in one run, and print a summary.

Uses the Dagster instance in DAGSTER_HOME (the Makefile sets .dagster/), so the
run shows in the UI of `make dev` afterwards. One build at a time per
warehouse; when no file and no code changed since the published build, nothing
is rebuilt.
"""

import argparse
import sys
import time
from pathlib import Path

import dagster as dg

from finsam_warehouse import settings
from finsam_warehouse.definitions import defs
from finsam_warehouse.orchestration.jobs import nightly_warehouse_job
from finsam_warehouse.orchestration.runs import all_partitions_tags, fail_orphaned_runs, sync_partitions
from finsam_warehouse.warehouse.build_lock import BuildLocked, build_lock
from finsam_warehouse.warehouse.fingerprint import input_fingerprint, published_fingerprint
from finsam_warehouse.warehouse.isolation import configured_limits
from finsam_warehouse.warehouse.report_files import list_report_files
from finsam_warehouse.warehouse.summary import warehouse_summary


def run_once(instance: dg.DagsterInstance) -> dg.ExecuteInProcessResult | None:
    keys = sync_partitions(instance, list_report_files(settings.raw_dir()))
    if not keys:
        print(f"No report files in {settings.raw_dir()}: nothing to build.")
        return None
    job = defs.resolve_job_def(nightly_warehouse_job.name)
    return job.execute_in_process(
        instance=instance,
        tags=all_partitions_tags(keys),
        run_config={"loggers": {"console": {"config": {"log_level": "INFO"}}}},
        raise_on_error=False,
    )


def _arguments(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="make run",
        description="Build the warehouse from the raw folder (FINSAM_RAW_DIR) and publish it (FINSAM_WAREHOUSE).",
    )
    parser.add_argument("--force", action="store_true", help="build even if nothing changed since the last build")
    return parser.parse_args(argv)


def _unchanged(warehouse: Path) -> bool:
    keys = list_report_files(settings.raw_dir())
    published = published_fingerprint(warehouse)
    return published is not None and published == input_fingerprint(settings.raw_dir(), keys, configured_limits())


def main(argv: list[str] | None = None) -> int:
    arguments = _arguments(argv)
    started = time.monotonic()
    warehouse = settings.warehouse_path()
    try:
        with build_lock(warehouse), dg.DagsterInstance.get() as instance:
            for run_id in fail_orphaned_runs(instance, warehouse):
                print(f"Run {run_id} had lost its process (killed earlier); marked it failed.")
            if not arguments.force and _unchanged(warehouse):
                print(f"Nothing changed since the last build: {warehouse} is as it was (--force rebuilds).")
                return 0
            result = run_once(instance)
    except BuildLocked as exc:
        print(f"Not started: {exc}. Try again when it has finished.", file=sys.stderr)
        return 75  # EX_TEMPFAIL
    if result is None:
        return 1
    elapsed = time.monotonic() - started
    if not result.success:
        failed = [e for e in result.all_events if e.is_step_failure]
        print("\nThe build failed; the last published warehouse is unchanged.", file=sys.stderr)
        for event in failed:
            print(f"- step {event.step_key}: {event.event_specific_data.error.message.strip()[:800]}", file=sys.stderr)
        return 1
    summary = warehouse_summary(settings.warehouse_path())
    print("\n" + summary.text(settings.dq_report_dir() / "index.html"))
    print(f"Done in {elapsed:.0f} s.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
