"""A subset of the corpus rendered once per test session, by every producer."""

from __future__ import annotations

from pathlib import Path

import pytest

from corpus.build import build
from corpus.render import PRODUCERS

SUBSET = ["annual-notes-cash-flow", "interim-three-columns-tkr"]


@pytest.fixture(scope="session")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("corpus")
    build(out, SUBSET, list(PRODUCERS), log=lambda _: None)
    return out
