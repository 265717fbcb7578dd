"""The vocabulary the parser is handed: seed files it shares with the warehouse.

The parser reads insats names and participant outcome phrases from the same
CSV files that dbt loads as seeds, so the marts and the parser agree on them.
Where those files live is the caller's business: the parser never looks for
the dbt project. Words that only the parser uses (column roles, table words,
the Swedish word list) are data files inside ``parsing/`` and part of its code.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Catalog:
    insats: Path  # insats names, aliases and categories (insats.csv)
    participant_outcomes: Path  # outcome phrases and their codes (participant_outcomes.csv)

    @classmethod
    def in_folder(cls, folder: Path) -> Catalog:
        """The catalog whose files sit in one folder under their usual names."""
        return cls(folder / "insats.csv", folder / "participant_outcomes.csv")

    @property
    def files(self) -> tuple[Path, ...]:
        return (self.insats, self.participant_outcomes)
