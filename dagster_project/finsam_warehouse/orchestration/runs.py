"""Run requests and partition bookkeeping shared by the schedule, the sensor and `make run`."""

import dagster as dg

from finsam_warehouse.orchestration.partitions import report_files_partitions

# Dagster's tags for a single run over a range of partitions.
PARTITION_RANGE_START_TAG = "dagster/asset_partition_range_start"
PARTITION_RANGE_END_TAG = "dagster/asset_partition_range_end"
# The build file has one writer: runs carrying this tag are queued one at a time
# (see dagster_home/dagster.yaml).
WAREHOUSE_WRITER_TAG = {"finsam/warehouse_writer": "true"}


def all_partitions_tags(partition_keys: list[str]) -> dict[str, str]:
    """Tags for one run over every report partition, in the order Dagster keeps them."""
    return {
        PARTITION_RANGE_START_TAG: partition_keys[0],
        PARTITION_RANGE_END_TAG: partition_keys[-1],
        **WAREHOUSE_WRITER_TAG,
    }


def partition_changes(
    registered: list[str], present: list[str]
) -> tuple[list[str], list[str]]:
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
