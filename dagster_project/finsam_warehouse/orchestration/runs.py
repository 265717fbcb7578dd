"""Run requests, partition bookkeeping and recovery shared by the schedule, the sensor and `make run`."""

import os
import socket
import time
from pathlib import Path

import dagster as dg

from finsam_warehouse.orchestration.partitions import report_files_partitions
from finsam_warehouse.warehouse import build_lock

# Dagster's tags for a single run over a range of partitions.
PARTITION_RANGE_START_TAG = "dagster/asset_partition_range_start"
PARTITION_RANGE_END_TAG = "dagster/asset_partition_range_end"
# The build file has one writer: runs carrying this tag are queued one at a time
# (see dagster_home/dagster.yaml).
WAREHOUSE_WRITER_TAG = {"finsam/warehouse_writer": "true"}
# The process that runs a build, so that a run whose process died can be told apart.
RUN_PID_TAG = "finsam/pid"
RUN_HOST_TAG = "finsam/host"
# A writer run with no process recorded yet is given this long to record one.
UNRECORDED_GRACE_SECONDS = 600


def all_partitions_tags(partition_keys: list[str]) -> dict[str, str]:
    """Tags for one run over every report partition, in the order Dagster keeps them."""
    return {
        PARTITION_RANGE_START_TAG: partition_keys[0],
        PARTITION_RANGE_END_TAG: partition_keys[-1],
        **WAREHOUSE_WRITER_TAG,
    }


def partition_changes(registered: list[str], present: list[str]) -> tuple[list[str], list[str]]:
    """(to add, to delete) so that the partitions are the files present."""
    registered_set, present_set = set(registered), set(present)
    return (
        [key for key in present if key not in registered_set],
        [key for key in registered if key not in present_set],
    )


def sync_partitions(instance: dg.DagsterInstance, present: list[str]) -> list[str]:
    """Make the registered partitions match the files; return them in Dagster's order."""
    name = report_files_partitions.name
    to_add, to_delete = partition_changes(instance.get_dynamic_partitions(name), present)
    if to_add:
        instance.add_dynamic_partitions(name, to_add)
    for key in to_delete:
        instance.delete_dynamic_partition(name, key)
    return instance.get_dynamic_partitions(name)


def run_process_tags(pid: int | None = None, host: str | None = None) -> dict[str, str]:
    """Tags naming the process that holds a run's build lock (this one by default)."""
    return {RUN_PID_TAG: str(pid or os.getpid()), RUN_HOST_TAG: host or socket.gethostname()}


def _process_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _is_orphan(instance: dg.DagsterInstance, run: dg.DagsterRun) -> bool:
    if run.tags.get(RUN_HOST_TAG, socket.gethostname()) != socket.gethostname():
        return False  # another machine's run: its own instance recovers it
    pid = run.tags.get(RUN_PID_TAG)
    if pid:
        return not _process_alive(int(pid))
    record = instance.get_run_record_by_id(run.run_id)
    started = record.start_time if record and record.start_time else time.time()
    return time.time() - started > UNRECORDED_GRACE_SECONDS


def fail_orphaned_runs(instance: dg.DagsterInstance, warehouse: Path) -> list[str]:
    """Mark failed the writer runs left STARTED by a process that died (kill -9, power loss).

    Such a run would hold the one-writer slot forever and keep every queued run
    waiting. Only runs of this machine, and only while no build holds the lock.
    """
    if build_lock.is_building(warehouse):
        return []
    in_progress = instance.get_runs(dg.RunsFilter(statuses=[dg.DagsterRunStatus.STARTED], tags=WAREHOUSE_WRITER_TAG))
    failed = []
    for run in in_progress:
        if _is_orphan(instance, run):
            instance.report_run_failed(
                run, "The run's process is gone (killed or crashed); marked failed so that the next run can start."
            )
            failed.append(run.run_id)
    return failed
