"""The insats registry (the catalog's insats.csv) and matching printed names to it."""

from __future__ import annotations

import csv
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from finsam_warehouse.parsing.ocr_repair import Vocabulary


@dataclass(frozen=True)
class Insats:
    association_id: str
    insats_id: str
    display_name: str
    category: str | None
    aliases: tuple[str, ...]


def load_insatser(seed_csv: Path) -> list[Insats]:
    """The insats registry: one entry per insats, with the names reports use for it."""
    if not seed_csv.exists():
        return []
    with seed_csv.open(encoding="utf-8", newline="") as handle:
        return [
            Insats(
                association_id=row["association_id"],
                insats_id=row["insats_id"],
                display_name=row["display_name"],
                category=row["category"] or None,
                aliases=tuple(a.strip() for a in (row["aliases"] or "").split("|") if a.strip()),
            )
            for row in csv.DictReader(handle)
        ]


class InsatsResolver:
    """Matches a printed name to an insats of one association, tolerating OCR damage."""

    def __init__(self, insatser: Iterable[Insats], association_id: str | None) -> None:
        phrases: list[tuple[str, Insats]] = []
        for insats in insatser:
            if association_id is not None and insats.association_id != association_id:
                continue
            phrases.extend((name, insats) for name in (insats.display_name, *insats.aliases))
        self._vocabulary: Vocabulary[Insats] = Vocabulary(phrases, min_score=90.0)

    def resolve(self, label: str) -> tuple[Insats, str] | None:
        """The insats and the alias it matched, or None."""
        found = self._vocabulary.match(label)
        return (found.entry, found.phrase) if found else None
