"""Build time per stage, reports per second and peak memory as the archive grows.

Generates N reports (annual and interim text reports whose comparatives agree,
over the registered associations and as many years as it takes; with
``--pdf-share`` some are printed as text-layer PDFs, with ``--scanned`` a few
as scans; ``--narrative-pages`` puts that many pages of prose before each
report's statements, as real reports of 20–60 pages carry), runs the real
build (`make run`'s CLI, a fresh Dagster home and warehouse per size, on the
executor of ``--executor`` or FINSAM_EXECUTOR), and prints per size: the whole
build, each stage, reports per second, the peak memory of the largest process,
and the load average of the machine before and after (these machines are
shared and noisy). Where there are text-layer PDFs it then times pdfplumber's
own ``extract_words`` over the same files on all cores, the floor for reading
them with that library, and prints the build as a multiple of it. With
``--reruns``, two more runs follow each build, as a nightly run meets them: one
with nothing changed and one after one report file changed, each timed as a
share of the full build.

    .venv/bin/python benchmarks/scale.py --sizes 50 200 [--pdf-share 0.1] [--scanned 2] [--narrative-pages 25]
        [--executor multiprocess] [--reruns] [--keep DIR]
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(PROJECT_ROOT))

import dagster as dg

from finsam_warehouse.orchestration.executors import configured_executor
from tests.multi_year_archive import ASSOCIATIONS, Books, annual_report, interim_report
from tests.pdf_fixtures import render_report_pdf, render_scanned_pdf
from tests.report_narrative import narrative_lines

# Steps of the nightly job, grouped into the stages a reader recognises.
STAGES = {
    "report_file": "list files",
    "report_text": "extract text",
    "parsed_report": "parse",
    "parsed_statistics": "parse",
    "raw_tables": "raw tables",
    "dbt_models": "dbt",
    "dbt_dq_reconciliation": "dbt",
    "reconciliation__check_results": "reconciliation (GX)",
    "published_warehouse": "report + publish",
}
# Steps run once per chunk of files, summed into one stage.
CHUNK_STAGES = {"read_reports.read_chunk": "read (all chunks)"}


def stage_of(step_key: str) -> str:
    prefix = step_key.split("[")[0]
    return STAGES.get(step_key) or CHUNK_STAGES.get(prefix) or step_key


def write_reports(raw: Path, count: int, pdf_share: float, scanned: int, narrative_pages: int) -> dict[str, int]:
    """``count`` reports under ``raw``; returns how many of each format."""
    made: dict[str, int] = defaultdict(int)
    per_year = 2 * len(ASSOCIATIONS)
    years = range(2000, 2000 + -(-count // per_year))
    pdf_every = round(1 / pdf_share) if pdf_share > 0 else 0
    for association_id in ASSOCIATIONS:
        (raw / association_id).mkdir(parents=True, exist_ok=True)
    for number in range(count):
        association_id = list(ASSOCIATIONS)[number % len(ASSOCIATIONS)]
        books = Books(list(ASSOCIATIONS).index(association_id), years.start)
        year = years.start + number // per_year
        interim = (number // len(ASSOCIATIONS)) % 2 == 1
        preface = narrative_lines(association_id, year, narrative_pages) if narrative_pages else []
        report = interim_report if interim else annual_report
        text = report(books, association_id, year, preface=preface)
        stem = raw / association_id / f"{'delar' if interim else 'ars'}redovisning_{year}"
        if scanned and made["pdf_ocr"] < scanned and number % 7 == 3:
            printed = render_report_pdf(text, stem.with_suffix(".tmp.pdf"))
            render_scanned_pdf(printed.path, stem.with_suffix(".pdf"), range(1, printed.page_count + 1))
            printed.path.unlink()
            made["pdf_ocr"] += 1
        elif pdf_every and number % pdf_every == 0:
            render_report_pdf(text, stem.with_suffix(".pdf"))
            made["pdf"] += 1
        else:
            stem.with_suffix(".txt").write_text(text, encoding="utf-8")
            made["text"] += 1
    return dict(made)


def stage_seconds(home: Path) -> dict[str, float]:
    """Seconds per stage of the newest run in ``home``, from its step events."""
    instance = dg.DagsterInstance.from_config(str(home))
    run = instance.get_runs(limit=1)[0]
    started: dict[str, float] = {}
    seconds: dict[str, float] = defaultdict(float)
    for record in instance.all_logs(run.run_id):
        event = record.dagster_event
        if event is None or record.step_key is None:
            continue
        if event.event_type_value == "STEP_START":
            started[record.step_key] = record.timestamp
        elif event.event_type_value in ("STEP_SUCCESS", "STEP_FAILURE") and record.step_key in started:
            stage = stage_of(record.step_key)
            seconds[stage] += record.timestamp - started[record.step_key]
    return dict(seconds)


# Runs a command and prints the peak resident memory (kB) of its largest process.
PEAK_WRAPPER = (
    "import resource, subprocess, sys; code = subprocess.run(sys.argv[1:]).returncode; "
    "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, file=sys.stderr); sys.exit(code)"
)


def build(root: Path, force: bool = True) -> tuple[float, float]:
    """Runs the CLI over root/raw; (wall seconds, peak MB of the largest process)."""
    env = os.environ | {
        "FINSAM_RAW_DIR": str(root / "raw"),
        "FINSAM_WAREHOUSE": str(root / "marts" / "warehouse.duckdb"),
        "DAGSTER_HOME": str(root / "dagster"),
        "DAGSTER_DISABLE_TELEMETRY": "true",
    }
    (root / "dagster").mkdir(exist_ok=True)
    started = time.monotonic()
    command = [sys.executable, "-c", PEAK_WRAPPER, sys.executable, "-m", "finsam_warehouse.cli"]
    command += ["--force"] if force else []
    done = subprocess.run(command, check=False, env=env, cwd=PROJECT_ROOT, capture_output=True, text=True)
    seconds = time.monotonic() - started
    if done.returncode != 0:
        raise SystemExit(f"the build failed:\n{done.stdout[-2000:]}\n{done.stderr[-2000:]}")
    peak_mb = int(done.stderr.strip().splitlines()[-1]) / 1024
    return seconds, peak_mb


def change_one_file(raw: Path) -> str:
    """Give one text report new bytes (a line added at its end); its path under ``raw``."""
    changed = min(raw.glob("*/*.txt"))
    with changed.open("a", encoding="utf-8") as handle:
        handle.write("\n")
    return changed.relative_to(raw).as_posix()


def measure_reruns(root: Path, full_seconds: float) -> None:
    """A run with nothing changed, then one with one file changed, as shares of the full build."""
    for label, change in (("no-op rerun", None), ("one file changed", change_one_file)):
        detail = f" ({change(root / 'raw')})" if change else ""
        load_before = os.getloadavg()[0]
        seconds, peak_mb = build(root, force=False)
        load_after = os.getloadavg()[0]
        print(f"  {label:<16} {seconds:8.1f} s = {100 * seconds / full_seconds:5.1f} % of the full build"
              f"   peak {peak_mb:6.0f} MB   load {load_before:.1f} → {load_after:.1f}{detail}")  # fmt: skip
        if change:
            for stage, stage_s in sorted(stage_seconds(root / "dagster").items(), key=lambda item: -item[1]):
                print(f"    {stage:<20} {stage_s:8.1f} s")


def _pdf_words(path: Path) -> int:
    import pdfplumber

    with pdfplumber.open(path) as pdf:
        return sum(1 for page in pdf.pages if page.extract_words())  # a scan's pages have no words


def pdf_floor(raw: Path) -> tuple[int, float]:
    """pdfplumber's own ``extract_words`` over every page of the text-layer PDFs under ``raw``,
    spread over all cores: (pages, wall seconds). The floor for reading them with that library."""
    pdfs = sorted(path for path in raw.glob("*/*.pdf"))
    started = time.monotonic()
    with ProcessPoolExecutor(os.cpu_count()) as pool:
        pages = sum(pool.map(_pdf_words, pdfs))  # a file at a time: no core waits on another's share
    return pages, time.monotonic() - started


def measure(size: int, workdir: Path, args: argparse.Namespace) -> None:
    root = workdir / f"n{size}"
    shutil.rmtree(root, ignore_errors=True)
    made = write_reports(root / "raw", size, args.pdf_share, args.scanned, args.narrative_pages)
    load_before = os.getloadavg()[0]
    seconds, peak_mb = build(root)
    load_after = os.getloadavg()[0]
    stages = stage_seconds(root / "dagster")
    formats = ", ".join(f"{n} {kind}" for kind, n in sorted(made.items()))
    print(f"\nN = {size} ({formats})")
    print(f"  whole build      {seconds:8.1f} s   {size / seconds:6.2f} reports/s   peak {peak_mb:6.0f} MB"
          f"   load {load_before:.1f} → {load_after:.1f}")  # fmt: skip
    for stage, stage_s in sorted(stages.items(), key=lambda item: -item[1]):
        print(f"  {stage:<22} {stage_s:8.1f} s")
    if made.get("pdf") and not args.no_floor:
        pages, floor = pdf_floor(root / "raw")
        print(f"  pdfplumber extract_words alone over the {pages} pages of the text-layer PDFs, on "
              f"{os.cpu_count()} cores: {floor:.1f} s; the whole build takes {seconds / floor:.2f}× that")  # fmt: skip
    if args.reruns:
        measure_reruns(root, seconds)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[50, 200, 800, 2400])
    parser.add_argument("--pdf-share", type=float, default=0.0, help="share of reports printed as text-layer PDFs")
    parser.add_argument("--scanned", type=int, default=0, help="how many reports to scan (OCR)")
    parser.add_argument("--narrative-pages", type=int, default=0, help="pages of prose before each report's statements")
    parser.add_argument("--executor", choices=("in_process", "multiprocess"), help="FINSAM_EXECUTOR of the builds")
    parser.add_argument("--reruns", action="store_true", help="time a no-op and a one-file-changed rerun too")
    parser.add_argument("--no-floor", action="store_true", help="skip timing extract_words alone over the PDFs")
    parser.add_argument("--keep", type=Path, help="work in this folder and keep it")
    args = parser.parse_args()
    if args.executor:
        os.environ["FINSAM_EXECUTOR"] = args.executor
    print(f"{os.cpu_count()} cores; sizes {args.sizes}; executor {configured_executor().kind}")
    with tempfile.TemporaryDirectory(prefix="finsam-scale-") as tmp:
        workdir = args.keep or Path(tmp)
        for size in args.sizes:
            measure(size, workdir, args)


if __name__ == "__main__":
    main()
