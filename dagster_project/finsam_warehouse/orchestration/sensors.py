"""The sensor: a new, changed or removed file in the raw folder asks for a run."""

import hashlib
import json

import dagster as dg

from finsam_warehouse import settings
from finsam_warehouse.orchestration.jobs import nightly_warehouse_job
from finsam_warehouse.orchestration.partitions import report_files_partitions
from finsam_warehouse.orchestration.runs import (
    WAREHOUSE_WRITER_TAG,
    all_partitions_tags,
    fail_orphaned_runs,
    partition_changes,
)
from finsam_warehouse.warehouse.fingerprint import input_fingerprint, published_fingerprint
from finsam_warehouse.warehouse.isolation import configured_limits
from finsam_warehouse.warehouse.report_files import list_report_files, raw_file_sha256


@dg.sensor(
    job=nightly_warehouse_job,
    minimum_interval_seconds=60,
    default_status=dg.DefaultSensorStatus.RUNNING,
    description="Watches the raw folder; the cursor remembers each file's SHA-256. Files that match the"
    " published build start nothing.",
)
def raw_folder_sensor(context: dg.SensorEvaluationContext) -> dg.SensorResult:
    for run_id in fail_orphaned_runs(context.instance, settings.warehouse_path()):
        context.log.warning(f"run {run_id} had lost its process; marked failed")
    raw = settings.raw_dir()
    seen: dict[str, str] = json.loads(context.cursor) if context.cursor else {}
    current = {key: raw_file_sha256(raw, key) for key in list_report_files(raw)}
    changed = sorted(key for key, sha in current.items() if seen.get(key) != sha)
    removed = sorted(set(seen) - set(current))
    if not changed and not removed:
        return dg.SensorResult(skip_reason="no new, changed or removed report files")
    state = json.dumps(current, sort_keys=True)

    registered = context.instance.get_dynamic_partitions(report_files_partitions.name)
    to_add, to_delete = partition_changes(registered, sorted(current))
    requests: list[dg.AddDynamicPartitionsRequest | dg.DeleteDynamicPartitionsRequest] = []
    if to_add:
        requests.append(report_files_partitions.build_add_request(to_add))
    if to_delete:
        requests.append(report_files_partitions.build_delete_request(to_delete))
    if current and published_fingerprint(settings.warehouse_path()) == input_fingerprint(
        raw, list(current), configured_limits()
    ):
        # e.g. the first tick after `make run`: the published build is of these very files.
        return dg.SensorResult(
            skip_reason="the files match the published build", cursor=state, dynamic_partitions_requests=requests
        )

    run_key = hashlib.sha256(state.encode()).hexdigest()[:16]
    if len(changed) == 1 and not removed:
        # One file: parse just that one, then rebuild from the staged others.
        run = dg.RunRequest(run_key=run_key, partition_key=changed[0], tags=WAREHOUSE_WRITER_TAG)
    elif current:
        # Several: one run over all partitions; unchanged files reuse their staged parse.
        keys = [k for k in registered if k in current] + [k for k in to_add if k not in registered]
        run = dg.RunRequest(run_key=run_key, tags=all_partitions_tags(keys))
    else:
        return dg.SensorResult(
            skip_reason="the raw folder is empty", cursor=state, dynamic_partitions_requests=requests
        )
    context.log.info(f"changed: {changed}; removed: {removed}")
    return dg.SensorResult(run_requests=[run], cursor=state, dynamic_partitions_requests=requests)
