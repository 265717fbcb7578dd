"""Pages per second of PDF text extraction: text-layer PDFs and scanned PDFs (OCR).

Run from the project folder:

    .venv/bin/python benchmarks/extraction_speed.py

The sample reports are printed to PDF (and a scanned copy of one is made) in a
temporary folder, as the tests do; the text-layer PDFs of the layout corpus
(data/corpus, `make corpus`) are added when it is there. Side by side, in one
run over the same pages: pdfplumber's own ``extract_words`` (the floor for
reading PDFs with it), ``extract_text`` (words → lines and tables) and the
whole read (``extract_text`` and ``parse_extracted``). OCR needs tesseract-ocr
and tesseract-ocr-swe. Nothing is asserted.
"""

from __future__ import annotations

import argparse
import logging
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(PROJECT_ROOT))  # for tests.pdf_fixtures

from finsam_warehouse import settings
from finsam_warehouse.parsing.extract import OCR_WORKERS, extract_text, ocr_language
from finsam_warehouse.parsing.models import ReportError
from finsam_warehouse.parsing.report import empty_report, parse_extracted

from tests.pdf_fixtures import render_report_pdf, render_scanned_pdf

SAMPLES = ["000_64bff6a06dc0d84a.txt", "002_caf57892eec3f583.txt", "003_76c6639e21d29c62.txt"]
SCANNED_SAMPLE = "002_caf57892eec3f583.txt"
CORPUS = PROJECT_ROOT / "data" / "corpus"
TEXT_LAYER_PRODUCERS = ("reportlab", "chromium", "libreoffice")


def sample_path(name: str) -> Path:
    return next((PROJECT_ROOT / "data" / "raw").glob(f"*/{name}"))


def pdfplumber_words(path: Path) -> int:
    """pdfplumber alone: open the PDF and take every page's words, as the text route asks for them."""
    import pdfplumber

    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            page.extract_words(keep_blank_chars=False)
        return len(pdf.pages)


def extracted_pages(path: Path) -> int:
    return extract_text(path).page_count or 0


def parsed_pages(path: Path) -> int:
    """Read and parse; a file the parser finds no figures in still counts its pages."""
    text = extract_text(path)
    try:
        parse_extracted(empty_report(f"{path.parent.name}/{path.name}", ""), text, settings.PARSER_CATALOG)
    except ReportError:
        pass
    return text.page_count or 0


def timed(read: Callable[[Path], int], paths: list[Path], rounds: int, clock: Callable[[], float]) -> tuple[int, float]:
    """Pages read and the best time of ``rounds`` reads of all ``paths``."""
    best = float("inf")
    pages = 0
    for _ in range(rounds):
        started = clock()
        pages = sum(read(path) for path in paths)
        best = min(best, clock() - started)
    return pages, best


def report(kind: str, pages: int, seconds: float, floor: float | None = None, unit: str = "s") -> None:
    ratio = f"  ({seconds / floor:4.2f}× extract_words)" if floor else ""
    print(f"{kind:<34} {pages:>4} pages in {seconds:6.2f} {unit} = {pages / seconds:6.2f} pages/{unit}{ratio}")


def text_layer_side_by_side(paths: list[Path], rounds: int) -> None:
    """The three reads of the same text-layer PDFs, one after the other in this process.

    Timed in CPU seconds of this process (all three read in-process), which
    other work on a shared machine disturbs far less than wall-clock time.
    """
    pages, floor = timed(pdfplumber_words, paths, rounds, time.process_time)
    report("pdfplumber extract_words alone", pages, floor, unit="cpu-s")
    pages, seconds = timed(extracted_pages, paths, rounds, time.process_time)
    report("extract_text (layout engine)", pages, seconds, floor, unit="cpu-s")
    pages, seconds = timed(parsed_pages, paths, rounds, time.process_time)
    report("extract_text + parse_extracted", pages, seconds, floor, unit="cpu-s")


def corpus_pdfs() -> list[Path]:
    return sorted(p for producer in TEXT_LAYER_PRODUCERS for p in (CORPUS / producer).glob("**/*.pdf"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rounds", type=int, default=3, help="reads of the text-layer PDFs (best is shown)")
    parser.add_argument("--ocr-pages", type=int, default=8, help="pages of the scanned copy (0: no OCR)")
    args = parser.parse_args()
    logging.getLogger("finsam_warehouse").setLevel(logging.ERROR)  # the parser's findings are not timed here

    with tempfile.TemporaryDirectory(prefix="finsam-bench-") as folder:
        work = Path(folder)
        printed = {
            name: render_report_pdf(sample_path(name).read_text(encoding="utf-8"), work / f"{name[:3]}.pdf")
            for name in SAMPLES
        }
        print(f"Samples printed to PDF ({len(printed)} files):")
        text_layer_side_by_side([r.path for r in printed.values()], args.rounds)
        corpus = corpus_pdfs()
        if corpus:
            print(f"Layout corpus, {', '.join(TEXT_LAYER_PRODUCERS)} ({len(corpus)} files):")
            text_layer_side_by_side(corpus, args.rounds)

        if args.ocr_pages <= 0:
            return
        tesseract = shutil.which("tesseract")
        if tesseract is None:
            print("OCR: tesseract is not installed (apt-get install tesseract-ocr tesseract-ocr-swe)")
            return
        source = printed[SCANNED_SAMPLE]
        count = min(args.ocr_pages, source.page_count)
        scan = render_scanned_pdf(source.path, work / "scanned.pdf", range(1, count + 1))
        pages, seconds = timed(extracted_pages, [scan], 1, time.perf_counter)  # OCR runs in child processes
        report(f"OCR ({ocr_language(tesseract)}, {OCR_WORKERS} workers)", pages, seconds)


if __name__ == "__main__":
    main()
