"""Whether a file's staged read still holds, and which files' reads do not.

A staged read holds while the file's bytes, the code that read it and the
association registry's verdict on its folder are as they were. The reading
steps reuse a read that holds; a build reads only the files whose reads do not.
"""

from __future__ import annotations

from pathlib import Path

from finsam_warehouse.parsing.catalog import Catalog
from finsam_warehouse.parsing.models import ParsedReport
from finsam_warehouse.parsing.registry import Association
from finsam_warehouse.parsing.report import extraction_version, parser_version
from finsam_warehouse.parsing.statistics import StatisticsFile, is_statistics_file, reader_version
from finsam_warehouse.warehouse import staging
from finsam_warehouse.warehouse.report_files import raw_file_sha256
from finsam_warehouse.warehouse.statistics_files import load_statistics, load_statistics_vocabulary


def text_holds(staged: staging.StagedText | None, sha: str) -> bool:
    """The staged text is of these bytes, by this extraction code (a parser change never re-extracts)."""
    return staged is not None and staged.source_sha256 == sha and staged.parser_version == extraction_version()


def parse_holds(previous: ParsedReport | None, sha: str, version: str, registry: dict[str, Association]) -> bool:
    """The staged parse is of these bytes, by this parser and catalog, in a registered folder."""
    return (
        previous is not None
        and previous.source_sha256 == sha
        and previous.parser_version == version
        and previous.association_id in registry
    )


def statistics_read_holds(
    previous: StatisticsFile | None, sha: str, version: str, registry: dict[str, Association]
) -> bool:
    """The staged statistics read still holds: same bytes, same reader and words, same folder verdict."""
    if previous is None or not sha or previous.source_sha256 != sha or previous.reader_version != version:
        return False
    folder_refused = (previous.error_message or "").startswith("unknown association")
    return (previous.association_id in registry) != folder_refused


def stale_files(
    staging_dir: Path, raw_dir: Path, keys: list[str], registry: dict[str, Association], catalog: Catalog
) -> list[str]:
    """The files, of ``keys``, whose staged reads do not hold (changed, never read, or read by other code)."""
    report_version = parser_version(catalog)
    statistics_version = reader_version(load_statistics_vocabulary())
    stale = []
    for key in keys:
        sha = raw_file_sha256(raw_dir, key)
        if is_statistics_file(key):
            holds = statistics_read_holds(load_statistics(staging_dir, key), sha, statistics_version, registry)
        else:
            # A file that must not be read (a symbolic link, gone) has no text to extract.
            holds = (not sha or text_holds(staging.load_text(staging_dir, key), sha)) and parse_holds(
                staging.load_parsed(staging_dir, key), sha, report_version, registry
            )
        if not holds:
            stale.append(key)
    return stale
