"""How dbt's models appear in Dagster: grouped by folder, tables with their row counts."""

from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any

import dagster as dg
import duckdb
from dagster_dbt import DagsterDbtTranslator

# Materializations whose rows are counted after a build (views would run their query).
COUNTED = {"table", "seed", "incremental"}


class FolderGroupTranslator(DagsterDbtTranslator):
    """dbt assets grouped by their folder under models/ (staging, intermediate, marts), seeds apart."""

    def get_group_name(self, dbt_resource_props: Mapping[str, Any]) -> str | None:
        if dbt_resource_props["resource_type"] == "seed":
            return "seeds"
        fqn = dbt_resource_props.get("fqn", [])
        return fqn[1] if len(fqn) > 2 else "dbt"


def _counted_relations(manifest: Mapping[str, Any]) -> dict[str, str]:
    """unique_id → "schema"."name" of every counted model and seed."""
    relations = {}
    for unique_id, node in manifest["nodes"].items():
        if node["resource_type"] in {"model", "seed"} and node["config"].get("materialized") in COUNTED:
            relations[unique_id] = f'"{node["schema"]}"."{node.get("alias") or node["name"]}"'
    return relations


def _row_counts(build_path: Path, relations: Iterable[str]) -> dict[str, int]:
    con = duckdb.connect(str(build_path), read_only=True)
    try:
        return {relation: con.execute(f"SELECT count(*) FROM {relation}").fetchone()[0] for relation in relations}
    finally:
        con.close()


def with_row_counts(events: list, manifest: Mapping[str, Any], build_path: Path) -> Iterator:
    """dbt's events, each built table's materialization carrying its row count.

    Counted once dbt has exited: while it runs, its process holds the build file.
    """
    relations = _counted_relations(manifest)
    built = {
        e.metadata["unique_id"].value: relations[e.metadata["unique_id"].value]
        for e in events
        if isinstance(e, dg.Output) and "unique_id" in e.metadata and e.metadata["unique_id"].value in relations
    }
    counts = _row_counts(build_path, set(built.values())) if built else {}
    for event in events:
        unique_id = event.metadata.get("unique_id") if isinstance(event, dg.Output) else None
        if unique_id is not None and unique_id.value in built:
            event = event.with_metadata({**event.metadata, "dagster/row_count": counts[built[unique_id.value]]})
        yield event
