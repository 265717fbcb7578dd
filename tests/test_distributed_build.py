"""`make run` through the Dask executor on a real two-worker cluster publishes what an in-process build does.

Both builds start from fresh folders (no staged reads, no parse cache) over the
same sample reports; every table of the ``marts`` schema, ``dq_reconciliation``
included, must hold the same rows in both.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path

import dagster as dg
import distributed
import duckdb
import pytest

from tests.build_site import BuildSite
from tests.conftest import SAMPLE_RAW_DIR

CHUNK_FILES = 2  # several reading steps, so that both workers read
BUILD_SECONDS = 1800


class Site(BuildSite):
    """The sample raw folder, read in chunks of CHUNK_FILES files."""

    def __init__(self, root: Path, **settings: str) -> None:
        super().__init__(root, FINSAM_READ_CHUNK_FILES=str(CHUNK_FILES), **settings)
        shutil.copytree(SAMPLE_RAW_DIR, self.raw)

    def start_build(self) -> subprocess.Popen:
        # Another working directory than the project's: no path may depend on it.
        return subprocess.Popen(
            [sys.executable, "-m", "finsam_warehouse.cli", "build"], env=self.env, cwd=self.home,
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
        )  # fmt: skip

    def marts(self) -> dict[str, Counter]:
        """Every mart table's rows, as a multiset (the order of rows is not part of a table).

        ``dq_reconciliation.checked_at`` is when the checks ran, one time per
        build: it is compared apart (``check_times``), the rest of each row here.
        """
        con = duckdb.connect(str(self.warehouse), read_only=True)
        try:
            tables = [t for (t,) in con.execute(
                "SELECT table_name FROM information_schema.tables WHERE table_schema = 'marts' ORDER BY 1"
            ).fetchall()]  # fmt: skip
            rows = {}
            for table in tables:
                columns = "* EXCLUDE (checked_at)" if table == "dq_reconciliation" else "*"
                rows[table] = Counter(con.execute(f'SELECT {columns} FROM marts."{table}"').fetchall())
            return rows
        finally:
            con.close()

    def check_times(self) -> list[datetime]:
        con = duckdb.connect(str(self.warehouse), read_only=True)
        try:
            return [t for (t,) in con.execute("SELECT DISTINCT checked_at FROM marts.dq_reconciliation").fetchall()]
        finally:
            con.close()

    def step_events(self, event_type: dg.DagsterEventType) -> list[str]:
        with self.instance() as instance:
            (run,) = instance.get_runs()
            records = instance.get_records_for_run(run.run_id, of_type=event_type).records
            return [record.event_log_entry.step_key or "" for record in records]


@pytest.fixture(scope="module")
def builds(tmp_path_factory: pytest.TempPathFactory) -> tuple[Site, Site]:
    """(in-process site, Dask site), both built; the Dask one on a LocalCluster of two worker processes."""
    in_process = Site(tmp_path_factory.mktemp("in_process"), FINSAM_EXECUTOR="in_process")
    started_at = datetime.now(UTC).replace(tzinfo=None)
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        on_dask = Site(
            tmp_path_factory.mktemp("dask"), FINSAM_EXECUTOR="dask", FINSAM_DASK_SCHEDULER=cluster.scheduler_address
        )
        started = [in_process.start_build(), on_dask.start_build()]
        outputs = [build.communicate(timeout=BUILD_SECONDS)[0] for build in started]
    for build, output in zip(started, outputs, strict=True):
        assert build.returncode == 0, output[-4000:]
    finished_at = datetime.now(UTC).replace(tzinfo=None)
    for site in (in_process, on_dask):
        (checked_at,) = site.check_times()  # one time per build, that of its run
        assert started_at < checked_at < finished_at
    return in_process, on_dask


def test_the_dask_build_read_the_reports_in_several_steps_on_the_cluster(builds: tuple[Site, Site]) -> None:
    _, on_dask = builds
    handed = on_dask.step_events(dg.DagsterEventType.STEP_WORKER_STARTING)
    succeeded = on_dask.step_events(dg.DagsterEventType.STEP_SUCCESS)
    chunks = [step for step in succeeded if step.startswith("read_reports.read_chunk[")]
    assert len(chunks) >= 3  # five reports, at most two per chunk
    assert set(succeeded) <= set(handed)
    assert "published_warehouse" in succeeded


def test_the_dask_build_publishes_the_same_marts_as_an_in_process_build(builds: tuple[Site, Site]) -> None:
    in_process, on_dask = builds
    expected, actual = in_process.marts(), on_dask.marts()
    assert "dq_reconciliation" in expected and "fct_financial_statement" in expected
    assert sorted(actual) == sorted(expected)
    for table, rows in expected.items():
        assert rows, f"marts.{table} is empty: nothing compared"
        missing, extra = rows - actual[table], actual[table] - rows
        assert not missing and not extra, f"marts.{table}: {len(missing)} rows missing, {len(extra)} extra"
