"""One build of a warehouse at a time: a lock file beside it.

A build holds an exclusive ``flock`` on ``<warehouse>.lock`` from start to
publication; the kernel drops it when the process dies, even by kill -9, so a
lock is never left behind. The file records who holds it, for the message a
second build prints. Re-entrant within one process: ``make run`` takes it
before the run and the run's resource takes it again.
"""

from __future__ import annotations

import fcntl
import json
import os
import socket
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO

_held: dict[Path, tuple[IO[str], int]] = {}


class BuildLocked(Exception):
    """Another process is building this warehouse."""


def lock_path(warehouse: Path) -> Path:
    return warehouse.with_name(warehouse.name + ".lock")


def _holder(handle: IO[str]) -> str:
    handle.seek(0)
    try:
        holder = json.loads(handle.read() or "{}")
    except json.JSONDecodeError:
        return "another process"
    since = time.strftime("%Y-%m-%d %H:%M:%S", time.localtime(holder.get("since", 0)))
    return f"process {holder.get('pid', '?')} on {holder.get('host', '?')}, since {since}"


def acquire(warehouse: Path) -> None:
    """Take the lock or raise BuildLocked naming its holder."""
    path = lock_path(warehouse)
    if path in _held:
        handle, count = _held[path]
        _held[path] = (handle, count + 1)
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    handle = open(path, "a+", encoding="utf-8")  # noqa: SIM115 - held until release
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        holder = _holder(handle)
        handle.close()
        raise BuildLocked(f"another build of {warehouse} is running ({holder})") from None
    handle.seek(0)
    handle.truncate()
    handle.write(json.dumps({"pid": os.getpid(), "host": socket.gethostname(), "since": time.time()}))
    handle.flush()
    _held[path] = (handle, 1)


def release(warehouse: Path) -> None:
    path = lock_path(warehouse)
    if path not in _held:
        return
    handle, count = _held.pop(path)
    if count > 1:
        _held[path] = (handle, count - 1)
        return
    fcntl.flock(handle, fcntl.LOCK_UN)
    handle.close()


@contextmanager
def build_lock(warehouse: Path) -> Iterator[None]:
    acquire(warehouse)
    try:
        yield
    finally:
        release(warehouse)


def holds(warehouse: Path) -> bool:
    """True if this process holds the lock."""
    return lock_path(warehouse) in _held


def held_by(warehouse: Path, holder: str) -> bool:
    """True if the lock is held and its file names ``holder`` ("pid@host") as the holder.

    A run's steps in other processes (or on other machines sharing the folder)
    work under the lock of the build that launched them.
    """
    path = lock_path(warehouse)
    if not holder or not path.exists() or not is_building(warehouse):
        return False
    try:
        recorded = json.loads(path.read_text(encoding="utf-8") or "{}")
    except json.JSONDecodeError:
        return False
    return f"{recorded.get('pid')}@{recorded.get('host')}" == holder


def holder_of_this_process() -> str:
    """How ``held_by`` names this process."""
    return f"{os.getpid()}@{socket.gethostname()}"


def is_building(warehouse: Path) -> bool:
    """True while any process (this one included) holds the lock."""
    path = lock_path(warehouse)
    if path in _held:
        return True
    if not path.exists():
        return False
    with open(path, encoding="utf-8") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return True
        fcntl.flock(handle, fcntl.LOCK_UN)
    return False
