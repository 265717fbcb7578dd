"""Which report files the raw folder holds."""

from __future__ import annotations

from pathlib import Path

from finsam_warehouse.parsing.report import file_sha256

IGNORED_NAMES = {"readme.md", ".gitkeep", ".ds_store"}


def list_report_files(raw_dir: Path) -> list[str]:
    """Paths under ``raw_dir`` (posix, relative) of every file that may be a report.

    Every file counts, whatever its type, so that an unreadable one is reported
    rather than silently skipped; a symbolic link is listed too and gets its
    error from ``raw_file_problem``. Hidden files and README files are not reports.
    """
    if not raw_dir.is_dir():
        return []
    found = []
    for path in raw_dir.rglob("*"):
        relative = path.relative_to(raw_dir)
        if not (path.is_file() or path.is_symlink()) or any(part.startswith(".") for part in relative.parts):
            continue
        if path.name.lower() in IGNORED_NAMES:
            continue
        found.append(relative.as_posix())
    return sorted(found)


def raw_file_problem(raw_dir: Path, key: str) -> str | None:
    """Why the file at ``key`` under ``raw_dir`` must not be read, or None.

    Only regular files inside the raw folder are read: a symbolic link (to a
    file or through a linked folder) is never followed.
    """
    path = raw_dir
    for part in Path(key).parts:
        path = path / part
        if path.is_symlink():
            return f"not read: {path.relative_to(raw_dir).as_posix()} is a symbolic link, which is never followed"
    if not path.exists():
        return "the file is no longer in the raw folder"
    if not path.is_file():
        return "not read: not a regular file"
    return None


def raw_file_sha256(raw_dir: Path, key: str) -> str:
    """The file's SHA-256, or "" where it must not be read (see raw_file_problem)."""
    return "" if raw_file_problem(raw_dir, key) else file_sha256(raw_dir / key)
