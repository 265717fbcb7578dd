"""Text from a report file, with a page and line map.

Text files are read as they are, but for pages whose tables are aligned with
spaces (``pdftotext -layout``): those are read by position like a PDF page
(``layout.text_grid``). A form feed starts a new page. PDFs are read
page by page: the words of a page with a text layer come from pdfplumber, the
words of a scanned page from tesseract OCR. Either way the words are put back
into lines and table cells by their positions (``lines_from_words``), so a
table row reads ``label<TAB>cell<TAB>cell`` like the extracted text files, with
one cell per column of the page. A PDF with (next to) no text layer is
scanned: it is read by OCR (``pdf_ocr``). Each page's lines continue the
running line numbers, so a fact's source_line points into the same text a
person sees.
"""

from __future__ import annotations

import logging
import math
import os
import shutil
import subprocess
import tempfile
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from finsam_warehouse.parsing.layout import Word, lines_from_words, words_from_pdfplumber, words_from_tsv
from finsam_warehouse.parsing.layout.page import lines_with_unsure_figures
from finsam_warehouse.parsing.layout.text_grid import aligned_page, is_space_aligned
from finsam_warehouse.parsing.models import ExtractedText, ReportError, TextLine
from finsam_warehouse.parsing.ocr_second_reading import reread_figures

if TYPE_CHECKING:
    from PIL.Image import Image as PILImage

log = logging.getLogger(__name__)

TEXT_SUFFIXES = {".txt", ".md", ".text"}
PDF_SUFFIXES = {".pdf"}
SUPPORTED_SUFFIXES = TEXT_SUFFIXES | PDF_SUFFIXES
# A PDF whose pages give fewer characters than this per page has no usable text layer.
MIN_TEXT_CHARS_PER_PAGE = 20

# OCR
OCR_DPI = 300
# Pages are rendered for OCR at OCR_DPI, but never above this many pixels (A3 at
# 300 dpi is about 17 million): an oversized page costs resolution, not memory.
OCR_MAX_PIXELS = 20_000_000
OCR_DESPECKLE = 3  # pixels at OCR_DPI: specks smaller than this go before OCR
OCR_LANGUAGE = "swe"
OCR_FALLBACK_LANGUAGE = "eng"
OCR_TIMEOUT_SECONDS = 300
OCR_WORKERS = max(1, min(os.cpu_count() or 1, 8))  # pages read side by side
# Tesseract's "single column of text": rows are read across the page, and columns of
# figures far to the right are kept (automatic layout analysis may drop them).
OCR_PAGE_SEGMENTATION = "4"


def lines_from_pages(pages: list[str], paged: bool) -> list[TextLine]:
    lines: list[TextLine] = []
    number = 0
    for page_no, page_text in enumerate(pages, start=1):
        for text in page_text.split("\n"):
            number += 1
            lines.append(TextLine(number, page_no if paged else None, text.rstrip("\r")))
    return lines


def extract_text_file(data: bytes) -> ExtractedText:
    if not data.strip():
        raise ReportError("the file is empty")
    if b"\x00" in data[:4096]:
        raise ReportError("the file is binary, not text")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")
    text = text.lstrip("\ufeff")
    pages = [_aligned(page) for page in text.split("\f")]
    paged = len(pages) > 1
    return ExtractedText("text", lines_from_pages(pages, paged), len(pages) if paged else None)


def _aligned(page: str) -> str:
    """A page whose tables are aligned with spaces, read by position like a PDF page."""
    lines = [line.rstrip("\r") for line in page.split("\n")]
    return "\n".join(aligned_page(lines)) if is_space_aligned(lines) else page


# --- PDF text layer -------------------------------------------------------------


@dataclass(frozen=True)
class _PdfPages:
    words: list[list[Word]]
    drawings: int  # images and vector shapes: what OCR could read where there is no text


def _read_pdf_layer(path: Path) -> _PdfPages:
    import pdfplumber
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
    from pdfminer.pdfparser import PDFSyntaxError

    try:
        with pdfplumber.open(path) as pdf:
            words: list[list[Word]] = []
            drawings = 0
            for page in pdf.pages:
                found = page.extract_words(keep_blank_chars=False)
                words.append(words_from_pdfplumber(found))
                drawings += len(page.images) + len(page.curves) + len(page.rects) + len(page.lines)
    except (PDFPasswordIncorrect, PDFEncryptionError) as exc:
        raise ReportError("the PDF is encrypted and cannot be opened without its password") from exc
    except PDFSyntaxError as exc:
        raise ReportError(f"the PDF is corrupt: {exc}") from exc
    except Exception as exc:  # pdfminer raises many types for damaged files
        raise ReportError(f"the PDF is corrupt and cannot be read: {type(exc).__name__}: {exc}") from exc
    return _PdfPages(words, drawings)


def _check_structure(path: Path) -> int:
    """The page count from pdfium, which rejects damaged files that pdfminer half reads."""
    import pypdfium2 as pdfium

    try:
        document = pdfium.PdfDocument(str(path))
    except pdfium.PdfiumError as exc:
        message = str(exc).lower()
        if "password" in message:
            raise ReportError("the PDF is encrypted and cannot be opened without its password") from exc
        raise ReportError(f"the PDF is corrupt: {exc}") from exc
    try:
        return len(document)
    finally:
        document.close()


# --- OCR --------------------------------------------------------------------------


def _tesseract() -> str:
    found = shutil.which("tesseract")
    if found is None:
        raise ReportError(
            "the PDF is scanned (no text layer) and OCR needs tesseract, which is not installed: "
            "install the system packages tesseract-ocr and tesseract-ocr-swe"
        )
    return found


@lru_cache(maxsize=4)
def ocr_language(tesseract: str) -> str:
    """'swe' where its language data is installed, else 'eng' (with one warning)."""
    result = subprocess.run([tesseract, "--list-langs"], capture_output=True, text=True, check=False)
    languages = {line.strip() for line in (result.stdout + result.stderr).splitlines()[1:]}
    if OCR_LANGUAGE in languages:
        return OCR_LANGUAGE
    log.warning(
        "Swedish OCR data (tesseract-ocr-swe) is missing; reading with '%s' and repairing å/ä/ö from the vocabulary",
        OCR_FALLBACK_LANGUAGE,
    )
    return OCR_FALLBACK_LANGUAGE


def _ocr_image(tesseract: str, image: Path, language: str, dpi: int = OCR_DPI) -> list[Word]:
    command = [tesseract, str(image), "stdout", "-l", language, "--dpi", str(dpi)]
    command += ["--psm", OCR_PAGE_SEGMENTATION, "tsv"]
    # One thread per tesseract process: the pages run side by side instead.
    env = {**os.environ, "OMP_THREAD_LIMIT": "1"}
    try:
        result = subprocess.run(
            command, capture_output=True, text=True, check=False, env=env, timeout=OCR_TIMEOUT_SECONDS
        )
    except subprocess.TimeoutExpired as exc:
        raise ReportError(f"OCR of a scanned page took longer than {OCR_TIMEOUT_SECONDS} s") from exc
    if result.returncode != 0:
        raise ReportError(f"OCR failed: tesseract said: {result.stderr.strip()[:300]}")
    return words_from_tsv(result.stdout)


def _read_page(tesseract: str, images: tuple[Path, Path], language: str, dpi: int) -> list[Word]:
    """The words of the page's despeckled image, each with digits read again (``reread_figures``)."""
    return reread_figures(tesseract, images, _ocr_image(tesseract, images[0], language, dpi), language, dpi)


def despeckle(image: PILImage) -> PILImage:
    """Remove specks smaller than the text's strokes (dust on a scan): an opening of the ink."""
    from PIL import ImageFilter

    return image.filter(ImageFilter.MaxFilter(OCR_DESPECKLE)).filter(ImageFilter.MinFilter(OCR_DESPECKLE))


def render_scale(width_pt: float, height_pt: float) -> float:
    """Pixels per point for OCR: OCR_DPI, or less where the page would exceed OCR_MAX_PIXELS."""
    full = OCR_DPI / 72
    pixels = width_pt * height_pt * full * full
    return full if pixels <= OCR_MAX_PIXELS else full * math.sqrt(OCR_MAX_PIXELS / pixels)


def ocr_pdf(path: Path) -> list[list[Word]]:
    """Each page rendered at OCR_DPI and read by tesseract: the words of every page.

    The page is read despeckled; its words with digits are read again from the
    page as rendered (a second opinion from another image, ``ocr_second_reading``).
    """
    import pypdfium2 as pdfium

    tesseract = _tesseract()
    language = ocr_language(tesseract)
    with tempfile.TemporaryDirectory(prefix="finsam-ocr-") as folder, ThreadPoolExecutor(OCR_WORKERS) as pool:
        document = pdfium.PdfDocument(str(path))
        try:
            jobs = []
            for index in range(len(document)):
                image, rendered = (Path(folder) / f"page-{index + 1:04d}{kind}.png" for kind in ("", "-rendered"))
                page = document[index]
                scale = render_scale(*page.get_size())
                bitmap = page.render(scale=scale, grayscale=True).to_pil()
                bitmap.save(rendered)
                despeckle(bitmap).save(image)
                jobs.append(pool.submit(_read_page, tesseract, (image, rendered), language, round(scale * 72)))
        finally:
            document.close()
        return [job.result() for job in jobs]


# --- PDF ----------------------------------------------------------------------------


def _page_texts(pages: list[list[Word]], ocr: bool) -> list[str]:
    return ["\n".join(lines_from_words(words, ocr)) for words in pages]


def _char_count(pages: list[list[Word]]) -> int:
    return sum(len(w.text) for words in pages for w in words)


def extract_pdf(path: Path) -> ExtractedText:
    """A PDF's text layer, or OCR of its pages where it has (next to) none."""
    page_count = _check_structure(path)
    layer = _read_pdf_layer(path)
    if not layer.words or page_count == 0:
        raise ReportError("the PDF has no pages")
    if _char_count(layer.words) >= MIN_TEXT_CHARS_PER_PAGE * len(layer.words):
        pages = _page_texts(layer.words, ocr=False)
        return ExtractedText("pdf", lines_from_pages(pages, paged=True), len(pages))
    if not layer.drawings:
        raise ReportError("the PDF has neither text nor images: its pages are blank")
    scanned = ocr_pdf(path)
    if _char_count(scanned) < MIN_TEXT_CHARS_PER_PAGE:
        raise ReportError("the PDF is scanned, but OCR found no text on its pages")
    read = [lines_with_unsure_figures(words, ocr=True) for words in scanned]
    lines = lines_from_pages(["\n".join(text for text, _ in page) for page in read], paged=True)
    unsure = [words for page in read for _, words in page]  # one entry per line, in line order
    figures = {line.number: list(words) for line, words in zip(lines, unsure, strict=True) if words}
    return ExtractedText("pdf_ocr", lines, len(read), figures)


def extract_text(path: Path) -> ExtractedText:
    """Read a report file into lines with page numbers; ReportError if it cannot be read."""
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        raise ReportError(f"unsupported file type '{suffix or '(none)'}': reports must be PDF or extracted text (.txt)")
    if suffix in PDF_SUFFIXES:
        if path.stat().st_size == 0:
            raise ReportError("the file is empty")
        if not path.read_bytes()[:1024].lstrip().startswith(b"%PDF"):
            raise ReportError("the file is named .pdf but is not a PDF")
        return extract_pdf(path)
    return extract_text_file(path.read_bytes())
