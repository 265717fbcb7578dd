"""Per-report work, one partition per file: the file checked, its text, its facts.

``report_file`` checks every file of its run in one step. Reading a file
(extraction, OCR, parsing) is done by ``read_one``, which the reading steps of
``orchestration/reading.py`` call for their chunk of files; all of it writes
to the staging folder only. A report that cannot be read is recorded with its
error, and the others go on.
"""

from dataclasses import dataclass

import dagster as dg

from finsam_warehouse import progress, settings
from finsam_warehouse.orchestration.partitions import report_files_partitions
from finsam_warehouse.orchestration.resources import WarehouseResource
from finsam_warehouse.parsing.extract import extract_text
from finsam_warehouse.parsing.models import ParsedReport, ReportError
from finsam_warehouse.parsing.registry import folder_mismatch, load_registry
from finsam_warehouse.parsing.report import (
    association_of,
    empty_report,
    extraction_version,
    file_sha256,
    parse_extracted,
    parser_version,
)
from finsam_warehouse.warehouse import staging
from finsam_warehouse.warehouse.isolation import IsolatedFailure, run_isolated
from finsam_warehouse.warehouse.report_files import raw_file_problem, raw_file_sha256
from finsam_warehouse.warehouse.stale import parse_holds, text_holds
from finsam_warehouse.warehouse.value_ranges import out_of_range_problem

SINGLE_RUN = dg.BackfillPolicy.single_run()
# The asset the warehouse build depends on; orchestration/reading.py materializes it.
parsed_report = dg.AssetKey("parsed_report")
STATEMENTS = ("income_statement", "balance_sheet", "cash_flow")


def report_metadata(report: ParsedReport, outcome: str) -> dict[str, object]:
    """What one report partition holds: facts per family and which statements were found."""
    found = {fact.statement for fact in report.statement_facts}
    return {
        "outcome": outcome,
        "error": report.error_message or "",
        "statement_facts": len(report.statement_facts),
        "note_lines": len(report.note_lines),
        "budget_lines": len(report.budget_lines),
        "participant_figures": len(report.participant_counts),
        "pages": report.page_count or 0,
        "statements_found": ", ".join(s for s in STATEMENTS if s in found),
        "statements_missing": ", ".join(s for s in STATEMENTS if s not in found),
    }


@dg.asset(
    partitions_def=report_files_partitions,
    backfill_policy=SINGLE_RUN,
    group_name="reports",
    description="A report file under the raw folder, checked against the association registry.",
)
def report_file(context: dg.AssetExecutionContext, warehouse: WarehouseResource) -> dg.MaterializeResult:
    registry = load_registry(settings.ASSOCIATIONS_SEED)
    problems: dict[str, str] = {}
    keys = context.partition_keys
    for key in keys:
        problem = raw_file_problem(warehouse.raw_dir, key)
        if not problem:
            try:
                association_of(key, registry)
            except ReportError as exc:
                problem = str(exc)
        if problem:
            problems[key] = problem
            context.log.error(f"{key}: {problem}")
        context.add_asset_metadata({"problem": problem or ""}, partition_key=key)
        progress.file_done("report_file", key, len(keys), "problem" if problem else "ok")
    context.log.info(f"{len(keys)} files, {len(problems)} with problems")
    return dg.MaterializeResult()


@dataclass(frozen=True)
class FileRead:
    """What reading one report file came to: small, handed from a reading step to the collecting one."""

    key: str
    text_outcome: str  # "extracted", "unchanged" or "unreadable"
    parse_outcome: str  # "parsed" or "unchanged"
    metadata: dict[str, object]  # report_metadata of the parse
    error: str  # why its text could not be extracted, or why its parse failed


def extract_one(warehouse: WarehouseResource, key: str) -> tuple[str, str]:
    """Extract and stage one file's text: ("extracted" | "unchanged" | "unreadable", error)."""
    path = warehouse.raw_dir / key
    if raw_file_problem(warehouse.raw_dir, key):
        return "unreadable", ""
    sha = file_sha256(path)
    if text_holds(staging.load_text(warehouse.staging_dir, key), sha):
        return "unchanged", ""
    version = extraction_version()
    try:
        text = run_isolated(extract_text, path, limits=warehouse.limits)
        staging.save_text(warehouse.staging_dir, key, sha, version, text)
        return "extracted", ""
    except IsolatedFailure as exc:
        staging.save_text(warehouse.staging_dir, key, sha, version, None, error=str(exc))
        return "unreadable", str(exc)


def _parse_one(key: str, sha: str, warehouse: WarehouseResource, registry: dict) -> ParsedReport:
    """Parse the staged text of a file whose current SHA-256 is ``sha`` ("" if it is gone)."""
    report = empty_report(key, sha)
    try:
        if not sha:
            raise ReportError(raw_file_problem(warehouse.raw_dir, key) or "the file is no longer in the raw folder")
        association_of(key, registry)
        staged = staging.load_text(warehouse.staging_dir, key)
        if staged is None or staged.source_sha256 != sha:
            raise ReportError("the file changed after its text was extracted; run its partition again")
        if staged.text is None:
            raise ReportError(staged.error or "the text could not be extracted")
        catalog = settings.PARSER_CATALOG
        report = run_isolated(parse_extracted, report, staged.text, catalog, limits=warehouse.limits)
        meta = report.metadata
        problem = out_of_range_problem(report) or folder_mismatch(
            report.association_id, meta.org_nr_printed if meta else None, registry
        )
        if problem:
            return empty_report(key, sha, problem)
    except (ReportError, IsolatedFailure) as exc:
        report.error_message = str(exc)
    return report


def parse_one(warehouse: WarehouseResource, registry: dict, key: str) -> tuple[ParsedReport, str]:
    """The staged parse of one file if it still holds, else a new one, staged: (report, outcome)."""
    previous = staging.load_parsed(warehouse.staging_dir, key)
    current_sha = raw_file_sha256(warehouse.raw_dir, key)
    version = parser_version(settings.PARSER_CATALOG)
    if parse_holds(previous, current_sha, version, registry):
        return previous, "unchanged"
    report = _parse_one(key, current_sha, warehouse, registry)
    report.parser_version = version  # also on a report that could not be read
    staging.save_parsed(warehouse.staging_dir, report)
    return report, "parsed"


def read_one(warehouse: WarehouseResource, registry: dict, key: str) -> FileRead:
    """Extract (or reuse) one report file's text, then parse (or reuse) it."""
    text_outcome, text_error = extract_one(warehouse, key)
    report, parse_outcome = parse_one(warehouse, registry, key)
    return FileRead(
        key=key,
        text_outcome=text_outcome,
        parse_outcome=parse_outcome,
        metadata=report_metadata(report, parse_outcome),
        error=text_error or report.error_message or "",
    )
