"""Time and peak memory of the raw load (the `raw_tables` asset) as the number of reports grows.

Parses the text reports under ``data/raw`` once, then per size lays out N report
files (copies of them, each with its own bytes and path) and stages their parses
as the reading steps would. The real ``raw_tables`` asset is then materialized
alone in a fresh process, and its time and the peak resident memory of that
process are printed, with the load average before and after.

    .venv/bin/python benchmarks/raw_load.py --sizes 200 2400 [--keep DIR]
"""

from __future__ import annotations

import argparse
import copy
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(PROJECT_ROOT / "dagster_project"))

from finsam_warehouse import settings
from finsam_warehouse.parsing.registry import load_registry
from finsam_warehouse.parsing.report import file_sha256, parse_report, report_id_for
from finsam_warehouse.warehouse import staging

RAW_DIR = PROJECT_ROOT / "data" / "raw"


def stage_copies(root: Path, count: int) -> None:
    """``count`` report files under root/raw, each staged with the parse of the sample it copies."""
    registry = load_registry(settings.ASSOCIATIONS_SEED)
    samples = [
        (path, parse_report(path, RAW_DIR, registry, settings.PARSER_CATALOG))
        for path in sorted(RAW_DIR.glob("*/*.txt"))
    ]
    staging_dir = settings.staging_dir(root / "warehouse.duckdb")
    for number in range(count):
        sample, parsed = samples[number % len(samples)]
        key = f"{sample.parent.name}/copy_{number:05d}_{sample.name}"
        path = root / "raw" / key
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(sample.read_bytes() + f"\n{number}\n".encode())
        report = copy.deepcopy(parsed)
        report.source_file, report.source_sha256 = key, file_sha256(path)
        report.report_id = report_id_for(report.source_sha256, key)
        staging.save_parsed(staging_dir, report)


def load(root: Path) -> None:
    """Materialize raw_tables over root/raw; prints seconds and this process's peak MB."""
    import dagster as dg
    from finsam_warehouse.orchestration.partitions import report_files_partitions
    from finsam_warehouse.orchestration.resources import WarehouseResource
    from finsam_warehouse.orchestration.warehouse_assets import raw_tables
    from finsam_warehouse.warehouse.report_files import list_report_files

    instance = dg.DagsterInstance.ephemeral()
    instance.add_dynamic_partitions(report_files_partitions.name, list_report_files(root / "raw"))
    warehouse = WarehouseResource(warehouse=str(root / "warehouse.duckdb"), raw=str(root / "raw"))
    started = time.monotonic()
    result = dg.materialize([raw_tables], instance=instance, resources={"warehouse": warehouse})
    seconds = time.monotonic() - started
    assert result.success
    print(f"{seconds:.2f} {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[200, 2400])
    parser.add_argument("--keep", type=Path, help="work in this folder and keep it")
    parser.add_argument("--load", type=Path, help=argparse.SUPPRESS)  # the child: load this folder
    args = parser.parse_args()
    if args.load:
        load(args.load)
        return
    with tempfile.TemporaryDirectory(prefix="finsam-raw-load-") as tmp:
        for size in args.sizes:
            root = (args.keep or Path(tmp)) / f"n{size}"
            stage_copies(root, size)
            load_before = os.getloadavg()[0]
            command = [sys.executable, __file__, "--load", str(root)]
            done = subprocess.run(command, check=True, capture_output=True, text=True, cwd=PROJECT_ROOT)
            seconds, peak_mb = done.stdout.split()[-2:]
            print(f"N = {size:5d}   raw_tables {float(seconds):7.1f} s   peak {peak_mb:>5} MB"
                  f"   load {load_before:.1f} → {os.getloadavg()[0]:.1f}")  # fmt: skip


if __name__ == "__main__":
    main()
