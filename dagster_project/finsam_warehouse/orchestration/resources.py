"""Resources: where the warehouse and the raw reports are, and dbt."""


import shutil
import sys
from pathlib import Path

import dagster as dg
from dagster_dbt import DbtCliResource

from finsam_warehouse import settings
from finsam_warehouse.orchestration.dbt_project import dbt_project
from finsam_warehouse.warehouse.isolation import Limits


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
    def limits(self) -> Limits:
        """Bounds on reading one file, each in its own process."""
        return Limits(
            seconds=self.parse_seconds or settings.parse_seconds(),
            memory_bytes=(self.parse_memory_mb or settings.parse_memory_mb()) * 1024**2,
        )


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
