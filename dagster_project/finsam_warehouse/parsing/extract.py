"""Text from a report file, with a page and line map.

Text files are read as they are; a form feed starts a new page. PDFs are read
page by page with pdfplumber; each page's lines continue the running line
numbers, so a fact's source_line points into the same text a person sees.
"""

from __future__ import annotations

from pathlib import Path

from finsam_warehouse.parsing.models import ExtractedText, ReportError, TextLine

TEXT_SUFFIXES = {".txt", ".md", ".text"}
PDF_SUFFIXES = {".pdf"}
SUPPORTED_SUFFIXES = TEXT_SUFFIXES | PDF_SUFFIXES
# A PDF whose pages give fewer characters than this per page has no usable text layer.
MIN_TEXT_CHARS_PER_PAGE = 20


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


def extract_pdf(path: Path) -> ExtractedText:
    import pdfplumber
    from pdfminer.pdfdocument import PDFPasswordIncorrect
    from pdfminer.pdfparser import PDFSyntaxError

    try:
        with pdfplumber.open(path) as pdf:
            pages = [page.extract_text() or "" for page in pdf.pages]
    except PDFPasswordIncorrect as exc:
        raise ReportError("the PDF is encrypted and cannot be opened without its password") from exc
    except PDFSyntaxError as exc:
        raise ReportError(f"the PDF is corrupt: {exc}") from exc
    except Exception as exc:  # pdfminer raises many types for damaged files
        raise ReportError(f"the PDF cannot be read: {type(exc).__name__}: {exc}") from exc
    if not pages:
        raise ReportError("the PDF has no pages")
    if sum(len(p.strip()) for p in pages) < MIN_TEXT_CHARS_PER_PAGE * len(pages):
        raise ReportError(
            "the PDF has no text layer (a scanned report); OCR of scanned PDFs is not available yet"
        )
    return ExtractedText("pdf", lines_from_pages(pages, paged=True), len(pages))


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
