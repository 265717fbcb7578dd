"""Per-report parse results on disk, between the partitioned steps and the build.

Each report file has a folder under ``settings.staging_dir()`` named by its
path under the raw folder. Steps that parse in parallel write here; only the
single build step writes DuckDB.
"""

from __future__ import annotations

import json
import os
import tempfile
from dataclasses import asdict, dataclass
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from finsam_warehouse.parsing.models import (
    ExtractedText,
    ParsedReport,
    ReportMetadata,
    SectionCoverage,
    StatementFact,
    UnreadLine,
)

TEXT_FILE = "text.json"


@dataclass(frozen=True)
class StagedText:
    source_sha256: str
    parser_version: str | None  # the extraction code that produced it (extraction_version)
    text: ExtractedText | None
    error: str | None


PARSED_FILE = "parsed.json"


def _default(value: Any) -> Any:
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    raise TypeError(f"cannot store {type(value).__name__}")


def write_json_atomic(path: Path, data: Any) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=path.name, suffix=".tmp")
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        json.dump(data, handle, ensure_ascii=False, default=_default)
    os.replace(tmp, path)


def report_dir(staging: Path, source_file: str) -> Path:
    return staging / source_file


def save_text(
    staging: Path,
    source_file: str,
    sha256: str,
    parser_version: str,
    text: ExtractedText | None,
    error: str | None = None,
) -> Path:
    """Store the text of a file, or why it could not be read."""
    path = report_dir(staging, source_file) / TEXT_FILE
    body = text.to_dict() if text is not None else {}
    write_json_atomic(path, {"source_sha256": sha256, "parser_version": parser_version, "error": error, **body})
    return path


def load_text(staging: Path, source_file: str) -> StagedText | None:
    path = report_dir(staging, source_file) / TEXT_FILE
    if not path.exists():
        return None
    data = json.loads(path.read_text(encoding="utf-8"))
    text = ExtractedText.from_dict(data) if data.get("error") is None else None
    return StagedText(data["source_sha256"], data.get("parser_version"), text, data.get("error"))


def save_parsed(staging: Path, report: ParsedReport) -> Path:
    path = report_dir(staging, report.source_file) / PARSED_FILE
    write_json_atomic(path, asdict(report))
    return path


def _date_or_none(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def load_parsed(staging: Path, source_file: str) -> ParsedReport | None:
    path = report_dir(staging, source_file) / PARSED_FILE
    if not path.exists():
        return None
    data = json.loads(path.read_text(encoding="utf-8"))
    meta = data.pop("metadata")
    facts = data.pop("statement_facts")
    coverage = data.pop("coverage", [])
    unread = data.pop("unread_lines", [])
    report = ParsedReport(**data)
    report.coverage = [SectionCoverage(**c) for c in coverage]
    report.unread_lines = [UnreadLine(**u) for u in unread]
    if meta:
        report.metadata = ReportMetadata(
            report_type=meta["report_type"],
            period_start=date.fromisoformat(meta["period_start"]),
            period_end=date.fromisoformat(meta["period_end"]),
            decided_on=_date_or_none(meta["decided_on"]),
            org_nr_printed=meta["org_nr_printed"],
        )
    report.statement_facts = [
        StatementFact(
            **{
                **f,
                "period_start": _date_or_none(f["period_start"]),
                "period_end": date.fromisoformat(f["period_end"]),
                "amount_sek": Decimal(f["amount_sek"]),
            }
        )
        for f in facts
    ]
    return report
