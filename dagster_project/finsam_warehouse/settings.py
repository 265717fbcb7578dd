"""Paths the whole project shares. No Dagster import here.

There is one DuckDB path setting, ``FINSAM_WAREHOUSE``. Everything else that
lives beside the warehouse (the build file, staged parses, the data-quality
report) is derived from it, so a test or a user who points ``FINSAM_WAREHOUSE``
elsewhere moves all of it together.
"""

from __future__ import annotations

import os
from pathlib import Path

from finsam_warehouse.parsing.catalog import Catalog

PROJECT_ROOT = Path(__file__).resolve().parents[2]
DBT_PROJECT_DIR = PROJECT_ROOT / "dbt"
SEEDS_DIR = DBT_PROJECT_DIR / "seeds"
ASSOCIATIONS_SEED = SEEDS_DIR / "associations.csv"
# The parser's vocabulary: seeds that dbt loads too.
PARSER_CATALOG = Catalog.in_folder(SEEDS_DIR)

DEFAULT_WAREHOUSE = PROJECT_ROOT / "data" / "marts" / "warehouse.duckdb"
DEFAULT_RAW_DIR = PROJECT_ROOT / "data" / "raw"


def warehouse_path() -> Path:
    """The published warehouse file analysts open (absolute)."""
    return Path(os.environ.get("FINSAM_WAREHOUSE") or DEFAULT_WAREHOUSE).expanduser().resolve()


def raw_dir() -> Path:
    """The folder of reports, one sub-folder per association_id (absolute)."""
    return Path(os.environ.get("FINSAM_RAW_DIR") or DEFAULT_RAW_DIR).expanduser().resolve()


def build_path(warehouse: Path | None = None) -> Path:
    """Where a run builds the next warehouse before it is swapped in.

    dbt's profile derives the same name: ``{{ FINSAM_WAREHOUSE }}.build``.
    """
    warehouse = warehouse or warehouse_path()
    return warehouse.with_name(warehouse.name + ".build")


def staging_dir(warehouse: Path | None = None) -> Path:
    """Per-report parse results, written by the partitioned assets."""
    warehouse = warehouse or warehouse_path()
    return warehouse.parent / "staging"


def dbt_parse_cache(warehouse: Path | None = None) -> Path:
    """dbt's partial-parse file of this warehouse's builds, kept between runs (each run has its own target)."""
    warehouse = warehouse or warehouse_path()
    return warehouse.parent / "dbt_state" / "partial_parse.msgpack"


def dq_report_dir(warehouse: Path | None = None) -> Path:
    """The data-quality report (index.html) and GX Data Docs."""
    warehouse = warehouse or warehouse_path()
    return warehouse.parent / "dq_report"


def dq_report_build_dir(warehouse: Path | None = None) -> Path:
    """Where a run writes the next data-quality report, published with the warehouse."""
    published = dq_report_dir(warehouse)
    return published.with_name(published.name + ".build")


def exports_dir(warehouse: Path | None = None) -> Path:
    """Parquet files of every mart, one per table, published with the warehouse."""
    warehouse = warehouse or warehouse_path()
    return warehouse.parent / "exports"


def exports_build_dir(warehouse: Path | None = None) -> Path:
    """Where a run writes the next Parquet exports."""
    published = exports_dir(warehouse)
    return published.with_name(published.name + ".build")


def parse_seconds() -> float:
    """Wall-clock limit on reading one file (FINSAM_PARSE_SECONDS, default 120)."""
    return float(os.environ.get("FINSAM_PARSE_SECONDS") or 120)


def parse_memory_mb() -> int:
    """Memory limit on reading one file, in MB (FINSAM_PARSE_MEMORY_MB, default 2048)."""
    return int(os.environ.get("FINSAM_PARSE_MEMORY_MB") or 2048)
