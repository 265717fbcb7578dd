"""`make run`: materialize every asset once, in one run, and print a summary.

Uses the Dagster instance in DAGSTER_HOME (the Makefile sets .dagster/), so the
run shows in the UI of `make dev` afterwards.
"""

import sys
import time

import dagster as dg

from finsam_warehouse import settings
from finsam_warehouse.definitions import defs
from finsam_warehouse.orchestration.jobs import nightly_warehouse_job
from finsam_warehouse.orchestration.runs import all_partitions_tags, sync_partitions
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


def main() -> int:
    started = time.monotonic()
    with dg.DagsterInstance.get() as instance:
        result = run_once(instance)
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
