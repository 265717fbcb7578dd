"""Resources: where the warehouse and the raw reports are, and dbt."""


import shutil
import sys
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

    def setup_for_execution(self, context: dg.InitResourceContext) -> None:
        """A run holds the build lock throughout and records its process for recovery."""
        build_lock.acquire(self.warehouse_path)
        if context.instance is not None and context.run_id:
            context.instance.add_run_tags(context.run_id, run_process_tags())

    def teardown_after_execution(self, context: dg.InitResourceContext) -> None:
        build_lock.release(self.warehouse_path)

    @property
    def limits(self) -> Limits:
        """Bounds on reading one file, each in its own process."""
        return configured_limits(self.parse_seconds, self.parse_memory_mb)


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
