"""The nightly schedule and the raw-folder sensor, evaluated against a real instance."""

from __future__ import annotations

import shutil
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import dagster as dg
import pytest

from finsam_warehouse.definitions import defs
from finsam_warehouse.orchestration.partitions import report_files_partitions
from finsam_warehouse.orchestration.runs import PARTITION_RANGE_END_TAG, PARTITION_RANGE_START_TAG
from finsam_warehouse.orchestration.schedules import nightly_warehouse_schedule
from finsam_warehouse.orchestration.sensors import raw_folder_sensor
from tests.conftest import sample_path


@pytest.fixture
def raw(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "raw"
    (folder / "sofint").mkdir(parents=True)
    monkeypatch.setenv("FINSAM_RAW_DIR", str(folder))
    return folder


def add_report(raw: Path, name: str, association: str = "sofint") -> str:
    (raw / association).mkdir(exist_ok=True)
    shutil.copy(sample_path(name), raw / association / name)
    return f"{association}/{name}"


def test_the_schedule_runs_at_two_in_stockholm() -> None:
    assert nightly_warehouse_schedule.cron_schedule == "0 2 * * *"
    assert nightly_warehouse_schedule.execution_timezone == "Europe/Stockholm"
    assert nightly_warehouse_schedule.job_name == "nightly_warehouse_job"


def test_the_schedule_asks_for_one_run_over_every_report(raw: Path) -> None:
    first = add_report(raw, "000_64bff6a06dc0d84a.txt")
    last = add_report(raw, "001_f7400a145f68ac80.txt")
    with dg.instance_for_test() as instance:
        context = dg.build_schedule_context(
            instance=instance,
            scheduled_execution_time=datetime(2026, 11, 23, 2, 0, tzinfo=ZoneInfo("Europe/Stockholm")),
        )
        request = nightly_warehouse_schedule(context)
        assert isinstance(request, dg.RunRequest)
        assert request.run_key == "nightly-2026-11-23"
        assert request.tags[PARTITION_RANGE_START_TAG] == first
        assert request.tags[PARTITION_RANGE_END_TAG] == last
        assert instance.get_dynamic_partitions(report_files_partitions.name) == [first, last]


def test_the_schedule_skips_an_empty_raw_folder(raw: Path) -> None:
    with dg.instance_for_test() as instance:
        result = nightly_warehouse_schedule(dg.build_schedule_context(instance=instance))
        assert isinstance(result, dg.SkipReason)


def evaluate(instance: dg.DagsterInstance, cursor: str | None) -> dg.SensorResult:
    context = dg.build_sensor_context(instance=instance, cursor=cursor, definitions=defs)
    result = raw_folder_sensor(context)
    assert isinstance(result, dg.SensorResult)
    return result


def test_the_sensor_asks_once_for_a_new_file_and_again_when_it_changes(raw: Path) -> None:
    key = add_report(raw, "000_64bff6a06dc0d84a.txt")
    with dg.instance_for_test() as instance:
        first = evaluate(instance, None)
        assert [r.partition_key for r in first.run_requests] == [key]
        assert first.dynamic_partitions_requests[0].partition_keys == [key]

        unchanged = evaluate(instance, first.cursor)
        assert unchanged.run_requests == []
        assert unchanged.skip_reason is not None

        with (raw / key).open("a", encoding="utf-8") as handle:
            handle.write("\nRättelse.\n")
        changed = evaluate(instance, unchanged.cursor or first.cursor)
        assert [r.partition_key for r in changed.run_requests] == [key]
        assert changed.run_requests[0].run_key != first.run_requests[0].run_key


def test_the_sensor_asks_for_one_run_over_several_new_files_and_drops_removed_ones(raw: Path) -> None:
    keys = [add_report(raw, "000_64bff6a06dc0d84a.txt"), add_report(raw, "001_f7400a145f68ac80.txt")]
    with dg.instance_for_test() as instance:
        first = evaluate(instance, None)
        (request,) = first.run_requests
        assert request.partition_key is None
        assert (request.tags[PARTITION_RANGE_START_TAG], request.tags[PARTITION_RANGE_END_TAG]) == tuple(keys)

        instance.add_dynamic_partitions(report_files_partitions.name, keys)
        (raw / keys[0]).unlink()
        second = evaluate(instance, first.cursor)
        deletes = [r for r in second.dynamic_partitions_requests if isinstance(r, dg.DeleteDynamicPartitionsRequest)]
        assert deletes[0].partition_keys == [keys[0]]
        (rebuild,) = second.run_requests
        assert rebuild.tags[PARTITION_RANGE_START_TAG] == keys[1]
