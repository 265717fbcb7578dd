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


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Modules marked ``long_running`` first, the longest first.

    `make test` hands whole files to its workers in collection order
    (``--dist loadfile --no-loadscope-reorder``), so the long modules spread
    over the workers and the short ones fill in at the end. The sort is
    stable: a module's tests stay together and in their order.
    """

    def longest_first(item: pytest.Item) -> float:
        marker = item.get_closest_marker("long_running")
        return -marker.kwargs.get("minutes", 1) if marker else 0

    items.sort(key=longest_first)


def sample_path(name: str) -> Path:
    """A sample report by file name, wherever its association folder is."""
    matches = list(SAMPLE_RAW_DIR.glob(f"*/{name}"))
    assert len(matches) == 1, f"sample report {name} not found under {SAMPLE_RAW_DIR}"
    return matches[0]
