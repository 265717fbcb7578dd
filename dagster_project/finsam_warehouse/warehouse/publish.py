"""Atomic publication: the build file replaces the published warehouse whole.

DuckDB allows one writer or many readers per file across processes. So a run
builds into ``<warehouse>.build`` and, once everything succeeded, checkpoints
it and renames it over the published path. Readers that are connected keep
their snapshot; new connections see the new warehouse; a failed run never
touches the published file.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import duckdb


def publish(build_path: Path, warehouse_path: Path) -> Path:
    if not build_path.exists():
        raise FileNotFoundError(f"nothing to publish: {build_path} does not exist")
    con = duckdb.connect(str(build_path))
    try:
        con.execute("CHECKPOINT")
    finally:
        con.close()
    wal = build_path.with_name(build_path.name + ".wal")
    if wal.exists():
        raise RuntimeError(f"{wal} remains after CHECKPOINT; refusing to publish a partial warehouse")
    warehouse_path.parent.mkdir(parents=True, exist_ok=True)
    os.replace(build_path, warehouse_path)
    return warehouse_path


def publish_folder(build_dir: Path, published_dir: Path) -> Path:
    """Swap a folder built beside the build file (data-quality report, exports) into place.

    Called right after ``publish``, so that it never describes a warehouse
    that was not published. The old folder is moved aside, the new one
    renamed in, and the old one removed.
    """
    if not build_dir.is_dir():
        raise FileNotFoundError(f"nothing to publish: {build_dir} does not exist")
    old = published_dir.with_name(published_dir.name + ".old")
    shutil.rmtree(old, ignore_errors=True)
    if published_dir.exists():
        os.replace(published_dir, old)
    os.replace(build_dir, published_dir)
    shutil.rmtree(old, ignore_errors=True)
    return published_dir


publish_report = publish_folder
