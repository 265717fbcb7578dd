"""Reading the reports of a run, spread over steps the executor can run in parallel.

One graph-backed asset pair, ``report_text`` and ``parsed_report``, one
partition per file: a step splits the run's report files into chunks (at most
``WarehouseResource.chunk_size`` files each, largest files first, the chunks
smaller towards the end: ``warehouse/read_chunks.py``), one mapped step per chunk
extracts and parses its files (writing the staging folder, returning small
summaries), and one step collects the summaries into per-partition metadata.
Only the later, single ``raw_tables`` step writes DuckDB.
"""

import os
from collections.abc import Iterator

import dagster as dg

from finsam_warehouse import progress, settings
from finsam_warehouse.orchestration.partitions import report_files_partitions
from finsam_warehouse.orchestration.report_assets import SINGLE_RUN, FileRead, read_one
from finsam_warehouse.orchestration.resources import WarehouseResource
from finsam_warehouse.parsing.registry import load_registry
from finsam_warehouse.parsing.statistics import is_statistics_file
from finsam_warehouse.warehouse.read_chunks import plan_read_chunks

TEXT_OUTCOMES = ("extracted", "unchanged", "unreadable")


@dg.op(ins={"report_file": dg.In(dg.Nothing)}, out=dg.DynamicOut(list[str]))
def plan_chunks(context: dg.OpExecutionContext, warehouse: WarehouseResource) -> Iterator[dg.DynamicOutput]:
    """The run's report files (statistics files are read by parsed_statistics) in chunks.

    Always at least one chunk, possibly empty, so that the collecting step runs.
    The executor starts them in this order, largest first.
    """
    keys = [key for key in context.partition_keys if not is_statistics_file(key)]
    sizes = {key: _size(warehouse, key) for key in keys}
    workers = os.cpu_count() or 1
    chunks = plan_read_chunks(sizes, warehouse.chunk_size, workers) or [[]]
    context.log.info(
        f"{len(keys)} report files in {len(chunks)} chunks of up to {warehouse.chunk_size}, for {workers} workers"
    )
    for number, chunk in enumerate(chunks):
        yield dg.DynamicOutput(chunk, mapping_key=f"chunk_{number}")


def _size(warehouse: WarehouseResource, key: str) -> int:
    """The file's size in bytes (a link is not followed); 0 if it is gone."""
    try:
        return (warehouse.raw_dir / key).lstat().st_size
    except OSError:
        return 0


@dg.op
def read_chunk(context: dg.OpExecutionContext, warehouse: WarehouseResource, files: list[str]) -> list[FileRead]:
    """Extract and parse each file of the chunk, each in its own bounded process."""
    registry = load_registry(settings.ASSOCIATIONS_SEED)
    step = context.get_step_execution_context().step.key
    total = sum(not is_statistics_file(key) for key in context.partition_keys)
    reads = []
    for key in files:
        read = read_one(warehouse, registry, key)
        if read.error:
            context.log.error(f"{key}: {read.error}")
        progress.file_done(step, key, total, read.parse_outcome if not read.error else "error")
        reads.append(read)
    return reads


@dg.op(out={"report_text": dg.Out(dg.Nothing), "parsed_report": dg.Out(dg.Nothing)})
def record_reads(context: dg.AssetExecutionContext, chunks: list[list[FileRead]]) -> Iterator[dg.Output]:
    """Each file's outcome as the metadata of its partition of both assets."""
    reads = [read for chunk in chunks for read in chunk]
    for read in reads:
        context.add_asset_metadata({"outcome": read.text_outcome}, asset_key="report_text", partition_key=read.key)
        context.add_asset_metadata(read.metadata, asset_key="parsed_report", partition_key=read.key)
    texts = ", ".join(f"{sum(r.text_outcome == o for r in reads)} {o}" for o in TEXT_OUTCOMES)
    parsed = sum(r.parse_outcome == "parsed" for r in reads)
    errors = sum(bool(r.metadata["error"]) for r in reads)
    facts = sum(int(r.metadata["statement_facts"]) for r in reads)  # type: ignore[call-overload]
    context.log.info(f"text: {texts}; {parsed} parsed, {len(reads) - parsed} unchanged, {errors} with errors")
    context.log.info(f"{facts} statement facts")
    yield dg.Output(None, "report_text")
    yield dg.Output(None, "parsed_report")


@dg.graph_multi_asset(
    name="read_reports",
    outs={
        "report_text": dg.AssetOut(
            dagster_type=dg.Nothing,
            description="The report's text with a page and line map (PDF text layer or text file).",
        ),
        "parsed_report": dg.AssetOut(
            dagster_type=dg.Nothing,
            description="Facts parsed from the report's text, with provenance (file, page, line, raw text).",
        ),
    },
    ins={"report_file": dg.AssetIn(dagster_type=dg.Nothing)},
    partitions_def=report_files_partitions,
    backfill_policy=SINGLE_RUN,
    group_name="reports",
)
def read_reports(report_file) -> dict[str, object]:
    reads = plan_chunks(report_file).map(read_chunk).collect()
    report_text, parsed_report = record_reads(reads)
    return {"report_text": report_text, "parsed_report": parsed_report}
