"""The one Dagster ``Definitions`` of the project (see pyproject's [tool.dagster])."""

import dagster as dg

from finsam_warehouse.orchestration.jobs import nightly_warehouse_job
from finsam_warehouse.orchestration.reading import read_reports
from finsam_warehouse.orchestration.report_assets import report_file
from finsam_warehouse.orchestration.resources import default_resources
from finsam_warehouse.orchestration.schedules import nightly_warehouse_schedule
from finsam_warehouse.orchestration.sensors import raw_folder_sensor
from finsam_warehouse.orchestration.statistics_assets import parsed_statistics
from finsam_warehouse.orchestration.warehouse_assets import (
    dbt_dq_reconciliation,
    dbt_models,
    published_warehouse,
    raw_tables,
    reconciliation_check_results,
)

ALL_ASSETS = [
    report_file,
    read_reports,
    parsed_statistics,
    raw_tables,
    dbt_models,
    reconciliation_check_results,
    dbt_dq_reconciliation,
    published_warehouse,
]

defs = dg.Definitions(
    assets=ALL_ASSETS,
    jobs=[nightly_warehouse_job],
    schedules=[nightly_warehouse_schedule],
    sensors=[raw_folder_sensor],
    resources=default_resources(),
)
