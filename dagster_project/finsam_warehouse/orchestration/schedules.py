"""The nightly schedule: the whole job over every report file, 02:00 Stockholm time."""

import dagster as dg

from finsam_warehouse import settings
from finsam_warehouse.orchestration.jobs import nightly_warehouse_job
from finsam_warehouse.orchestration.runs import all_partitions_tags, fail_orphaned_runs, sync_partitions
from finsam_warehouse.warehouse.fingerprint import input_fingerprint, published_fingerprint
from finsam_warehouse.warehouse.isolation import configured_limits
from finsam_warehouse.warehouse.report_files import list_report_files


@dg.schedule(
    job=nightly_warehouse_job,
    cron_schedule="0 2 * * *",
    execution_timezone="Europe/Stockholm",
    default_status=dg.DefaultScheduleStatus.RUNNING,
    description="Every night at 02:00 Europe/Stockholm: rebuild and publish the warehouse.",
)
def nightly_warehouse_schedule(context: dg.ScheduleEvaluationContext) -> dg.RunRequest | dg.SkipReason:
    for run_id in fail_orphaned_runs(context.instance, settings.warehouse_path()):
        context.log.warning(f"run {run_id} had lost its process; marked failed")
    keys = sync_partitions(context.instance, list_report_files(settings.raw_dir()))
    if not keys:
        return dg.SkipReason(f"no report files in {settings.raw_dir()}")
    fingerprint = input_fingerprint(settings.raw_dir(), keys, configured_limits())
    if fingerprint == published_fingerprint(settings.warehouse_path()):
        return dg.SkipReason("nothing changed since the published build")
    scheduled = context.scheduled_execution_time
    return dg.RunRequest(
        run_key=f"nightly-{scheduled.date().isoformat()}" if scheduled else None,
        tags=all_partitions_tags(keys),
    )
