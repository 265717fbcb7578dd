"""What a build was made from, so that a run with nothing new can skip the build.

The fingerprint covers every input file's bytes (by path), the code that reads
and builds (this package and the dbt project, seeds included) and the reading
limits. It is stored in ``raw.build_info`` of each build; when the published
warehouse carries the fingerprint of the files as they are now, a rebuild
would produce the same marts, and the run leaves everything as it is.
"""

from __future__ import annotations

import hashlib
from functools import lru_cache
from pathlib import Path

import duckdb

from finsam_warehouse import settings
from finsam_warehouse.warehouse.report_files import raw_file_sha256

PACKAGE_DIR = Path(__file__).resolve().parents[1]
DBT_PARTS = ("models", "macros", "seeds", "tests", "dbt_project.yml", "profiles.yml")


def _files_under(path: Path) -> list[Path]:
    if path.is_file():
        return [path]
    return sorted(p for p in path.rglob("*") if p.is_file() and "__pycache__" not in p.parts)


@lru_cache(maxsize=1)
def code_fingerprint() -> str:
    """This package's source and the dbt project's files."""
    digest = hashlib.sha256()
    sources = [p for p in _files_under(PACKAGE_DIR) if p.suffix in {".py", ".txt", ".csv", ".yml", ".yaml"}]
    for part in DBT_PARTS:
        sources += _files_under(settings.DBT_PROJECT_DIR / part)
    for source in sources:
        digest.update(str(source.relative_to(settings.PROJECT_ROOT)).encode() + b"\0")
        digest.update(source.read_bytes())
    return digest.hexdigest()


def input_fingerprint(raw_dir: Path, keys: list[str], limits: object) -> str:
    """The files (path and bytes), the code and the limits a build reads."""
    digest = hashlib.sha256(code_fingerprint().encode())
    digest.update(repr(limits).encode())
    for key in sorted(keys):
        digest.update(f"\n{key}\t{raw_file_sha256(raw_dir, key)}".encode())
    return digest.hexdigest()


def published_fingerprint(warehouse: Path) -> str | None:
    """The fingerprint of the published warehouse, or None (none yet, or unreadable)."""
    if not warehouse.exists():
        return None
    try:
        con = duckdb.connect(str(warehouse), read_only=True)
    except duckdb.Error:
        return None
    try:
        row = con.execute("SELECT fingerprint FROM raw.build_info").fetchone()
    except duckdb.Error:
        return None
    finally:
        con.close()
    return row[0] if row else None
