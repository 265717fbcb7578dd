"""reportlab draws the document itself: A4, DejaVu Sans, tables with right-aligned figures.

The running header and footer are drawn on every page; two-column prose is set
in two frames side by side; a table continues on the next page when it does not
fit or where the spec breaks it.
"""

from __future__ import annotations

from pathlib import Path

from corpus.document import Document, Heading, PageBreak, Paragraph, Table, TwoColumns

PAGE_W, PAGE_H = 595.28, 841.89
LEFT, RIGHT, TOP, BOTTOM = 62.0, 56.0, 70.0, 64.0
BODY, LEADING = 9.5, 12.5
HEADING_SIZE = {1: 15.0, 2: 13.0, 3: 11.0}
GAP = 16.0
FONT_DIRS = (Path("/usr/share/fonts/truetype/dejavu"), Path("/usr/share/fonts/truetype/liberation"))


def _fonts() -> tuple[str, str]:
    """DejaVu Sans (prints U+2212 and no-break spaces), else the standard Helvetica."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    regular, bold = FONT_DIRS[0] / "DejaVuSans.ttf", FONT_DIRS[0] / "DejaVuSans-Bold.ttf"
    if regular.exists() and bold.exists():
        pdfmetrics.registerFont(TTFont("DejaVu", str(regular)))
        pdfmetrics.registerFont(TTFont("DejaVu-Bold", str(bold)))
        return "DejaVu", "DejaVu-Bold"
    return "Helvetica", "Helvetica-Bold"


class _Pdf:
    def __init__(self, doc: Document, path: Path) -> None:
        from reportlab.pdfgen.canvas import Canvas

        self.doc = doc
        self.font, self.bold = _fonts()
        self.canvas = Canvas(str(path), pagesize=(PAGE_W, PAGE_H))
        self.page = 1
        self.y = PAGE_H - TOP
        self.used = False
        self._decorate()

    def width(self, text: str, bold: bool = False, size: float = BODY) -> float:
        return self.canvas.stringWidth(text, self.bold if bold else self.font, size)

    def _decorate(self) -> None:
        self.canvas.setFont(self.font, 7.5)
        if self.doc.page_header:
            self.canvas.drawCentredString(PAGE_W / 2, PAGE_H - 40, self.doc.page_header)
        if self.doc.page_footer:
            footer = self.doc.page_footer.replace("{pages}", "{page}")
            self.canvas.drawRightString(PAGE_W - RIGHT, 36, footer.format(page=self.page))

    def new_page(self) -> None:
        if not self.used:
            return
        self.canvas.showPage()
        self.page += 1
        self.y = PAGE_H - TOP
        self.used = False
        self._decorate()

    def need(self, height: float) -> None:
        if self.y - height < BOTTOM:
            self.new_page()

    def line(self, x: float, text: str, bold: bool = False, size: float = BODY, right: bool = False) -> None:
        self.canvas.setFont(self.bold if bold else self.font, size)
        draw = self.canvas.drawRightString if right else self.canvas.drawString
        draw(x, self.y - size, text)
        self.used = True

    def wrap(self, text: str, width: float, bold: bool = False, size: float = BODY) -> list[str]:
        lines, current = [], ""
        for word in text.split():
            trial = f"{current} {word}".strip()
            if current and self.width(trial, bold, size) > width:
                lines.append(current)
                current = word
            else:
                current = trial
        return lines + ([current] if current else [])

    def paragraph(self, text: str, bold: bool = False, size: float = BODY, space: float = 5.0) -> None:
        for line in self.wrap(text, PAGE_W - LEFT - RIGHT, bold, size):
            self.need(size * 1.32)
            self.line(LEFT, line, bold, size)
            self.y -= size * 1.32
        self.y -= space

    def two_columns(self, paragraphs: tuple[str, ...]) -> None:
        width = (PAGE_W - LEFT - RIGHT - GAP) / 2
        lines: list[str] = []
        for p in paragraphs:
            lines += self.wrap(p, width) + [""]
        half = (len(lines) + 1) // 2
        self.need(half * LEADING)
        top = self.y
        for column, chunk in enumerate((lines[:half], lines[half:])):
            self.y = top
            for text in chunk:
                self.line(LEFT + column * (width + GAP), text)
                self.y -= LEADING
        self.y = top - half * LEADING - 4

    def table(self, table: Table) -> None:
        rows = [(h, True, False) for h in table.header] + [(r.cells, r.bold, r.heading) for r in table.rows]
        widths = [max(self.width(r[0][i], True) for r in rows) for i in range(len(rows[0][0]))]
        label_w = min(widths[0], 250.0)
        x, edges = LEFT + label_w + GAP, []
        for w in widths[1:]:
            x += max(w, 38.0)
            edges.append(x)
            x += GAP
        for n, (cells, bold, heading) in enumerate(rows):
            self.need(LEADING)
            self.line(LEFT, cells[0], bold or heading)
            for i, cell in enumerate(cells[1:], 1):
                text_column = i < table.text_columns
                self.line(edges[i - 1] - (widths[i] if text_column else 0), cell, bold, right=not text_column)
            self.y -= LEADING
            if table.break_after is not None and n - len(table.header) + 1 == table.break_after:
                self.new_page()
        self.y -= 8


def render(doc: Document, path: Path, producer: str = "reportlab") -> None:
    pdf = _Pdf(doc, path)
    for i, text in enumerate(doc.title):
        pdf.paragraph(text, bold=i == 0, size=18.0 if i == 0 else 12.0)
    for block in doc.blocks:
        if isinstance(block, Heading):
            pdf.need(60)
            pdf.y -= 6
            pdf.paragraph(block.text, bold=True, size=HEADING_SIZE.get(block.level, 11.0), space=4)
        elif isinstance(block, Paragraph):
            pdf.paragraph(block.text, bold=block.bold)
        elif isinstance(block, TwoColumns):
            pdf.two_columns(block.paragraphs)
        elif isinstance(block, Table):
            pdf.table(block)
        elif isinstance(block, PageBreak):
            pdf.new_page()
    pdf.canvas.save()
