"""Participant statistics files (SUS, Uppföljning Finsam exports): one partition per file.

They share the partitions of the reports (every file under the raw folder);
this asset reads the spreadsheets among them and stages what they hold. A file
is read again only when its bytes, the reader or its vocabulary change.
"""

import dagster as dg

from finsam_warehouse import progress, settings
from finsam_warehouse.orchestration.partitions import report_files_partitions
from finsam_warehouse.orchestration.report_assets import SINGLE_RUN, report_file
from finsam_warehouse.orchestration.resources import WarehouseResource
from finsam_warehouse.parsing.registry import load_registry
from finsam_warehouse.parsing.statistics import is_statistics_file, reader_version
from finsam_warehouse.warehouse.report_files import raw_file_sha256
from finsam_warehouse.warehouse.stale import statistics_read_holds
from finsam_warehouse.warehouse.statistics_files import (
    load_statistics,
    load_statistics_vocabulary,
    read_statistics,
    save_statistics,
)


@dg.asset(
    deps=[report_file],
    partitions_def=report_files_partitions,
    backfill_policy=SINGLE_RUN,
    group_name="reports",
    description="Participant figures of a statistics export (.xlsx, .csv), with sheet, row and column.",
)
def parsed_statistics(context: dg.AssetExecutionContext, warehouse: WarehouseResource) -> dg.MaterializeResult:
    registry = load_registry(settings.ASSOCIATIONS_SEED)
    vocabulary = load_statistics_vocabulary()
    version = reader_version(vocabulary)
    read = reused = errors = figures = 0
    keys = [key for key in context.partition_keys if is_statistics_file(key)]
    for key in keys:
        sha = raw_file_sha256(warehouse.raw_dir, key)
        statistics = load_statistics(warehouse.staging_dir, key)
        if statistics_read_holds(statistics, sha, version, registry):
            reused += 1
            outcome = "unchanged"
        else:
            statistics = read_statistics(warehouse.raw_dir, key, registry, vocabulary, warehouse.limits)
            save_statistics(warehouse.staging_dir, statistics)
            read += 1
            outcome = "read"
        assert statistics is not None
        if not statistics.ok:
            errors += 1
            context.log.error(f"{key}: {statistics.error_message}")
        figures += len(statistics.figures)
        context.add_asset_metadata(
            {"outcome": outcome, "error": statistics.error_message or "", "figures": len(statistics.figures)},
            partition_key=key,
        )
        progress.file_done("parsed_statistics", key, len(keys), outcome if statistics.ok else "error")
    context.log.info(f"{read} read, {reused} unchanged, {errors} with errors, {figures} figures")
    return dg.MaterializeResult()
