"""The report's words, read from the CSV files beside this module.

``check_names.csv``: each check's name in Swedish and the unit of its figures.
``labels.csv``: report types, months, statuses, sexes, outcomes and chart texts.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache
from pathlib import Path

HERE = Path(__file__).resolve().parent


@dataclass(frozen=True)
class CheckName:
    code: str
    name_sv: str
    unit: str


@cache
def check_names() -> dict[str, CheckName]:
    with (HERE / "check_names.csv").open(encoding="utf-8", newline="") as handle:
        return {
            row["check_name"]: CheckName(row["check_name"], row["name_sv"], row["unit"])
            for row in csv.DictReader(handle)
        }


@cache
def _labels() -> dict[tuple[str, str], str]:
    with (HERE / "labels.csv").open(encoding="utf-8", newline="") as handle:
        return {(row["kind"], row["code"]): row["label"] for row in csv.DictReader(handle)}


def label(kind: str, code: object) -> str:
    """The Swedish label of ``code``; the code itself where the file has none yet."""
    return _labels().get((kind, str(code)), str(code))


def check_name_sv(code: str) -> str:
    known = check_names().get(code)
    return known.name_sv if known else code


def check_unit(code: str) -> str:
    known = check_names().get(code)
    return known.unit if known else ""
