"""Pages per second of PDF text extraction: text-layer PDFs and scanned PDFs (OCR).

Run from the project folder:

    .venv/bin/python benchmarks/extraction_speed.py

The sample reports are printed to PDF (and a scanned copy of one is made) in a
temporary folder, as the tests do; then each is read with ``extract_text``.
OCR needs tesseract-ocr and tesseract-ocr-swe. Nothing is asserted.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(PROJECT_ROOT))  # for tests.pdf_fixtures

from finsam_warehouse.parsing.extract import OCR_WORKERS, extract_text, ocr_language
from tests.pdf_fixtures import render_report_pdf, render_scanned_pdf

SAMPLES = ["000_64bff6a06dc0d84a.txt", "002_caf57892eec3f583.txt", "003_76c6639e21d29c62.txt"]
SCANNED_SAMPLE = "002_caf57892eec3f583.txt"


def sample_path(name: str) -> Path:
    return next((PROJECT_ROOT / "data" / "raw").glob(f"*/{name}"))


def timed_pages(paths: list[Path], rounds: int) -> tuple[int, float]:
    """Pages read and the best time of ``rounds`` reads of all ``paths``."""
    best = float("inf")
    pages = 0
    for _ in range(rounds):
        started = time.perf_counter()
        pages = sum(extract_text(path).page_count or 0 for path in paths)
        best = min(best, time.perf_counter() - started)
    return pages, best


def report(kind: str, pages: int, seconds: float) -> None:
    print(f"{kind:<28} {pages:>4} pages in {seconds:6.2f} s = {pages / seconds:6.2f} pages/s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rounds", type=int, default=3, help="reads of the text-layer PDFs (best is shown)")
    parser.add_argument("--ocr-pages", type=int, default=8, help="pages of the scanned copy (0: no OCR)")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="finsam-bench-") as folder:
        work = Path(folder)
        printed = {
            name: render_report_pdf(sample_path(name).read_text(encoding="utf-8"), work / f"{name[:3]}.pdf")
            for name in SAMPLES
        }
        pages, seconds = timed_pages([r.path for r in printed.values()], args.rounds)
        report("text layer (pdfplumber)", pages, seconds)

        if args.ocr_pages <= 0:
            return
        tesseract = shutil.which("tesseract")
        if tesseract is None:
            print("OCR: tesseract is not installed (apt-get install tesseract-ocr tesseract-ocr-swe)")
            return
        source = printed[SCANNED_SAMPLE]
        count = min(args.ocr_pages, source.page_count)
        scan = render_scanned_pdf(source.path, work / "scanned.pdf", range(1, count + 1))
        pages, seconds = timed_pages([scan], 1)
        report(f"OCR ({ocr_language(tesseract)}, {OCR_WORKERS} workers)", pages, seconds)


if __name__ == "__main__":
    main()
