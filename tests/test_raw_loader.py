"""The raw load: reports streamed into DuckDB a batch at a time, copies of the same content loaded once."""

from __future__ import annotations

import copy
from pathlib import Path

import duckdb
import pytest
from finsam_warehouse import settings
from finsam_warehouse.parsing import ParsedReport, parse_report
from finsam_warehouse.parsing.registry import load_registry
from finsam_warehouse.parsing.report import report_id_for
from finsam_warehouse.warehouse.raw_loader import load_raw_tables
from finsam_warehouse.warehouse.raw_schema import RAW_TABLES

from tests.conftest import SAMPLE_RAW_DIR


@pytest.fixture(scope="module")
def samples() -> list[ParsedReport]:
    registry = load_registry(settings.ASSOCIATIONS_SEED)
    reports = [
        parse_report(path, SAMPLE_RAW_DIR, registry, settings.PARSER_CATALOG)
        for path in sorted(SAMPLE_RAW_DIR.glob("*/*.txt"))
    ]
    assert all(report.ok for report in reports)
    return reports


def _copy_at(report: ParsedReport, source_file: str) -> ParsedReport:
    """The same bytes at another path (another folder's copy of the file)."""
    moved = copy.deepcopy(report)
    moved.source_file, moved.association_id = source_file, source_file.split("/")[0]
    moved.report_id = report_id_for(moved.source_sha256, source_file)
    return moved


def _tables(build: Path) -> dict[str, list[tuple]]:
    """Every raw table's rows in a fixed order, less the load time."""
    con = duckdb.connect(str(build), read_only=True)
    try:
        selects = {
            table: "* EXCLUDE (parsed_at)" if any(name == "parsed_at" for name, _ in columns) else "*"
            for table, columns in RAW_TABLES.items()
        }
        return {
            table: sorted(con.execute(f"SELECT {select} FROM raw.{table}").fetchall(), key=repr)
            for table, select in selects.items()
        }
    finally:
        con.close()


def test_the_batch_size_does_not_change_what_is_loaded(samples, tmp_path: Path) -> None:
    one_by_one = load_raw_tables(tmp_path / "small.duckdb", iter(samples), batch_reports=1)
    all_at_once = load_raw_tables(tmp_path / "large.duckdb", iter(samples), batch_reports=1000)
    assert one_by_one.counts == all_at_once.counts
    assert one_by_one.counts["statement_facts"] == sum(len(r.statement_facts) for r in samples) > 0
    assert _tables(tmp_path / "small.duckdb") == _tables(tmp_path / "large.duckdb")


def test_a_copy_of_a_loaded_file_becomes_an_error_row_without_facts(samples, tmp_path: Path) -> None:
    original = samples[0]
    elsewhere = _copy_at(original, f"vastra-ostergotland/copy_of_{Path(original.source_file).name}")
    seen = {original.source_file: 2.0, elsewhere.source_file: 1.0}  # the copy arrived first
    loaded = load_raw_tables(
        tmp_path / "build.duckdb", iter([original, elsewhere]), copies=({}, seen.__getitem__), batch_reports=1
    )
    message = f"the same content as {elsewhere.source_file}, which is loaded instead"
    assert loaded.problems == [(original.source_file, message)]
    assert loaded.counts["reports"] == 2
    assert loaded.counts["statement_facts"] == len(elsewhere.statement_facts)
    con = duckdb.connect(str(tmp_path / "build.duckdb"), read_only=True)
    try:
        rows = con.execute("SELECT report_id, parse_status, error_message FROM raw.reports ORDER BY 1").fetchall()
        fact_reports = {r[0] for r in con.execute("SELECT DISTINCT report_id FROM raw.statement_facts").fetchall()}
    finally:
        con.close()
    assert sorted(rows) == sorted([(original.report_id, "error", message), (elsewhere.report_id, "ok", None)])
    assert fact_reports == {elsewhere.report_id}


def test_the_copy_in_the_folder_of_the_printed_org_nr_is_the_one_kept(samples, tmp_path: Path) -> None:
    original = samples[0]
    printed = original.metadata.org_nr_printed
    assert printed is not None
    elsewhere = _copy_at(original, f"vastra-ostergotland/copy_of_{Path(original.source_file).name}")
    org_nrs = {original.association_id: printed, "vastra-ostergotland": "000000-0000"}
    seen = {original.source_file: 2.0, elsewhere.source_file: 1.0}
    loaded = load_raw_tables(tmp_path / "build.duckdb", iter([elsewhere, original]), copies=(org_nrs, seen.__getitem__))
    assert loaded.problems == [
        (elsewhere.source_file, f"the same content as {original.source_file}, which is loaded instead")
    ]
