"""`make run` as an operator meets it: two builds at once, and a build killed with kill -9."""

from __future__ import annotations

import hashlib
import os
import shutil
import signal
import subprocess
import sys
import time
from datetime import datetime, timezone
from pathlib import Path

import dagster as dg
import pytest

from finsam_warehouse.orchestration.runs import RUN_PID_TAG, WAREHOUSE_WRITER_TAG
from finsam_warehouse.orchestration.schedules import nightly_warehouse_schedule
from finsam_warehouse.warehouse.build_lock import is_building
from finsam_warehouse.warehouse.fingerprint import input_fingerprint, published_fingerprint
from finsam_warehouse.warehouse.isolation import configured_limits
from finsam_warehouse.warehouse.report_files import list_report_files
from tests.build_site import BuildSite
from tests.conftest import PROJECT_ROOT, sample_path

IN_PROGRESS = [dg.DagsterRunStatus.STARTED, dg.DagsterRunStatus.STARTING, dg.DagsterRunStatus.QUEUED]


class Site(BuildSite):
    """One sample report of sofint."""

    def __init__(self, root: Path) -> None:
        super().__init__(root)
        (self.raw / "sofint").mkdir(parents=True)
        shutil.copy(sample_path("000_64bff6a06dc0d84a.txt"), self.raw / "sofint")

    def start_build(self) -> subprocess.Popen:
        return subprocess.Popen(
            [sys.executable, "-m", "finsam_warehouse.cli"], env=self.env, cwd=PROJECT_ROOT,
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True,
        )  # fmt: skip


def wait_for(condition, seconds: float = 120) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.2)


@pytest.fixture
def site(tmp_path: Path) -> Site:
    return Site(tmp_path)


@pytest.fixture(scope="module")
def concurrent_builds(tmp_path_factory: pytest.TempPathFactory):
    """Two builds started at once on one site: (site, first, second) with their outputs."""
    site = Site(tmp_path_factory.mktemp("concurrent"))
    first = site.start_build()
    wait_for(lambda: is_building(site.warehouse) or first.poll() is not None)
    second = site.start_build()
    second_out, second_err = second.communicate(timeout=120)
    first_out, first_err = first.communicate(timeout=600)
    return site, (first, first_out, first_err), (second, second_out, second_err)


def test_a_second_build_says_plainly_that_one_is_running(concurrent_builds) -> None:
    site, (first, first_out, first_err), (second, _, second_err) = concurrent_builds
    assert first.returncode == 0, first_err[-2000:]
    assert second.returncode == 75
    assert f"another build of {site.warehouse} is running (process {first.pid} on" in second_err
    assert "unchanged" not in second_err
    assert "Reports read: 1 of 1" in first_out


def _snapshot(site: Site) -> dict[str, tuple[str, int]]:
    """Every published file's hash and modification time."""
    published = [site.warehouse, *(site.warehouse.parent / "dq_report").rglob("*")]
    return {
        str(p): (hashlib.sha256(p.read_bytes()).hexdigest(), p.stat().st_mtime_ns) for p in published if p.is_file()
    }


def test_a_rerun_with_nothing_changed_touches_nothing(concurrent_builds) -> None:
    site, (first, _, first_err), _ = concurrent_builds
    assert first.returncode == 0, first_err[-2000:]
    before = _snapshot(site)
    again = subprocess.run([sys.executable, "-m", "finsam_warehouse.cli"], env=site.env, cwd=PROJECT_ROOT,
                           capture_output=True, text=True, timeout=600)  # fmt: skip
    assert again.returncode == 0
    assert "Nothing changed since the last build" in again.stdout
    assert _snapshot(site) == before
    # What the published build was made from is what a rerun compares with; a changed file differs.
    keys = list_report_files(site.raw)
    assert published_fingerprint(site.warehouse) == input_fingerprint(site.raw, keys, configured_limits())
    report = site.raw / "sofint" / "000_64bff6a06dc0d84a.txt"
    report.write_bytes(report.read_bytes() + b"\n")
    assert published_fingerprint(site.warehouse) != input_fingerprint(site.raw, keys, configured_limits())


def test_a_killed_build_does_not_block_the_next_one(site: Site) -> None:
    build = site.start_build()
    instance = site.instance()

    def recorded_run() -> list[dg.DagsterRun]:
        return [r for r in instance.get_runs() if RUN_PID_TAG in r.tags]

    wait_for(lambda: bool(recorded_run()) or build.poll() is not None)
    if build.poll() is not None:  # say why, so that a failure here can be read
        out, err = build.communicate()
        pytest.fail(f"the build ended ({build.returncode}) before it could be killed:\n{out[-1500:]}\n{err[-3000:]}")
    os.killpg(build.pid, signal.SIGKILL)
    build.wait(30)
    wait_for(lambda: not is_building(site.warehouse), 30)
    killed = recorded_run()[0]
    assert instance.get_run_by_id(killed.run_id).status == dg.DagsterRunStatus.STARTED

    # The next scheduled evaluation marks the dead run failed and asks for a run;
    # nothing then holds the one-writer slot the queue waits on.
    context = dg.build_schedule_context(
        instance=instance, scheduled_execution_time=datetime(2026, 12, 2, 1, 0, tzinfo=timezone.utc)
    )
    with pytest.MonkeyPatch.context() as env:
        for name in ("FINSAM_RAW_DIR", "FINSAM_WAREHOUSE"):
            env.setenv(name, site.env[name])
        request = nightly_warehouse_schedule(context)
    assert isinstance(request, dg.RunRequest)
    assert instance.get_run_by_id(killed.run_id).status == dg.DagsterRunStatus.FAILURE
    blocking = instance.get_runs(dg.RunsFilter(statuses=IN_PROGRESS, tags=WAREHOUSE_WRITER_TAG))
    assert blocking == []

    # And the next build runs to the end and publishes.
    rebuilt = site.start_build()
    out, err = rebuilt.communicate(timeout=600)
    assert rebuilt.returncode == 0, err[-2000:]
    assert site.warehouse.exists()
