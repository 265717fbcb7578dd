"""The one job: every asset, from the report files to the published warehouse."""

import dagster as dg

from finsam_warehouse.orchestration.runs import WAREHOUSE_WRITER_TAG

nightly_warehouse_job = dg.define_asset_job(
    "nightly_warehouse_job",
    selection=dg.AssetSelection.all(),
    tags=WAREHOUSE_WRITER_TAG,
    # One process per run: it holds the build lock, and each file is read in
    # its own bounded child process anyway.
    executor_def=dg.in_process_executor,
    description="Read every report file, build the marts, reconcile, publish.",
)
