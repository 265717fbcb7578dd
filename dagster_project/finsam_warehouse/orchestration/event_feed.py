"""The events of runs whose steps run in other processes, for the command line's display.

In-process, Dagster's loggers hand every event to the display directly. When
the steps run in their own processes (multiprocess, Dask) their events reach
the instance's event log only, so a thread tails the log of the runs started
since the build began and hands each event to the display the same way.
"""

from __future__ import annotations

import logging
import threading
import time
from datetime import UTC, datetime
from types import TracebackType
from typing import Self

import dagster as dg

from finsam_warehouse.console import BuildDisplay

POLL_SECONDS = 0.5


class RunEventFeed(threading.Thread):
    def __init__(self, instance: dg.DagsterInstance, display: BuildDisplay) -> None:
        super().__init__(name="run-event-feed", daemon=True)
        self.instance = instance
        self.display = display
        self.since = time.time()
        self.cursors: dict[str, str | None] = {}
        self.stopping = threading.Event()

    def __enter__(self) -> Self:
        self.start()
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        self.stopping.set()
        self.join()

    def run(self) -> None:
        while not self.stopping.wait(POLL_SECONDS):
            self._poll()
        self._poll()  # the last events of the last run

    def _poll(self) -> None:
        runs = self.instance.get_run_records(
            dg.RunsFilter(created_after=datetime.fromtimestamp(self.since, tz=UTC)), ascending=True
        )
        for run in runs:
            run_id = run.dagster_run.run_id
            result = self.instance.get_records_for_run(run_id, cursor=self.cursors.get(run_id))
            for record in result.records:
                self._show(record.event_log_entry)
            self.cursors[run_id] = result.cursor

    def _show(self, entry: dg.EventLogEntry) -> None:
        """As Dagster's logger would hand it to the display in-process."""
        message = entry.user_message or (entry.dagster_event.message if entry.dagster_event else "") or ""
        meta = {"dagster_event": entry.dagster_event, "step_key": entry.step_key, "orig_message": message}
        self.display.record(logging.makeLogRecord({"levelno": entry.level, "msg": message, "dagster_meta": meta}))
