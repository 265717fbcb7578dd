"""Per-report assets, one partition per file: the file, its text, its facts.

Each runs for the partitions of its run (one file, or a range in a single run)
and writes to the staging folder only; parsing runs in parallel safely.
A report that cannot be read is recorded with its error, and the others go on.
"""

import dagster as dg

from finsam_warehouse import progress, settings
from finsam_warehouse.orchestration.partitions import report_files_partitions
from finsam_warehouse.orchestration.resources import WarehouseResource
from finsam_warehouse.parsing.extract import extract_text
from finsam_warehouse.parsing.models import ParsedReport, ReportError
from finsam_warehouse.parsing.registry import folder_mismatch, load_registry
from finsam_warehouse.parsing.statistics import is_statistics_file
from finsam_warehouse.parsing.report import (
    association_of,
    empty_report,
    extraction_version,
    file_sha256,
    parse_extracted,
    parser_version,
)
from finsam_warehouse.warehouse import staging
from finsam_warehouse.warehouse.report_files import raw_file_problem, raw_file_sha256
from finsam_warehouse.warehouse.isolation import IsolatedFailure, run_isolated
from finsam_warehouse.warehouse.value_ranges import out_of_range_problem

SINGLE_RUN = dg.BackfillPolicy.single_run()
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


@dg.asset(
    deps=[report_file],
    partitions_def=report_files_partitions,
    backfill_policy=SINGLE_RUN,
    group_name="reports",
    description="The report's text with a page and line map (PDF text layer or text file).",
)
def report_text(context: dg.AssetExecutionContext, warehouse: WarehouseResource) -> dg.MaterializeResult:
    keys = [key for key in context.partition_keys if not is_statistics_file(key)]  # else parsed_statistics
    outcomes = {"extracted": 0, "unchanged": 0, "unreadable": 0}
    for key in keys:
        outcome = _extract_one(context, warehouse, key)
        outcomes[outcome] += 1
        context.add_asset_metadata({"outcome": outcome}, partition_key=key)
        progress.file_done("report_text", key, len(keys), outcome)
    context.log.info(", ".join(f"{n} {outcome}" for outcome, n in outcomes.items()))
    return dg.MaterializeResult()


def _extract_one(context: dg.AssetExecutionContext, warehouse: WarehouseResource, key: str) -> str:
    """Extract and stage one file's text: "extracted", "unchanged" or "unreadable"."""
    path = warehouse.raw_dir / key
    if raw_file_problem(warehouse.raw_dir, key):
        return "unreadable"
    sha = file_sha256(path)
    staged = staging.load_text(warehouse.staging_dir, key)
    # Keyed on the extraction code only: a parser or catalog change never extracts (or OCRs) again.
    version = extraction_version()
    if staged and staged.source_sha256 == sha and staged.parser_version == version:
        return "unchanged"
    try:
        text = run_isolated(extract_text, path, limits=warehouse.limits)
        staging.save_text(warehouse.staging_dir, key, sha, version, text)
        return "extracted"
    except IsolatedFailure as exc:
        context.log.error(f"{key}: {exc}")
        staging.save_text(warehouse.staging_dir, key, sha, version, None, error=str(exc))
        return "unreadable"


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


@dg.asset(
    deps=[report_text],
    partitions_def=report_files_partitions,
    backfill_policy=SINGLE_RUN,
    group_name="reports",
    description="Facts parsed from the report's text, with provenance (file, page, line, raw text).",
)
def parsed_report(context: dg.AssetExecutionContext, warehouse: WarehouseResource) -> dg.MaterializeResult:
    registry = load_registry(settings.ASSOCIATIONS_SEED)
    version = parser_version(settings.PARSER_CATALOG)
    parsed = reused = errors = facts = 0
    keys = [key for key in context.partition_keys if not is_statistics_file(key)]  # else parsed_statistics
    for key in keys:
        previous = staging.load_parsed(warehouse.staging_dir, key)
        current_sha = raw_file_sha256(warehouse.raw_dir, key)
        if (
            previous is not None
            and previous.source_sha256 == current_sha
            and previous.parser_version == version
            and previous.association_id in registry
        ):
            report = previous
            reused += 1
        else:
            report = _parse_one(key, current_sha, warehouse, registry)
            report.parser_version = version  # also on a report that could not be read
            staging.save_parsed(warehouse.staging_dir, report)
            parsed += 1
        if not report.ok:
            errors += 1
            context.log.error(f"{key}: {report.error_message}")
        facts += len(report.statement_facts)
        outcome = "unchanged" if report is previous else "parsed"
        context.add_asset_metadata(report_metadata(report, outcome), partition_key=key)
        progress.file_done("parsed_report", key, len(keys), outcome if report.ok else "error")
    context.log.info(f"{parsed} parsed, {reused} unchanged, {errors} with errors, {facts} statement facts")
    return dg.MaterializeResult()
