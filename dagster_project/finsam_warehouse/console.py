"""What `make run` shows while it builds: one line per stage, a live bar on a terminal.

Dagster's events reach ``BuildDisplay`` through the ``progress`` logger, each
file read through ``finsam_warehouse.progress``, and dbt's output (which
dagster-dbt writes to stdout) through ``DbtOutput``: one line per dbt step
unless verbose. Colour only on a terminal (rich decides).
"""

from __future__ import annotations

import io
import logging
import re
import sys
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager, redirect_stdout
from typing import Self

import dagster as dg
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.text import Text

from finsam_warehouse.progress import listening

STAGES = {
    "report_file": "Check files",
    "read_reports.read_chunk": "Parse reports",
    "parsed_statistics": "Read statistics files",
    "raw_tables": "Load raw tables",
    "dbt_models": "dbt: models and tests",
    "reconciliation__check_results": "Reconcile (Great Expectations)",
    "dbt_dq_reconciliation": "dbt: dq_reconciliation",
    "published_warehouse": "Report, exports and publication",
}


# Book-keeping steps of reading (split into chunks, record the outcomes): a line only if they fail.
QUIET_STEPS = ("read_reports.plan_chunks", "read_reports.record_reads")


def stage_name(step: str) -> str:
    """The stage a step belongs to; each chunk's step (``op[chunk_3]``) is a line of its op's stage."""
    op = step.partition("[")[0]
    return STAGES.get(op, op)


DBT_STEP = re.compile(r"(?P<n>\d+) of (?P<total>\d+) (?P<what>START|OK|PASS|WARN|ERROR|FAIL|SKIP)\b")


class BuildDisplay:
    """Stage lines with counts; a progress bar for the running stage on a terminal."""

    def __init__(self, verbose: bool = False, file=None) -> None:
        self.console = Console(file=file or sys.stdout, highlight=False)
        self.verbose = verbose
        self.progress = Progress(
            TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
            console=self.console, transient=True, disable=not self.console.is_terminal,
        )  # fmt: skip
        self.task = None
        self.started: dict[str, float] = {}
        self.outcomes: dict[str, Counter] = {}
        self.problems: set[str] = set()

    def __enter__(self) -> Self:
        self.progress.start()
        return self

    def __exit__(self, *exc) -> None:
        self.progress.stop()

    def line(self, text: str, style: str | None = None) -> None:
        self.progress.console.print(Text(text, style=style), soft_wrap=True)

    def stage_started(self, step: str) -> None:
        self.started[step] = time.monotonic()
        self.outcomes[step] = Counter()
        if self.task is not None:
            self.progress.remove_task(self.task)
        self.task = self.progress.add_task(stage_name(step), total=None)

    def stage_finished(self, step: str, failed: bool = False) -> None:
        seconds = time.monotonic() - self.started.get(step, time.monotonic())
        counts = ", ".join(f"{n} {outcome}" for outcome, n in self.outcomes.get(step, Counter()).items())
        mark, style = ("✗", "bold red") if failed else ("✓", "green")
        if step in QUIET_STEPS and not failed:
            return
        self.line(f"{mark} {stage_name(step)}{': ' + counts if counts else ''} ({seconds:.0f} s)", style)

    def file_done(self, stage: str, key: str, total: int, outcome: str) -> None:
        self.outcomes.setdefault(stage, Counter())[outcome] += 1
        if self.task is not None:
            self.progress.update(self.task, total=total, advance=1)

    def dbt_line(self, line: str) -> None:
        plain = Text.from_ansi(line).plain
        if self.verbose:
            self.line(plain)
        step = DBT_STEP.search(plain)
        if step is None:
            return
        stage = next(reversed(self.outcomes), None)
        if step["what"] != "START" and stage is not None:
            self.outcomes[stage][{"OK": "built", "PASS": "passed"}.get(step["what"], step["what"].lower())] += 1
        if self.task is not None:
            self.progress.update(self.task, total=int(step["total"]), completed=int(step["n"]))

    def record(self, record: logging.LogRecord) -> None:
        """A Dagster log record: step events drive the stages, errors are shown once."""
        meta = getattr(record, "dagster_meta", {}) or {}
        event: dg.DagsterEvent | None = meta.get("dagster_event")
        step = meta.get("step_key")
        if event is not None and step:
            if event.event_type_value == "STEP_START":
                self.stage_started(step)
            elif event.event_type_value in ("STEP_SUCCESS", "STEP_FAILURE"):
                self.stage_finished(step, failed=event.event_type_value == "STEP_FAILURE")
            return
        message = meta.get("orig_message") or record.getMessage()
        if self.verbose:
            self.line(f"{step or ''} {message}".strip())
        elif record.levelno >= logging.WARNING and message not in self.problems:
            self.problems.add(message)
            self.line(f"! {message}", "yellow")


class DbtOutput(io.TextIOBase):
    """A stdout for dagster-dbt's echo of dbt's log: hands each line to the display."""

    def __init__(self, display: BuildDisplay) -> None:
        self.display = display
        self.pending = ""

    def writable(self) -> bool:
        return True

    def write(self, text: str) -> int:
        self.pending += text
        *lines, self.pending = self.pending.split("\n")
        for line in lines:
            self.display.dbt_line(line)
        return len(text)


_current: list[BuildDisplay] = []


class _DisplayHandler(logging.Handler):
    def emit(self, record: logging.LogRecord) -> None:
        if _current:
            _current[-1].record(record)


@dg.logger(description="Hands the run's events to the command line's progress display.")
def progress_logger(_init_context: dg.InitLoggerContext) -> logging.Logger:
    log = logging.Logger("finsam_progress", level=logging.DEBUG)  # noqa: LOG001 - one per run, not a global
    log.addHandler(_DisplayHandler())
    return log


@contextmanager
def showing(display: BuildDisplay) -> Iterator[BuildDisplay]:
    """Route the ``progress`` logger's records, each file read and dbt's output to ``display``."""
    _current.append(display)
    try:
        with listening(display.file_done), redirect_stdout(DbtOutput(display)):
            yield display
    finally:
        _current.remove(display)
