"""The command line as an operator meets it: --help, and a build of one association with its output."""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import dagster as dg
import duckdb
import pytest

from finsam_warehouse.definitions import defs
from finsam_warehouse.orchestration.sensors import raw_folder_sensor
from tests.conftest import PROJECT_ROOT, sample_path

ANSI = re.compile(r"\x1b\[[0-9;]*m")


def cli(*args: str, env: dict[str, str] | None = None, timeout: int = 900) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "finsam_warehouse.cli", *args],
        env=env, cwd=PROJECT_ROOT, capture_output=True, text=True, timeout=timeout,
    )  # fmt: skip


def test_help_lists_the_commands_and_builds_nothing(tmp_path: Path) -> None:
    env = os.environ | {"FINSAM_WAREHOUSE": str(tmp_path / "warehouse.duckdb")}
    top = cli("--help", env=env, timeout=60)
    assert top.returncode == 0
    for command in ("build", "export", "report", "sql"):
        assert command in top.stdout
    build = cli("build", "--help", env=env, timeout=60)
    assert build.returncode == 0
    for option in ("--association", "--file", "--force", "--verbose"):
        assert option in build.stdout
    assert list(tmp_path.iterdir()) == []  # nothing was built


@pytest.fixture(scope="module")
def association_build(tmp_path_factory: pytest.TempPathFactory):
    """Two associations; a build of lekeberg-orebro (three files) with sofint never read before."""
    root = tmp_path_factory.mktemp("cli")
    raw, home = root / "raw", root / "dagster"
    for name in ("002_caf57892eec3f583.txt", "004_a495080c90d84188.txt",
                 "Uppfoljning_Finsam_deltagare_2023-01-01_2023-06-30.csv", "000_64bff6a06dc0d84a.txt"):  # fmt: skip
        source = sample_path(name)
        (raw / source.parent.name).mkdir(parents=True, exist_ok=True)
        shutil.copy(source, raw / source.parent.name / name)
    home.mkdir()
    shutil.copy(PROJECT_ROOT / "dagster_home" / "dagster.yaml", home / "dagster.yaml")
    env = os.environ | {
        "FINSAM_RAW_DIR": str(raw),
        "FINSAM_WAREHOUSE": str(root / "marts" / "warehouse.duckdb"),
        "DAGSTER_HOME": str(home),
    }
    result = cli("build", "--association", "lekeberg-orebro", env=env)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    return env, result


def test_a_one_association_build_reads_its_files_and_publishes_the_whole_warehouse(association_build) -> None:
    env, result = association_build
    # sofint's file had never been read: it is read too, so that the build is of the files as they are.
    assert "Also reading 1 other changed files: sofint/000_64bff6a06dc0d84a.txt" in result.stdout
    assert "Reports read: 3 of 3" in result.stdout
    warehouse = Path(env["FINSAM_WAREHOUSE"])
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        associations = con.execute("SELECT DISTINCT association_id FROM marts.dim_report ORDER BY 1").fetchall()
    finally:
        con.close()
    assert associations == [("lekeberg-orebro",), ("sofint",)]
    assert sorted(p.name for p in (warehouse.parent / "exports").iterdir())[:2] == [
        "dim_association.parquet", "dim_report.parquet",
    ]  # fmt: skip


def test_the_build_output_fits_on_one_screen(association_build) -> None:
    _, result = association_build
    output = result.stdout + result.stderr
    assert not ANSI.search(output)  # not a terminal: no colour codes
    assert "Warning" not in output and " START " not in output  # no BetaWarnings, dbt folded
    assert output.count("Reports read:") == 1  # the summary once
    assert "✓ dbt: models and tests:" in output and "✓ Parse reports: " in output
    assert len(output.strip().splitlines()) <= 40


def test_the_first_sensor_tick_after_a_build_starts_nothing(association_build, monkeypatch) -> None:
    env, _ = association_build
    for name in ("FINSAM_RAW_DIR", "FINSAM_WAREHOUSE"):
        monkeypatch.setenv(name, env[name])
    with dg.DagsterInstance.from_config(env["DAGSTER_HOME"]) as instance:
        context = dg.build_sensor_context(instance=instance, cursor=None, definitions=defs)
        result = raw_folder_sensor(context)
    assert result.run_requests == []
    assert result.skip_reason is not None and "match the published build" in result.skip_reason.skip_message
    assert result.cursor  # the next tick compares with these files


def test_a_rebuild_reads_only_the_changed_file_and_publishes_its_new_version(association_build) -> None:
    env, _ = association_build
    raw = Path(env["FINSAM_RAW_DIR"])
    changed = raw / "sofint" / "000_64bff6a06dc0d84a.txt"
    with changed.open("a", encoding="utf-8") as handle:
        handle.write("\nEn rad till.\n")
    checks_before = _check_results(env)
    result = cli("build", env=env)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    assert "Reading 1 new or changed of 4 files; the others' reads still hold." in result.stdout
    with dg.DagsterInstance.from_config(env["DAGSTER_HOME"]) as instance:
        newest = instance.get_runs(limit=1)[0]
    assert newest.tags.get("dagster/partition") == "sofint/000_64bff6a06dc0d84a.txt"  # one partition, not all
    con = duckdb.connect(env["FINSAM_WAREHOUSE"], read_only=True)
    try:
        published = dict(con.execute("SELECT source_file, source_sha256 FROM marts.dim_report").fetchall())
    finally:
        con.close()
    assert published["sofint/000_64bff6a06dc0d84a.txt"] == hashlib.sha256(changed.read_bytes()).hexdigest()
    assert len(published) == 3  # the unchanged reports are published from their staged reads
    # The checks of the unchanged reports keep their results; the changed report's are graded now.
    checks_after = _check_results(env)
    changed_file = "sofint/000_64bff6a06dc0d84a.txt"
    kept = {key: row for key, row in checks_before.items() if key[1] != changed_file}
    assert kept and all(checks_after[key] == row for key, row in kept.items())
    graded_now = [row for key, row in checks_after.items() if key[1] == changed_file]
    assert graded_now and min(row[-1] for row in graded_now) > max(row[-1] for row in kept.values())


def test_a_forced_build_grades_every_check_again_as_the_kept_results_say(association_build) -> None:
    env, _ = association_build
    incremental = _check_results(env)
    result = cli("build", "--force", env=env)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    forced = _check_results(env)
    assert {key: row[:-1] for key, row in forced.items()} == {key: row[:-1] for key, row in incremental.items()}
    assert len({row[-1] for row in forced.values()}) == 1  # one run graded them all


def _check_results(env: dict[str, str]) -> dict[tuple, tuple]:
    """(check_name, source_file, period_end, subject) -> (status, difference, detail, checked_at)."""
    con = duckdb.connect(env["FINSAM_WAREHOUSE"], read_only=True)
    try:
        rows = con.execute(
            "SELECT d.check_name, r.source_file, d.period_end, d.subject, d.status, d.difference, d.detail,"
            " d.checked_at FROM marts.dq_reconciliation d JOIN marts.dim_report r USING (report_id)"
        ).fetchall()
    finally:
        con.close()
    results = {tuple(row[:4]): tuple(row[4:]) for row in rows}
    assert len(results) == len(rows)
    return results
