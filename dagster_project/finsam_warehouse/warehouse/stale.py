"""Which files' staged reads no longer match their bytes (changed, or never read)."""

from __future__ import annotations

from pathlib import Path

from finsam_warehouse.parsing.statistics import is_statistics_file
from finsam_warehouse.warehouse import staging
from finsam_warehouse.warehouse.report_files import raw_file_sha256
from finsam_warehouse.warehouse.statistics_files import load_statistics


def stale_files(staging_dir: Path, raw_dir: Path, keys: list[str]) -> list[str]:
    stale = []
    for key in keys:
        staged = load_statistics(staging_dir, key) if is_statistics_file(key) else staging.load_parsed(staging_dir, key)
        if staged is None or staged.source_sha256 != raw_file_sha256(raw_dir, key):
            stale.append(key)
    return stale
