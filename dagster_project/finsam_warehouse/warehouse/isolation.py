"""Run one file's extraction or parse in a separate, bounded process.

A runaway file (a flate bomb, a 100 000-page PDF, a huge image page) must cost
its own report an error, never the whole run. The work runs in a child process
with an address-space limit (``RLIMIT_AS``, inherited by tesseract) and a
wall-clock limit; on timeout the child's whole process group is killed.
Any exception in the child comes back as a message, not a crash.
"""

from __future__ import annotations

import multiprocessing
import os
import resource
import signal
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, TypeVar

from finsam_warehouse import settings

T = TypeVar("T")

# forkserver: children fork from a clean server process, not from a threaded
# Dagster or pytest process, and the parsing modules are imported (and their
# vocabulary files read, by warm_start) there once.
_CONTEXT = multiprocessing.get_context("forkserver")
_CONTEXT.set_forkserver_preload(
    [
        "finsam_warehouse.parsing.report",
        "finsam_warehouse.parsing.extract",
        "finsam_warehouse.warehouse.warm_start",
        "finsam_warehouse.warehouse.isolation",
    ]
)


@dataclass(frozen=True)
class Limits:
    """Bounds on one file's work. Defaults are in settings (FINSAM_PARSE_*)."""

    seconds: float = 120.0
    memory_bytes: int = 2 * 1024**3

    def __post_init__(self) -> None:
        if self.seconds <= 0:
            raise ValueError(f"the time limit must be positive, not {self.seconds}")
        if self.memory_bytes < 64 * 1024**2:
            raise ValueError(f"the memory limit must be at least 64 MB, not {self.memory_bytes} bytes")

    def memory_text(self) -> str:
        gb = self.memory_bytes / 1024**3
        return f"{gb:g} GB" if gb >= 1 else f"{self.memory_bytes // 1024**2} MB"


def configured_limits(seconds: float = 0, memory_mb: int = 0) -> Limits:
    """The limits given, else those of the settings (FINSAM_PARSE_SECONDS, FINSAM_PARSE_MEMORY_MB)."""
    return Limits(
        seconds=seconds or settings.parse_seconds(),
        memory_bytes=(memory_mb or settings.parse_memory_mb()) * 1024**2,
    )


class IsolatedFailure(Exception):
    """The work failed in its process: the message says how, for the report's error."""


def _child(connection: Any, limits: Limits, work: Callable[..., Any], args: tuple) -> None:
    os.setpgrp()  # so that a timeout kills tesseract and any other helper too
    resource.setrlimit(resource.RLIMIT_AS, (limits.memory_bytes, limits.memory_bytes))
    try:
        outcome = ("ok", work(*args))
    except MemoryError:
        outcome = ("error", f"needed more than {limits.memory_text()} of memory")
    except BaseException as exc:  # noqa: BLE001 - every failure becomes the report's error
        outcome = ("error", _describe(exc))
    peak_mb = (
        max(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
        / 1024
    )
    try:
        connection.send((*outcome, peak_mb))
    except MemoryError:
        connection.send(("error", f"needed more than {limits.memory_text()} of memory", peak_mb))
    connection.close()


def _describe(exc: BaseException) -> str:
    name = type(exc).__name__
    text = str(exc).strip()
    # ReportError messages are already written for a person.
    if name == "ReportError":
        return text
    return f"unexpected {name} while reading the file: {text}" if text else f"unexpected {name} while reading the file"


def _kill_group(process: Any) -> None:
    # The child first, so that it starts nothing more; then its group (helpers
    # such as tesseract), which exists once the child has called setpgrp.
    process.kill()
    try:
        os.killpg(process.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    process.join(5)


@contextmanager
def _main_module_hidden() -> Iterator[None]:
    """Start a child without it importing the parent's main module again.

    multiprocessing re-imports ``__main__`` in every child that is not forked
    from the parent (here: the Dagster CLI or `make run`, seconds of imports
    per file). The work comes from importable modules, so the child needs
    nothing from ``__main__``.
    """
    main = sys.modules["__main__"]
    saved = {name: main.__dict__[name] for name in ("__spec__", "__file__") if name in main.__dict__}
    main.__dict__.pop("__file__", None)
    main.__spec__ = None
    try:
        yield
    finally:
        main.__dict__.update(saved)
        if "__spec__" not in saved:
            del main.__spec__


@dataclass(frozen=True)
class Outcome:
    """How one isolated piece of work went: its value or error, its time and peak memory."""

    value: Any
    error: str | None
    seconds: float
    peak_mb: float | None  # resident memory at its peak (None if the process was killed)


def run_measured(work: Callable[..., Any], *args: Any, limits: Limits) -> Outcome:
    """``work(*args)`` in a bounded child process, never raising for the work's failures."""
    started = time.monotonic()
    receiver, sender = _CONTEXT.Pipe(duplex=False)
    process = _CONTEXT.Process(target=_child, args=(sender, limits, work, args), daemon=True)
    with _main_module_hidden():
        process.start()
    sender.close()
    try:
        if not receiver.poll(limits.seconds):
            _kill_group(process)
            return Outcome(None, f"gave up after {limits.seconds:g} s", time.monotonic() - started, None)
        try:
            status, value, peak_mb = receiver.recv()
        except EOFError:
            process.join(5)
            return Outcome(None, _death_message(process.exitcode, limits), time.monotonic() - started, None)
    finally:
        receiver.close()
    process.join(5)
    if process.is_alive():
        _kill_group(process)
    seconds = time.monotonic() - started
    return Outcome(value, None, seconds, peak_mb) if status == "ok" else Outcome(None, value, seconds, peak_mb)


def run_isolated(work: Callable[..., T], *args: Any, limits: Limits) -> T:
    """``work(*args)`` in a bounded child process; raises IsolatedFailure with a clear message."""
    outcome = run_measured(work, *args, limits=limits)
    if outcome.error is not None:
        raise IsolatedFailure(outcome.error)
    return outcome.value


def _death_message(exitcode: int | None, limits: Limits) -> str:
    if exitcode is not None and exitcode < 0:
        name = signal.Signals(-exitcode).name
        return f"the reading process was killed ({name}); it may have needed more than {limits.memory_text()}"
    return f"the reading process ended without a result (exit code {exitcode})"
