"""Every mart as a file for BI tools: Parquet (published with each build) or CSV (on demand).

Files are written to a folder of their own, one per mart (``dim_report.parquet``);
a build writes them beside the build file, and publication renames the folder
into place right after the warehouse (``publish.publish_folder``).
"""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb

MARTS_SCHEMA = "marts"
FORMATS = {"parquet": "(FORMAT parquet, COMPRESSION zstd)", "csv": "(FORMAT csv, HEADER true)"}


def mart_tables(con: duckdb.DuckDBPyConnection) -> list[str]:
    rows = con.execute(
        "SELECT table_name FROM duckdb_tables() WHERE schema_name = ? ORDER BY table_name", [MARTS_SCHEMA]
    ).fetchall()
    return [name for (name,) in rows]


def write_exports(warehouse: Path, out_dir: Path, file_format: str = "parquet") -> list[Path]:
    """One file per mart of ``warehouse`` in a fresh ``out_dir``; returns the files."""
    options = FORMATS[file_format]
    shutil.rmtree(out_dir, ignore_errors=True)
    out_dir.mkdir(parents=True)
    con = duckdb.connect(str(warehouse), read_only=True)
    written = []
    try:
        for table in mart_tables(con):
            target = out_dir / f"{table}.{file_format}"
            quoted = str(target).replace("'", "''")
            con.execute(f"COPY {MARTS_SCHEMA}.\"{table}\" TO '{quoted}' {options}")
            written.append(target)
    finally:
        con.close()
    return written
