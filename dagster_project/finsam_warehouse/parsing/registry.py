"""The registry of associations: which folders under data/raw/ are known."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Association:
    association_id: str
    name: str
    org_nr: str | None


def load_registry(seed_csv: Path) -> dict[str, Association]:
    with seed_csv.open(encoding="utf-8", newline="") as handle:
        return {
            row["association_id"]: Association(row["association_id"], row["name"], row["org_nr"] or None)
            for row in csv.DictReader(handle)
        }
