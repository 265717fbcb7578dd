"""Progress of a build, file by file, for whoever shows it (the command line).

Assets call ``file_done`` once per file; with no listener (a run in the
Dagster daemon) nothing happens. Plain Python, no Dagster import.
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import contextmanager
from typing import Iterator

# listener(stage, file key, files in the stage, outcome such as "parsed" or "unchanged")
Listener = Callable[[str, str, int, str], None]
_listeners: list[Listener] = []


def file_done(stage: str, key: str, total: int, outcome: str) -> None:
    for listener in list(_listeners):
        listener(stage, key, total, outcome)


@contextmanager
def listening(listener: Listener) -> Iterator[None]:
    _listeners.append(listener)
    try:
        yield
    finally:
        _listeners.remove(listener)
