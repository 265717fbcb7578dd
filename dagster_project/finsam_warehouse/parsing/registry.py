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


def folder_mismatch(association_id: str, org_nr_printed: str | None, registry: dict[str, Association]) -> str | None:
    """Why a report printing ``org_nr_printed`` does not belong in ``association_id``'s folder.

    None where it fits, or where the report or the registry has no org.nr.
    """
    own = registry.get(association_id)
    if org_nr_printed is None or own is None or own.org_nr is None or own.org_nr == org_nr_printed:
        return None
    owner = next((a for a in registry.values() if a.org_nr == org_nr_printed), None)
    whose = f"that of {owner.association_id} ({owner.name})" if owner else "no registered association's"
    return (
        f"the report prints org.nr {org_nr_printed}, which is {whose}, not {association_id}'s "
        f"({own.org_nr}): is it in the wrong folder?"
    )
