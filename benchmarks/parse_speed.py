"""CPU time of parsing text reports: reports per second per core, and where the time goes.

    .venv/bin/python benchmarks/parse_speed.py [--rounds 3] [--profile 25]

Each text report under ``data/raw`` is extracted once, then parsed ``--rounds``
times as the pipeline parses it: each file is parsed in a fresh child process of
a forkserver that has filled the caches holding no report's text
(``warm_caches``), so every per-process cache is emptied and those are filled
again, untimed, before each parse. CPU time (not wall time) of the parse is
measured, so a loaded machine changes the figure less. ``--profile N`` adds the
N functions with the most cumulative time. Nothing is asserted.
"""

from __future__ import annotations

import argparse
import cProfile
import functools
import gc
import io
import os
import pstats
import sys
import time
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(PROJECT_ROOT / "dagster_project"))

from finsam_warehouse import settings
from finsam_warehouse.parsing.extract import extract_text
from finsam_warehouse.parsing.models import ExtractedText
from finsam_warehouse.parsing.ocr_repair import Vocabulary
from finsam_warehouse.parsing.report import empty_report, parse_extracted, warm_caches

RAW_DIR = PROJECT_ROOT / "data" / "raw"


def _memories() -> list:
    """What a fresh child process starts without: memoized functions and vocabulary lookups."""
    return [
        obj for obj in gc.get_objects()
        if isinstance(obj, Vocabulary)
        or (isinstance(obj, functools._lru_cache_wrapper) and "finsam_warehouse" in (obj.__module__ or ""))
    ]  # fmt: skip


def _parse_all(
    texts: list[tuple[str, ExtractedText]], memories: list, profile: cProfile.Profile | None = None
) -> float:
    """Parses every text as a fresh child process would; the CPU seconds of the parses (profiled if given)."""
    seconds = 0.0
    for key, text in texts:
        for memory in memories:
            memory.cache_clear() if hasattr(memory, "cache_clear") else memory.forget_matches()
        warm_caches(settings.PARSER_CATALOG)
        report = empty_report(key, "0" * 64)
        started = time.process_time()
        if profile:
            profile.runcall(parse_extracted, report, text, settings.PARSER_CATALOG)
        else:
            parse_extracted(report, text, settings.PARSER_CATALOG)
        seconds += time.process_time() - started
    return seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--profile", type=int, default=0, metavar="N")
    args = parser.parse_args()
    files = sorted(RAW_DIR.glob("*/*.txt"))
    texts = [(str(f.relative_to(RAW_DIR)), extract_text(f)) for f in files]
    lines = sum(len(t.lines) for _, t in texts)
    _parse_all(texts, [])  # imports, as the forkserver has them before a child starts
    memories = _memories()
    seconds = sum(_parse_all(texts, memories) for _ in range(args.rounds))
    per_report = seconds / (args.rounds * len(texts))
    print(f"{len(texts)} text reports ({lines / len(texts):.0f} lines each on average), {args.rounds} rounds")
    print(f"CPU per report: {per_report * 1000:.0f} ms = {1 / per_report:.1f} reports/s per core")
    print(f"load average: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    if args.profile:
        profile = cProfile.Profile()
        _parse_all(texts, memories, profile)
        out = io.StringIO()
        pstats.Stats(profile, stream=out).sort_stats("cumulative").print_stats(args.profile)
        print(out.getvalue())


if __name__ == "__main__":
    main()
