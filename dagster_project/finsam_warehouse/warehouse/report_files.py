"""Which report files the raw folder holds."""

from __future__ import annotations

from pathlib import Path

IGNORED_NAMES = {"readme.md", ".gitkeep", ".ds_store"}


def list_report_files(raw_dir: Path) -> list[str]:
    """Paths under ``raw_dir`` (posix, relative) of every file that may be a report.

    Every file counts, whatever its type, so that an unreadable one is reported
    rather than silently skipped. Hidden files and README files are not reports.
    """
    if not raw_dir.is_dir():
        return []
    found = []
    for path in raw_dir.rglob("*"):
        relative = path.relative_to(raw_dir)
        if not path.is_file() or any(part.startswith(".") for part in relative.parts):
            continue
        if path.name.lower() in IGNORED_NAMES:
            continue
        found.append(relative.as_posix())
    return sorted(found)
