"""Shared test setup: the dbt manifest, the sample reports, temporary warehouses."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

PROJECT_ROOT = Path(__file__).resolve().parents[1]
SAMPLE_RAW_DIR = PROJECT_ROOT / "data" / "raw"
DBT_DIR = PROJECT_ROOT / "dbt"


def pytest_configure(config: pytest.Config) -> None:
    """Importing the Dagster definitions needs an up-to-date dbt manifest: parse the project."""
    os.environ.setdefault("DAGSTER_DISABLE_TELEMETRY", "true")
    os.environ.setdefault("DBT_SEND_ANONYMOUS_USAGE_STATS", "false")
    if hasattr(config, "workerinput"):
        return  # a pytest-xdist worker: the controller has parsed it already
    dbt = Path(sys.executable).parent / "dbt"
    subprocess.run([str(dbt), "parse", "--profiles-dir", ".", "--quiet"], cwd=DBT_DIR, check=True)


def sample_path(name: str) -> Path:
    """A sample report by file name, wherever its association folder is."""
    matches = list(SAMPLE_RAW_DIR.glob(f"*/{name}"))
    assert len(matches) == 1, f"sample report {name} not found under {SAMPLE_RAW_DIR}"
    return matches[0]
