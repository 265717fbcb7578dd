"""How dbt's models appear in Dagster: grouped by folder, tables with their row counts.

The tests of the marts (the tables analysts query) are Dagster asset checks. The
tests of seeds, staging and intermediate models run in the same ``dbt build``
(a failing one fails it) and are counted on their model's materialization
instead: one event per test costs more than the rest of a one-file rebuild's
dbt step in Dagster's event log.
"""

from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any

import dagster as dg
import duckdb
from dagster_dbt import DagsterDbtTranslator, DbtCliInvocation, DbtProject

# Materializations whose rows are counted after a build (views would run their query).
COUNTED = {"table", "seed", "incremental"}
CHECKED_GROUP = "marts"  # the folder whose dbt tests are asset checks


class FolderGroupTranslator(DagsterDbtTranslator):
    """dbt assets grouped by their folder under models/ (staging, intermediate, marts), seeds apart."""

    def get_group_name(self, dbt_resource_props: Mapping[str, Any]) -> str | None:
        if dbt_resource_props["resource_type"] == "seed":
            return "seeds"
        fqn = dbt_resource_props.get("fqn", [])
        return fqn[1] if len(fqn) > 2 else "dbt"

    def get_asset_check_spec(
        self, asset_spec: dg.AssetSpec, manifest: Mapping[str, Any], unique_id: str, project: DbtProject | None
    ) -> dg.AssetCheckSpec | None:
        if asset_spec.group_name != CHECKED_GROUP:
            return None  # counted on the model's materialization (``dbt_events``)
        return super().get_asset_check_spec(asset_spec, manifest, unique_id, project)


def _tested_node(manifest: Mapping[str, Any], unique_id: str | None) -> str | None:
    """The model or seed a test outside the checked group tests; None for anything else."""
    if not unique_id or not unique_id.startswith("test."):
        return None
    test = manifest["nodes"].get(unique_id, {})
    parents = test.get("depends_on", {}).get("nodes", [])
    attached = test.get("attached_node") or (parents[0] if len(parents) == 1 else None)  # a singular test's one model
    node = manifest["nodes"].get(attached or "")
    if node is None or FolderGroupTranslator().get_group_name(node) == CHECKED_GROUP:
        return None
    return attached


def dbt_events(invocation: DbtCliInvocation, context: dg.AssetExecutionContext, into: list) -> None:
    """dbt's events as Dagster events, appended to ``into`` as they come (so that a failed
    build keeps what it built); the results of tests that are no asset check are counted
    per model onto its materialization's metadata (``dbt_tests_<status>``)."""
    manifest = invocation.manifest
    tests: dict[str, Counter[str]] = defaultdict(Counter)
    for event in invocation.stream_raw_events():
        data = event.raw_event["data"]
        unique_id = data.get("node_info", {}).get("unique_id")
        tested = _tested_node(manifest, unique_id)
        if tested is not None:
            if event.is_result_event:
                status = str(data.get("run_result", {}).get("status") or data["node_info"]["node_status"])
                tests[tested][status] += 1
                if status != "pass":  # a warn (or a failure, which also fails the build) is said in the log
                    context.log.warning(f"dbt test {unique_id} on {tested}: {status}")
            continue
        into.extend(
            event.to_default_asset_events(
                manifest=manifest,
                dagster_dbt_translator=invocation.dagster_dbt_translator,
                context=context,
                target_path=invocation.target_path,
                project=invocation.project,
            )
        )
    for index, event in enumerate(into):
        unique_id = event.metadata.get("unique_id") if isinstance(event, dg.Output) else None
        if unique_id is not None and unique_id.value in tests:
            counts = {f"dbt_tests_{status}": n for status, n in sorted(tests[unique_id.value].items())}
            into[index] = event.with_metadata({**event.metadata, **counts})


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
