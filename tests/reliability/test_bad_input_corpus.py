"""A nightly build over every kind of bad file: each is one clear error, the good reports load.

The build runs as `make run` does (the CLI in its own process), with the
per-file limits bounded down so that the runaway files stop quickly.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from tests.conftest import PROJECT_ROOT
from tests.reliability.bad_inputs import BAD_INPUTS, GOOD, TEST_MEMORY_MB, TEST_SECONDS, write_bad_input_folder


@pytest.fixture(scope="module")
def build(tmp_path_factory: pytest.TempPathFactory):
    root = tmp_path_factory.mktemp("bad_inputs")
    write_bad_input_folder(root / "raw", root / "outside")
    (root / "dagster").mkdir()
    env = os.environ | {
        "FINSAM_RAW_DIR": str(root / "raw"),
        "FINSAM_WAREHOUSE": str(root / "marts" / "warehouse.duckdb"),
        "DAGSTER_HOME": str(root / "dagster"),
        "FINSAM_PARSE_SECONDS": str(TEST_SECONDS),
        "FINSAM_PARSE_MEMORY_MB": str(TEST_MEMORY_MB),
    }
    run = subprocess.run(
        [sys.executable, "-m", "finsam_warehouse.cli"], env=env, cwd=PROJECT_ROOT,
        capture_output=True, text=True, timeout=1200,
    )  # fmt: skip
    con = duckdb.connect(env["FINSAM_WAREHOUSE"], read_only=True)
    yield run, con, root
    con.close()


def test_the_build_succeeds(build) -> None:
    run, _, _ = build
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-3000:]


@pytest.mark.parametrize("bad", BAD_INPUTS, ids=lambda b: b.path)
def test_each_bad_file_is_one_clear_error(build, bad) -> None:
    _, con, _ = build
    rows = con.execute("SELECT parse_status, error_message FROM raw.reports WHERE source_file = ?", [bad.path]).fetchall()
    assert len(rows) == 1, rows
    status, message = rows[0]
    assert status == "error"
    assert bad.error in message


def test_nothing_from_outside_the_raw_folder_is_stored(build) -> None:
    _, _, root = build
    passwd = Path("/etc/passwd").read_text(encoding="utf-8", errors="replace").splitlines()[0]
    for stored in (root / "marts" / "staging").rglob("*.json"):
        assert passwd not in stored.read_text(encoding="utf-8")


def test_the_good_reports_load_as_they_always_do(build) -> None:
    _, con, _ = build
    counts = dict(
        con.execute(
            "SELECT r.source_file, count(*) FROM marts.fct_financial_statement f JOIN marts.dim_report r USING (report_id) "
            "GROUP BY 1"
        ).fetchall()
    )
    assert counts == {"sofint/000_64bff6a06dc0d84a.txt": 12, "lekeberg-orebro/002_caf57892eec3f583.txt": 44}
    assert set(GOOD) == {row[0] for row in con.execute("SELECT source_file FROM marts.dim_report").fetchall()}


def test_every_file_has_its_own_identity_and_is_listed_in_the_report(build) -> None:
    _, con, root = build
    files, ids = con.execute("SELECT count(*), count(DISTINCT report_id) FROM raw.reports").fetchone()
    assert files == ids == len(GOOD) + len(BAD_INPUTS)
    html = (root / "marts" / "dq_report" / "index.html").read_text(encoding="utf-8")
    for bad in BAD_INPUTS:
        assert bad.path in html
    assert not (root / "marts" / "dq_report.build").exists()


def test_the_console_names_the_files_that_could_not_be_read(build) -> None:
    run, _, _ = build
    output = run.stdout + run.stderr
    for bad in BAD_INPUTS:
        assert bad.path in output
