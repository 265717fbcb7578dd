"""A place a build runs in: its own raw folder, warehouse and Dagster home."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import dagster as dg

from tests.conftest import PROJECT_ROOT


class BuildSite:
    """``root``/raw (empty: the test fills it), ``root``/marts/warehouse.duckdb and ``root``/dagster,
    with the environment a build there needs; ``settings`` are further environment variables."""

    def __init__(self, root: Path, **settings: str) -> None:
        self.raw = root / "raw"
        self.warehouse = root / "marts" / "warehouse.duckdb"
        self.home = root / "dagster"
        self.home.mkdir(parents=True)
        shutil.copy(PROJECT_ROOT / "dagster_home" / "dagster.yaml", self.home / "dagster.yaml")
        self.env = os.environ | {
            "FINSAM_RAW_DIR": str(self.raw),
            "FINSAM_WAREHOUSE": str(self.warehouse),
            "DAGSTER_HOME": str(self.home),
            **settings,
        }

    def instance(self) -> dg.DagsterInstance:
        return dg.DagsterInstance.from_config(str(self.home))
