"""The sample statistics files and the reader's vocabulary from the real seeds."""

from __future__ import annotations

from pathlib import Path

import pytest

from finsam_warehouse import settings
from finsam_warehouse.parsing.registry import Association, load_registry
from finsam_warehouse.parsing.statistics import StatisticsFile, StatisticsVocabulary
from finsam_warehouse.warehouse.statistics_files import load_statistics_vocabulary, read_statistics
from tests.conftest import SAMPLE_RAW_DIR

SUS_STATUS = "vastra-ostergotland/SUS_standardrapport_status_2021-01-01--2021-08-31.xlsx"
SUS_ENDED = "vastra-ostergotland/SUS_avslutade_sysselsattning_2021-01-01--2021-08-31.csv"
UPPFOLJNING = "lekeberg-orebro/Uppfoljning_Finsam_deltagare_2023-01-01_2023-06-30.csv"


@pytest.fixture(scope="session")
def vocabulary() -> StatisticsVocabulary:
    return load_statistics_vocabulary()


@pytest.fixture(scope="session")
def registry() -> dict[str, Association]:
    return load_registry(settings.ASSOCIATIONS_SEED)


@pytest.fixture(scope="session")
def read(vocabulary, registry):
    """Read a file under a raw folder (the samples' by default) by its key."""

    def _read(key: str, raw_dir: Path = SAMPLE_RAW_DIR) -> StatisticsFile:
        return read_statistics(raw_dir, key, registry, vocabulary)

    return _read
