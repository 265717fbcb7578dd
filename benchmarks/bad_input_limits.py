"""What each bad input costs: its error, the time and the peak memory it took.

Builds the bad-input folder of the reliability tests and reads every file the
way a build does (extraction, then parsing, each in its own bounded process),
with the limits given. Prints one row per file.

    .venv/bin/python benchmarks/bad_input_limits.py [--seconds 20] [--memory-mb 1024]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from finsam_warehouse import settings  # noqa: E402
from finsam_warehouse.parsing.extract import extract_text  # noqa: E402
from finsam_warehouse.parsing.registry import folder_mismatch, load_registry  # noqa: E402
from finsam_warehouse.parsing.report import association_of, empty_report, file_sha256, parse_extracted  # noqa: E402
from finsam_warehouse.warehouse.isolation import Limits, run_measured  # noqa: E402
from finsam_warehouse.warehouse.report_files import list_report_files, raw_file_problem  # noqa: E402
from finsam_warehouse.warehouse.value_ranges import out_of_range_problem  # noqa: E402
from tests.reliability.bad_inputs import TEST_MEMORY_MB, TEST_SECONDS, write_bad_input_folder  # noqa: E402


def read_like_a_build(raw: Path, key: str, limits: Limits, registry: dict) -> tuple[str, float, float | None]:
    """(outcome, seconds, peak MB) for one file, as the report assets read it."""
    problem = raw_file_problem(raw, key)
    if problem:
        return problem, 0.0, None
    try:
        association_of(key, registry)
    except Exception as exc:  # noqa: BLE001
        return str(exc), 0.0, None
    extraction = run_measured(extract_text, raw / key, limits=limits)
    if extraction.error:
        return extraction.error, extraction.seconds, extraction.peak_mb
    report = empty_report(key, file_sha256(raw / key))
    parse = run_measured(parse_extracted, report, extraction.value, settings.PARSER_CATALOG, limits=limits)
    seconds = extraction.seconds + parse.seconds
    peak = max(m for m in (extraction.peak_mb, parse.peak_mb) if m is not None) if parse.peak_mb else None
    if parse.error:
        return parse.error, seconds, peak
    meta = parse.value.metadata
    problem = out_of_range_problem(parse.value) or folder_mismatch(
        parse.value.association_id, meta.org_nr_printed if meta else None, registry
    )
    return problem or f"ok ({len(parse.value.statement_facts)} statement figures)", seconds, peak


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seconds", type=float, default=TEST_SECONDS)
    parser.add_argument("--memory-mb", type=int, default=TEST_MEMORY_MB)
    args = parser.parse_args()
    limits = Limits(args.seconds, args.memory_mb * 1024**2)
    registry = load_registry(settings.ASSOCIATIONS_SEED)
    with tempfile.TemporaryDirectory() as tmp:
        raw = Path(tmp) / "raw"
        write_bad_input_folder(raw, Path(tmp) / "outside")
        print(f"limits: {args.seconds:g} s, {args.memory_mb} MB per file\n")
        print(f"{'file':36} {'seconds':>8} {'peak MB':>8}  outcome")
        for key in list_report_files(raw):
            outcome, seconds, peak = read_like_a_build(raw, key, limits, registry)
            peak_text = f"{peak:8.0f}" if peak is not None else f"{'-':>8}"
            print(f"{key:36} {seconds:8.1f} {peak_text}  {outcome[:110]}")


if __name__ == "__main__":
    main()
