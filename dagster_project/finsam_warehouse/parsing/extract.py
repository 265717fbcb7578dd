"""Text from a report file, with a page and line map.

Text files are read as they are; a form feed starts a new page. PDFs are read
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
import re
import shutil
import statistics
import subprocess
import tempfile
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from finsam_warehouse.parsing.dates import ISO_DATE
from finsam_warehouse.parsing.models import ExtractedText, ReportError, TextLine

if TYPE_CHECKING:
    from PIL.Image import Image as PILImage

log = logging.getLogger(__name__)

TEXT_SUFFIXES = {".txt", ".md", ".text"}
PDF_SUFFIXES = {".pdf"}
SUPPORTED_SUFFIXES = TEXT_SUFFIXES | PDF_SUFFIXES
# A PDF whose pages give fewer characters than this per page has no usable text layer.
MIN_TEXT_CHARS_PER_PAGE = 20

# Layout, in multiples of the text height.
ROW_TOLERANCE = 0.5  # words whose vertical centres differ less than this share a line
CELL_GAP = 1.0  # a horizontal gap wider than this starts a new cell
COLUMN_TOLERANCE = 0.6  # right edges closer than this are one column
PARAGRAPH_GAP = 1.1  # a vertical gap wider than this is an empty line

# OCR
OCR_DPI = 300
# Pages are rendered for OCR at OCR_DPI, but never above this many pixels (A3 at
# 300 dpi is about 17 million): an oversized page costs resolution, not memory.
OCR_MAX_PIXELS = 20_000_000
OCR_DESPECKLE = 3  # pixels at OCR_DPI: specks smaller than this go before OCR
OCR_LANGUAGE = "swe"
OCR_FALLBACK_LANGUAGE = "eng"
OCR_MIN_CONFIDENCE = 60.0  # below this, a word without letters or digits is a speck
OCR_SPECK_SIZE = 0.35  # a box smaller than this (of the text height) is a speck
OCR_LOW_CONFIDENCE = 50.0  # below this, a word lower than OCR_SHORT_WORD × text height is a speck
OCR_SHORT_WORD = 0.75
OCR_TIMEOUT_SECONDS = 300
OCR_WORKERS = max(1, min(os.cpu_count() or 1, 8))  # pages read side by side
# Tesseract's "single column of text": rows are read across the page, and columns of
# figures far to the right are kept (automatic layout analysis may drop them).
OCR_PAGE_SEGMENTATION = "4"

MINUS = "\\-\u2212\u2013"  # for character classes: hyphen, minus, en dash
NUMBER_CELL = re.compile(rf"^[({MINUS}]?\s?\d[\d\s\u00a0.,]*\)?\s?%?$")


@dataclass(frozen=True)
class Word:
    """A word and its box; y grows downwards (pdfplumber points or image pixels)."""

    x0: float
    x1: float
    top: float
    bottom: float
    text: str

    @property
    def height(self) -> float:
        return self.bottom - self.top

    @property
    def middle(self) -> float:
        return (self.top + self.bottom) / 2


@dataclass
class _Cell:
    words: list[Word]
    text: str = ""

    @property
    def x0(self) -> float:
        return self.words[0].x0

    @property
    def x1(self) -> float:
        return self.words[-1].x1


@dataclass
class _Line:
    """A line of words; its geometry is read once all its words are in."""

    words: list[Word]
    cells: list[_Cell] = field(default_factory=list)

    @cached_property
    def top(self) -> float:
        return min(w.top for w in self.words)

    @cached_property
    def bottom(self) -> float:
        return max(w.bottom for w in self.words)

    @cached_property
    def height(self) -> float:
        return statistics.median(w.height for w in self.words)


@dataclass
class _Column:
    x0: float
    x1: float


def _group_lines(words: Sequence[Word], height: float, ocr: bool) -> list[_Line]:
    """Words into lines: sorted by their vertical centre, a line takes the words close to its own."""
    lines: list[_Line] = []
    centres: list[float] = []
    for word in sorted(words, key=lambda w: (w.middle, w.x0)):
        if lines and abs(word.middle - centres[-1]) <= ROW_TOLERANCE * height:
            lines[-1].words.append(word)
            centres[-1] = statistics.fmean(w.middle for w in lines[-1].words)
        else:
            lines.append(_Line([word]))
            centres.append(word.middle)
    for line in lines:
        line.words.sort(key=lambda w: w.x0)
        line.cells = _split_cells(line, ocr)
    return lines


def _split_cells(line: _Line, ocr: bool) -> list[_Cell]:
    """Cells of a line: a gap wide compared with the text height ends a cell."""
    limit = CELL_GAP * line.height
    cells = [_Cell([line.words[0]])]
    for word in line.words[1:]:
        if word.x0 - cells[-1].x1 > limit:
            cells.append(_Cell([word]))
        else:
            cells[-1].words.append(word)
    for n, cell in enumerate(cells):
        text = " ".join(w.text for w in cell.words)
        if ocr:
            text = clean_ocr_zero(text)
            text = clean_ocr_figure(text) if n > 0 else clean_ocr_line_start(text)
        cell.text = text
    return cells


def _cluster_edges(cells: list[_Cell], tolerance: float) -> list[_Column]:
    """Columns from cells whose right edges line up (single linkage on x1).

    Groups that overlap are one column: cells of different columns never do,
    but OCR may stretch a box with a speck beside it.
    """
    groups: list[list[_Cell]] = []
    for cell in sorted(cells, key=lambda c: c.x1):
        if groups and cell.x1 - groups[-1][-1].x1 <= tolerance:
            groups[-1].append(cell)
        else:
            groups.append([cell])
    merged: list[list[_Cell]] = []
    for group in sorted(groups, key=lambda g: min(c.x0 for c in g)):
        if merged and min(c.x0 for c in group) < max(c.x1 for c in merged[-1]):
            merged[-1].extend(group)
        else:
            merged.append(group)
    return [_Column(min(c.x0 for c in g), statistics.median(c.x1 for c in g)) for g in merged]


def _column_of(cell: _Cell, columns: list[_Column], tolerance: float) -> int | None:
    """The column a cell belongs to: right edges that line up, else the widest overlap."""
    aligned = [(abs(cell.x1 - c.x1), i) for i, c in enumerate(columns) if abs(cell.x1 - c.x1) <= tolerance]
    if aligned:
        return min(aligned)[1]
    middle = (cell.x0 + cell.x1) / 2
    overlaps = [
        (min(cell.x1, c.x1) - max(cell.x0, c.x0), -abs(middle - (c.x0 + c.x1) / 2), i)
        for i, c in enumerate(columns)
    ]
    best = max(overlaps, default=None)
    return best[2] if best is not None and best[0] > 0 else None


def _place(
    line: _Line, columns: list[_Column], tolerance: float, label_edge: float
) -> list[tuple[_Cell, int | None]]:
    """Each cell of a line and its column: None for the label, -1 for a cell in no column.

    The first cell is the label unless it sits in a column, away from the left edge
    (a header row with no label: "Not", a date).
    """
    placed: list[tuple[_Cell, int | None]] = []
    for n, cell in enumerate(line.cells):
        column = _column_of(cell, columns, tolerance)
        if n == 0 and (column is None or cell.x0 <= label_edge):
            placed.append((cell, None))
        else:
            placed.append((cell, column if column is not None else -1))
    return placed


def lines_from_words(words: Sequence[Word], ocr: bool = False) -> list[str]:
    """A page's words as text lines, with table rows as ``label<TAB>cell<TAB>…``.

    Words form lines by their vertical position and cells by the gaps between
    them. The page's columns are found from the right edges of the figures
    after a label (figures are right-aligned); dates, "Not" and words that fit
    no such column make columns of their own. Every row with cells then gives
    one tab-separated slot per column, empty where it prints nothing, so a
    table's header and rows share their cell indexes. A single-cell line
    between rows of a table keeps the slots too; any other single-cell line
    is plain text. A wide vertical gap gives an empty line. ``ocr`` cleans
    the cells of what OCR adds to them (``clean_ocr_figure``).
    """
    words = [w for w in words if w.text.strip() and w.bottom > w.top]
    if not words:
        return []
    height = statistics.median(w.height for w in words)
    tolerance = COLUMN_TOLERANCE * height
    lines = _group_lines(words, height, ocr)
    label_edge = min(line.cells[0].x0 for line in lines) + 2 * height
    rows = [line for line in lines if len(line.cells) > 1]
    columns = _cluster_edges([c for line in rows for c in line.cells[1:] if NUMBER_CELL.match(c.text)], tolerance)
    unplaced = [cell for line in rows for cell, col in _place(line, columns, tolerance, label_edge) if col == -1]
    columns = sorted(columns + _cluster_edges(unplaced, tolerance), key=lambda c: c.x1)

    breaks = _paragraph_breaks(lines)
    in_table = _table_lines(lines, breaks)
    text_lines: list[str] = []
    for i, line in enumerate(lines):
        if breaks[i]:
            text_lines.append("")
        if not columns or not in_table[i]:
            text_lines.append("\t".join(c.text for c in line.cells))
            continue
        label = ""
        slots = [""] * len(columns)
        for cell, column in _place(line, columns, tolerance, label_edge):
            if column is None or column == -1:
                label = f"{label} {cell.text}".strip()
            else:
                slots[column] = f"{slots[column]} {cell.text}".strip()
        text_lines.append("\t".join([label, *slots]))
    return text_lines


def _paragraph_breaks(lines: list[_Line]) -> list[bool]:
    """For each line: is there an empty line (a wide vertical gap) before it?"""
    return [
        i > 0 and line.top - lines[i - 1].bottom > PARAGRAPH_GAP * max(line.height, lines[i - 1].height)
        for i, line in enumerate(lines)
    ]


def _table_lines(lines: list[_Line], breaks: list[bool]) -> list[bool]:
    """For each line: is it part of a table (a row with cells, or a single cell between such rows)?"""
    rows = [len(line.cells) > 1 for line in lines]

    def row_beside(i: int, step: int) -> bool:
        """A row with cells above (step -1) or below (+1), with no paragraph gap between."""
        while 0 <= i + step < len(lines) and not breaks[max(i, i + step)]:
            i += step
            if rows[i]:
                return True
        return False

    return [rows[i] or (row_beside(i, -1) and row_beside(i, 1)) for i in range(len(lines))]


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
    pages = text.split("\f")
    paged = len(pages) > 1
    return ExtractedText("text", lines_from_pages(pages, paged), len(pages) if paged else None)


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
                words.append([Word(w["x0"], w["x1"], w["top"], w["bottom"], w["text"]) for w in found])
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
        "Swedish OCR data (tesseract-ocr-swe) is missing; reading with '%s' and repairing å/ä/ö "
        "from the vocabulary",
        OCR_FALLBACK_LANGUAGE,
    )
    return OCR_FALLBACK_LANGUAGE


def words_from_tsv(tsv: str) -> list[Word]:
    """Word boxes from tesseract's TSV output, without the specks it reads as marks.

    A speck is a box far smaller than the page's text, a low-confidence word
    with neither letters nor digits, or a low-confidence word lower than text.
    """
    found: list[tuple[Word, float]] = []
    for row in tsv.splitlines()[1:]:
        parts = row.split("\t")
        if len(parts) < 12 or parts[0] != "5":
            continue
        text = parts[11].strip()
        confidence = float(parts[10])
        if not text or confidence < 0:
            continue
        left, top, width, height = (float(p) for p in parts[6:10])
        found.append((Word(left, left + width, top, top + height, text), confidence))
    if not found:
        return []
    text_height = statistics.median(w.height for w, _ in found)
    return [
        word
        for word, confidence in found
        if max(word.x1 - word.x0, word.height) >= OCR_SPECK_SIZE * text_height
        and (confidence >= OCR_MIN_CONFIDENCE or any(c.isalnum() for c in word.text))
        and (confidence >= OCR_LOW_CONFIDENCE or word.height >= OCR_SHORT_WORD * text_height)
    ]


def clean_ocr_zero(text: str) -> str:
    """A zero OCR read as the letter: 'Finansiella intäkter O 96', 'Kassaflöde från O'."""
    return re.sub(rf"(?<!\S)O(?=\s+[{MINUS}]?\d|\s*$)|(?<=\d )[Oo](?!\S)", "0", text)


def clean_ocr_line_start(text: str) -> str:
    """The start of an OCR line without specks read as marks: '"2. Resultaträkning', '3: Balansräkning'."""
    if not re.match(r"^[\"“”].*\w[\"”]", text):  # keep a quotation
        text = re.sub(r"^[\"'`’‘”“,.:;|~_]+(?=\w)", "", text)
    return re.sub(r"^(\d{1,2}(?:\.\d{1,2})*)[:;](?=\s)", r"\1.", text)


def clean_ocr_figure(text: str) -> str:
    """A cell of figures as OCR read it, without stray marks and with its lost spaces back.

    '"--266 374' is '-266 374'; 'A1 670 166' is '1 670 166'; '«117' is '117'
    (the statement's sums restore a lost minus); '-266.690' and '1670-166' are
    '-266 690' and '1 670 166'; '2359 937' (a thousands space lost) is
    '2 359 937'. Dates and cells of words are left as they are.
    """
    if not re.search(r"\d", text) or ISO_DATE.search(text):
        return text
    cleaned = re.sub(rf"^[^\d({MINUS}]{{1,2}}", "", text.strip())  # up to two marks before it
    cleaned = re.sub(r"(?<=\d)[^\d)%]{1,2}$", "", cleaned)  # and after it
    if re.search(r"[A-Za-zÅÄÖåäö]", cleaned):
        return text
    cleaned = re.sub(rf"^[{MINUS}]{{2,}}", "-", cleaned.strip())
    # A speck between digit groups: amounts have no point, and at most two decimals.
    cleaned = re.sub(rf"(?<=\d)(?:\s?[.,'`’·]\s?|[{MINUS}])(?=\d{{3}}(?!\d))", " ", cleaned)
    found = re.fullmatch(rf"([{MINUS}]?)(\d+(?: \d+)*)(,\d{{1,2}})?", cleaned)
    if found:
        groups = found[2].split(" ")
        if len(groups) > 1 and any(len(g) > 3 for g in groups) and all(len(g) % 3 == 0 for g in groups[1:]):
            digits = "".join(groups)
            head = len(digits) % 3 or 3
            regrouped = " ".join([digits[:head], *(digits[i : i + 3] for i in range(head, len(digits), 3))])
            cleaned = f"{found[1]}{regrouped}{found[3] or ''}"
    return cleaned


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
    """Each page rendered at OCR_DPI and read by tesseract: the words of every page."""
    import pypdfium2 as pdfium

    tesseract = _tesseract()
    language = ocr_language(tesseract)
    with tempfile.TemporaryDirectory(prefix="finsam-ocr-") as folder, ThreadPoolExecutor(OCR_WORKERS) as pool:
        document = pdfium.PdfDocument(str(path))
        try:
            jobs = []
            for index in range(len(document)):
                image = Path(folder) / f"page-{index + 1:04d}.png"
                page = document[index]
                scale = render_scale(*page.get_size())
                bitmap = page.render(scale=scale, grayscale=True)
                despeckle(bitmap.to_pil()).save(image)
                jobs.append(pool.submit(_ocr_image, tesseract, image, language, round(scale * 72)))
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
    pages = _page_texts(scanned, ocr=True)
    return ExtractedText("pdf_ocr", lines_from_pages(pages, paged=True), len(pages))


def extract_text(path: Path) -> ExtractedText:
    """Read a report file into lines with page numbers; ReportError if it cannot be read."""
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        raise ReportError(
            f"unsupported file type '{suffix or '(none)'}': reports must be PDF or extracted text (.txt)"
        )
    if suffix in PDF_SUFFIXES:
        if path.stat().st_size == 0:
            raise ReportError("the file is empty")
        if not path.read_bytes()[:1024].lstrip().startswith(b"%PDF"):
            raise ReportError("the file is named .pdf but is not a PDF")
        return extract_pdf(path)
    return extract_text_file(path.read_bytes())
