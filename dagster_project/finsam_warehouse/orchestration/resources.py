"""Resources: where the warehouse and the raw reports are, and dbt."""

import os
import shutil
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import dagster as dg
from dagster_dbt import DbtCliResource

from finsam_warehouse import settings
from finsam_warehouse.orchestration.dbt_project import dbt_project
from finsam_warehouse.orchestration.runs import run_process_tags
from finsam_warehouse.warehouse import build_lock
from finsam_warehouse.warehouse.isolation import Limits, configured_limits


class WarehouseResource(dg.ConfigurableResource):
    """The one DuckDB path setting (FINSAM_WAREHOUSE) and the raw folder (FINSAM_RAW_DIR).

    Empty fields read those variables when used, falling back to data/. dbt is
    given this same path.
    """

    warehouse: str = ""
    raw: str = ""
    parse_seconds: float = 0.0  # 0: FINSAM_PARSE_SECONDS, else 120
    parse_memory_mb: int = 0  # 0: FINSAM_PARSE_MEMORY_MB, else 2048
    chunk_files: int = 0  # files per reading step; 0: FINSAM_READ_CHUNK_FILES, else 8
    # "pid@host" of the build that holds the lock for this run (set by `make run`);
    # its steps in other processes work under that lock.
    lock_holder: str = ""
    # Grade every reconciliation again; else a check whose inputs are as in the
    # published warehouse keeps its result from there.
    regrade_checks: bool = False

    @property
    def warehouse_path(self) -> Path:
        return Path(self.warehouse).resolve() if self.warehouse else settings.warehouse_path()

    @property
    def raw_dir(self) -> Path:
        return Path(self.raw).resolve() if self.raw else settings.raw_dir()

    @property
    def build_path(self) -> Path:
        return settings.build_path(self.warehouse_path)

    @property
    def staging_dir(self) -> Path:
        return settings.staging_dir(self.warehouse_path)

    @property
    def dq_report_dir(self) -> Path:
        return settings.dq_report_dir(self.warehouse_path)

    @property
    def dq_report_build_dir(self) -> Path:
        return settings.dq_report_build_dir(self.warehouse_path)

    @contextmanager
    def yield_for_execution(self, context: dg.InitResourceContext) -> Iterator["WarehouseResource"]:
        """A step runs under the build lock and records the process that holds it, for recovery.

        In the process of the build that launched the run, or in a run of its own,
        the step takes the lock (re-entrant); in a step process of a build that
        holds it (multiprocess, Dask), it works under the build's lock.
        """
        path = self.warehouse_path
        if self.lock_holder and not build_lock.holds(path) and build_lock.held_by(path, self.lock_holder):
            self._record_process(context, self.lock_holder)
            yield self
            return
        with build_lock.build_lock(path):
            self._record_process(context, build_lock.holder_of_this_process())
            yield self

    @staticmethod
    def _record_process(context: dg.InitResourceContext, holder: str) -> None:
        if context.instance is not None and context.run_id:
            pid, host = holder.split("@", 1)
            context.instance.add_run_tags(context.run_id, run_process_tags(int(pid), host))

    @property
    def chunk_size(self) -> int:
        """How many files one reading step takes."""
        return self.chunk_files or configured_chunk_files()

    @property
    def limits(self) -> Limits:
        """Bounds on reading one file, each in its own process."""
        return configured_limits(self.parse_seconds, self.parse_memory_mb)


def configured_chunk_files() -> int:
    """Report files per reading step (FINSAM_READ_CHUNK_FILES, default 8)."""
    return int(os.environ.get("FINSAM_READ_CHUNK_FILES") or 8)


def dbt_executable() -> str:
    """The dbt installed beside this Python (the venv's bin), else dbt on PATH."""
    for candidate in (Path(sys.prefix) / "bin" / "dbt", Path(sys.executable).parent / "dbt"):
        if candidate.exists():
            return str(candidate)
    return shutil.which("dbt") or "dbt"


def default_resources() -> dict[str, object]:
    return {
        "warehouse": WarehouseResource(),
        "dbt": DbtCliResource(project_dir=dbt_project, dbt_executable=dbt_executable()),
    }
