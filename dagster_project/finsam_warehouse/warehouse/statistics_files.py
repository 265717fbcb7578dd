"""The statistics reader's vocabulary from the dbt seeds, and reading one statistics file.

The reader itself (parsing/statistics) knows no paths: this module loads its
words from the seeds and checks the file's folder against the association
registry, as for reports.
"""

from __future__ import annotations

import csv
import json
from dataclasses import asdict
from datetime import date
from decimal import Decimal
from pathlib import Path

from finsam_warehouse import settings
from finsam_warehouse.parsing.models import ReportError
from finsam_warehouse.parsing.registry import Association
from finsam_warehouse.parsing.report import association_of, file_sha256
from finsam_warehouse.parsing.statistics import (
    StatisticsFigure,
    StatisticsFile,
    StatisticsVocabulary,
    failed_file,
    read_statistics_file,
)
from finsam_warehouse.warehouse import staging
from finsam_warehouse.warehouse.isolation import IsolatedFailure, Limits, configured_limits, run_isolated
from finsam_warehouse.warehouse.report_files import raw_file_problem

SEEDS_DIR = settings.DBT_PROJECT_DIR / "seeds"


def _seed_rows(name: str) -> list[dict[str, str]]:
    with (SEEDS_DIR / name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def insats_alias_rows(rows: list[dict[str, str]]) -> list[dict[str, str]]:
    """One row per insats and name (display name and each alias), as int_insats_aliases."""
    aliases = []
    for row in rows:
        for name in [row["display_name"], *(row.get("aliases") or "").split("|")]:
            if name.strip():
                aliases.append({"association_id": row["association_id"], "insats_id": row["insats_id"], "alias": name.strip()})
        # fmt: skip
    return aliases


def load_statistics_vocabulary() -> StatisticsVocabulary:
    return StatisticsVocabulary(
        terms=_seed_rows("statistics_vocabulary.csv"),
        outcomes=_seed_rows("participant_outcomes.csv"),
        insats_aliases=insats_alias_rows(_seed_rows("insats.csv")),
    )


def read_statistics(
    raw_dir: Path,
    key: str,
    registry: dict[str, Association],
    vocabulary: StatisticsVocabulary,
    limits: Limits | None = None,
) -> StatisticsFile:
    """Read ``<raw_dir>/<key>`` in a bounded process; a file that is gone, a link or in an
    unknown folder, or that the reader gives up on, gets its error."""
    path = raw_dir / key
    association_id = key.split("/")[0]
    problem = raw_file_problem(raw_dir, key)
    if problem:
        return failed_file(key, "", association_id, vocabulary, problem)
    sha = file_sha256(path)
    try:
        association_of(key, registry)
    except ReportError as exc:
        return failed_file(key, sha, association_id, vocabulary, str(exc))
    org_nr = registry[association_id].org_nr
    try:
        return run_isolated(
            read_statistics_file, path, key, sha, association_id, vocabulary, org_nr, limits=limits or configured_limits()
        )
    except IsolatedFailure as exc:
        return failed_file(key, sha, association_id, vocabulary, str(exc))


# --- staged reads, between the partitioned step and the build -----------------

STATISTICS_FILE = "statistics.json"


def save_statistics(staging_dir: Path, statistics: StatisticsFile) -> Path:
    path = staging.report_dir(staging_dir, statistics.source_file) / STATISTICS_FILE
    staging.write_json_atomic(path, asdict(statistics))
    return path


def _date_or_none(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def load_statistics(staging_dir: Path, source_file: str) -> StatisticsFile | None:
    path = staging.report_dir(staging_dir, source_file) / STATISTICS_FILE
    if not path.exists():
        return None
    data = json.loads(path.read_text(encoding="utf-8"))
    figures = data.pop("figures")
    statistics = StatisticsFile(**data)
    statistics.period_start = _date_or_none(data["period_start"])
    statistics.period_end = _date_or_none(data["period_end"])
    statistics.figures = [
        StatisticsFigure(
            **{
                **f,
                "period_start": date.fromisoformat(f["period_start"]),
                "period_end": date.fromisoformat(f["period_end"]),
                "share_pct": Decimal(f["share_pct"]) if f["share_pct"] is not None else None,
            }
        )
        for f in figures
    ]
    return statistics
