"""The one job: every asset, from the report files to the published warehouse."""

import dagster as dg

from finsam_warehouse.orchestration.runs import WAREHOUSE_WRITER_TAG

nightly_warehouse_job = dg.define_asset_job(
    "nightly_warehouse_job",
    selection=dg.AssetSelection.all(),
    tags=WAREHOUSE_WRITER_TAG,
    # Runs of the schedule and the sensor run in one process, which holds the
    # build lock. `make run` runs this job on the executor of its settings
    # (orchestration/executors.py).
    executor_def=dg.in_process_executor,
    description="Read every report file, build the marts, reconcile, publish.",
)
