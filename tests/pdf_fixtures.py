"""PDF versions of the sample reports, built while the tests run.

``render_report_pdf`` prints a report's extracted text the way a report is
printed: A4 pages, bold headings, prose wrapped to the page width, and the
tab-separated lines as tables (label at the left margin, every other cell
right-aligned at its column's right edge). It returns the page each text line
landed on, so tests can check ``source_page``. ``render_scanned_pdf`` turns
pages of such a PDF into an image-only PDF with a little scanner noise.
"""

from __future__ import annotations

import html
import random
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

PAGE_WIDTH, PAGE_HEIGHT = 595.28, 841.89  # A4 in points
MARGIN_LEFT = MARGIN_RIGHT = 62.0
MARGIN_TOP = 64.0
MARGIN_BOTTOM = 60.0
TEXT_WIDTH = PAGE_WIDTH - MARGIN_LEFT - MARGIN_RIGHT

# The standard fonts print WinAnsi: å, ä, ö, é, – and • (U+2212 minus is replaced by '-').
BODY_FONT = "Helvetica"
BOLD_FONT = "Helvetica-Bold"
BODY_SIZE = 10.0
LEADING = 13.0
TABLE_SIZE = 9.5
TABLE_LEADING = 12.5
COLUMN_GAP = 22.0  # space between a table's label column and its cells, and between cells
HEADING_SIZES = {1: 18.0, 2: 14.0, 3: 12.0, 4: 11.0}
MAX_LINES_BEFORE_CHAPTER = 3
SPECKS_PER_PAGE = 250
SPECK_CLEARANCE = 8  # pixels of blank paper around a speck
MAX_SKEW_DEGREES = 0.3

_TAG = re.compile(r"</?[a-zA-Z][^>]*>")
_LIST_ITEM_TAG = re.compile(r"<li[^>]*>", re.IGNORECASE)
_EMPHASIS = re.compile(r"(?<![\w*])\*{1,2}(?=\S)(.+?)(?<=\S)\*{1,2}(?![\w*])")
_MARKDOWN_HEADING = re.compile(r"^(#+)\s*(.*)$")
_NUMBERED_HEADING = re.compile(r"^(\d{1,2})((?:\.\d{1,2})*)\.?\s+([A-ZÅÄÖ].{1,80})$")
_RULE = re.compile(r"^[-\s\t]{3,}$")


@dataclass(frozen=True)
class RenderedPdf:
    path: Path
    page_count: int
    page_of_line: dict[int, int]  # 1-based line of the text file -> 1-based PDF page


def plain_text(text: str) -> str:
    """A line without HTML tags, markdown emphasis, escapes or the U+2212 minus."""
    text = _LIST_ITEM_TAG.sub(" • ", text)
    text = _TAG.sub(" ", text)
    text = text.replace("\\*", "*").replace("\\_", "_")
    text = _EMPHASIS.sub(r"\1", text)
    text = html.unescape(text).replace("\u2212", "-").replace("\u00a0", " ")
    return re.sub(r"[ \t]+", " ", text).strip()


def _heading(line: str) -> tuple[int, str] | None:
    """Heading level and text for a markdown or numbered heading line."""
    if "\t" in line:
        return None
    stripped = line.strip()
    found = _MARKDOWN_HEADING.match(stripped)
    if found:
        return min(len(found[1]), 4), plain_text(found[2])
    clean = plain_text(stripped)
    numbered = _NUMBERED_HEADING.match(clean)
    if numbered and not clean.endswith((".", ":", ",")):
        return (2 if not numbered[2] else 3), clean
    return None


def _is_top_level(line: str) -> bool:
    """A chapter: a '# ' heading or a one-number heading ("2. Resultaträkning")."""
    stripped = line.strip()
    if stripped.startswith("# "):
        return True
    clean = plain_text(stripped.lstrip("#"))
    numbered = _NUMBERED_HEADING.match(clean)
    return bool(numbered and not numbered[2] and _heading(line) is not None)


class _Writer:
    """A reportlab canvas with a cursor, page breaks and the line -> page map."""

    def __init__(self, path: Path) -> None:
        from reportlab.pdfgen.canvas import Canvas

        self.canvas = Canvas(str(path), pagesize=(PAGE_WIDTH, PAGE_HEIGHT))
        self.canvas.setTitle(path.stem)
        self.page = 1
        self.y = PAGE_HEIGHT - MARGIN_TOP
        self.page_has_content = False
        self.lines_on_page = 0
        self.page_of_line: dict[int, int] = {}

    def room(self) -> float:
        return self.y - MARGIN_BOTTOM

    def new_page(self) -> None:
        if not self.page_has_content:
            return
        self.canvas.showPage()
        self.page += 1
        self.y = PAGE_HEIGHT - MARGIN_TOP
        self.page_has_content = False
        self.lines_on_page = 0

    def ensure(self, height: float) -> None:
        if self.room() < height:
            self.new_page()

    def space(self, height: float) -> None:
        if self.page_has_content:
            self.y -= height

    def mark(self, line_number: int) -> None:
        self.page_of_line.setdefault(line_number, self.page)

    def text(self, x: float, text: str, font: str, size: float, right: bool = False) -> None:
        """Draw one line of text at the cursor (its baseline one font size down)."""
        baseline = self.y - size
        self.canvas.setFont(font, size)
        if right:
            self.canvas.drawRightString(x, baseline, text)
        else:
            self.canvas.drawString(x, baseline, text)
        self.page_has_content = True

    def advance(self, leading: float) -> None:
        self.y -= leading
        self.lines_on_page += 1

    def rule(self) -> None:
        self.ensure(LEADING)
        self.canvas.setLineWidth(0.5)
        self.canvas.line(MARGIN_LEFT, self.y - LEADING / 2, PAGE_WIDTH - MARGIN_RIGHT, self.y - LEADING / 2)
        self.page_has_content = True
        self.advance(LEADING)


def _width(text: str, font: str, size: float) -> float:
    from reportlab.pdfbase.pdfmetrics import stringWidth

    return stringWidth(text, font, size)


def _wrap(text: str, font: str, size: float, width: float) -> list[str]:
    from reportlab.lib.utils import simpleSplit

    return simpleSplit(text, font, size, width) or [""]


@dataclass(frozen=True)
class _Row:
    number: int  # 1-based line of the text file
    cells: list[str]  # label first; a row without cells to the right is a section label
    bold: bool


def _table_layout(rows: list[_Row]) -> list[float] | None:
    """Right edges of the cell columns (flush with the right margin), or None if they do not fit."""
    count = max(len(r.cells) for r in rows) - 1
    if count < 1:
        return None
    widths = [0.0] * count
    label_width = 0.0
    for row in rows:
        font = BOLD_FONT if row.bold else BODY_FONT
        label_width = max(label_width, _width(row.cells[0], font, TABLE_SIZE))
        for i, cell in enumerate(row.cells[1:]):
            widths[i] = max(widths[i], _width(cell, font, TABLE_SIZE))
    edges: list[float] = []
    right = PAGE_WIDTH - MARGIN_RIGHT
    for width in reversed(widths):
        edges.insert(0, right)
        right -= max(width, 12.0) + COLUMN_GAP
    if MARGIN_LEFT + label_width > right:
        return None
    return edges


def _draw_table(writer: _Writer, rows: list[_Row]) -> None:
    edges = _table_layout(rows)
    if edges is None:
        # Too wide for aligned columns (cells of prose): each row as a paragraph.
        for row in rows:
            _draw_paragraph(writer, row.number, "  ".join(c for c in row.cells if c), BODY_FONT)
        return
    height = len(rows) * TABLE_LEADING
    if height > writer.room() and height <= PAGE_HEIGHT - MARGIN_TOP - MARGIN_BOTTOM:
        writer.new_page()
    for row in rows:
        writer.ensure(TABLE_LEADING)
        writer.mark(row.number)
        font = BOLD_FONT if row.bold else BODY_FONT
        if row.cells[0]:
            writer.text(MARGIN_LEFT, row.cells[0], font, TABLE_SIZE)
        for edge, cell in zip(edges, row.cells[1:]):
            if cell:
                writer.text(edge, cell, font, TABLE_SIZE, right=True)
        writer.page_has_content = True  # an empty row still takes its place
        writer.advance(TABLE_LEADING)


def _draw_paragraph(writer: _Writer, number: int, text: str, font: str) -> None:
    for part in _wrap(text, font, BODY_SIZE, TEXT_WIDTH):
        writer.ensure(LEADING)
        writer.mark(number)
        writer.text(MARGIN_LEFT, part, font, BODY_SIZE)
        writer.advance(LEADING)


def _draw_heading(writer: _Writer, number: int, level: int, text: str, top_level: bool) -> None:
    size = HEADING_SIZES[level]
    if top_level and writer.lines_on_page > MAX_LINES_BEFORE_CHAPTER:
        writer.new_page()  # a chapter starts a page, unless the page holds only a line or two
    writer.space(size * 0.6)
    lines = _wrap(text, BOLD_FONT, size, TEXT_WIDTH)
    # Keep a heading with at least three lines of what follows.
    writer.ensure(len(lines) * size * 1.25 + 3 * LEADING)
    for part in lines:
        writer.mark(number)
        writer.text(MARGIN_LEFT, part, BOLD_FONT, size)
        writer.advance(size * 1.25)
    writer.space(size * 0.3)


def _table_blocks(lines: list[str]) -> dict[int, list[_Row]]:
    """Tables by the index of their first line: runs of tab lines, with the label lines between them."""
    blocks: dict[int, list[_Row]] = {}
    i = 0
    while i < len(lines):
        if "\t" not in lines[i] or _RULE.match(lines[i]):
            i += 1
            continue
        end = i
        j = i
        while j < len(lines) and lines[j].strip() and not _RULE.match(lines[j]) and _heading(lines[j]) is None:
            if "\t" in lines[j]:
                end = j
            j += 1
        rows = [
            _Row(n + 1, [plain_text(c) for c in lines[n].split("\t")], "<b>" in lines[n].lower())
            for n in range(i, end + 1)
        ]
        blocks[i] = rows
        i = end + 1
    return blocks


def render_report_pdf(text: str, path: Path) -> RenderedPdf:
    """Print a report's text as an A4 PDF; the map says where each text line landed."""
    lines = text.lstrip("\ufeff").split("\n")
    writer = _Writer(path)
    tables = _table_blocks(lines)
    i = 0
    previous_blank = True
    while i < len(lines):
        raw = lines[i].rstrip("\r")
        number = i + 1
        if i in tables:
            rows = tables[i]
            _draw_table(writer, rows)
            i += len(rows)
            previous_blank = False
            continue
        i += 1
        if not raw.strip():
            writer.mark(number)
            if not previous_blank:
                writer.space(LEADING)
            previous_blank = True
            continue
        previous_blank = False
        if _RULE.match(raw):
            writer.mark(number)
            writer.rule()
            continue
        heading = _heading(raw)
        if heading is not None:
            _draw_heading(writer, number, heading[0], heading[1], _is_top_level(raw))
            continue
        bullet = raw.lstrip().startswith("- ")
        clean = plain_text(raw.lstrip()[2:] if bullet else raw)
        font = BOLD_FONT if raw.strip().startswith("**") else BODY_FONT
        _draw_paragraph(writer, number, f"• {clean}" if bullet else clean, font)
    writer.canvas.save()
    return RenderedPdf(path, writer.page, writer.page_of_line)


def render_scanned_pdf(
    source: Path,
    path: Path,
    pages: Sequence[int] | None = None,
    dpi: int = 200,
    seed: int = 7,
) -> Path:
    """An image-only PDF of ``pages`` (1-based; all by default), as a scanner would make it.

    Each page is rendered to a grey image, turned by a fraction of a degree,
    softened a little and sprinkled with specks of dust on the blank paper;
    there is no text layer.
    """
    import pypdfium2 as pdfium
    from PIL import Image, ImageDraw, ImageFilter

    rng = random.Random(seed)
    document = pdfium.PdfDocument(str(source))
    try:
        numbers = list(pages) if pages is not None else list(range(1, len(document) + 1))
        images: list[Image.Image] = []
        for number in numbers:
            bitmap = document[number - 1].render(scale=dpi / 72, grayscale=True)
            skew = rng.uniform(-MAX_SKEW_DEGREES, MAX_SKEW_DEGREES)
            printed = bitmap.to_pil().convert("L").rotate(skew, resample=Image.Resampling.BICUBIC, fillcolor=255)
            image = printed.filter(ImageFilter.GaussianBlur(radius=0.4))
            draw = ImageDraw.Draw(image)
            placed = 0
            while placed < SPECKS_PER_PAGE:
                x, y = rng.randrange(8, image.width - 8), rng.randrange(8, image.height - 8)
                around = (x - SPECK_CLEARANCE, y - SPECK_CLEARANCE, x + SPECK_CLEARANCE, y + SPECK_CLEARANCE)
                if printed.crop(around).getextrema()[0] < 200:
                    continue  # dust on the paper, not on the print
                r = rng.choice((0.5, 1.0, 1.2))
                draw.ellipse((x - r, y - r, x + r, y + r), fill=rng.randrange(60, 170))
                placed += 1
            images.append(image)
    finally:
        document.close()
    first, rest = images[0], images[1:]
    first.save(path, "PDF", resolution=float(dpi), save_all=True, append_images=rest)
    return path


__all__ = ["RenderedPdf", "plain_text", "render_report_pdf", "render_scanned_pdf"]
