"""Text the way the samples' extracted text looks: markdown with tab cells, or HTML in cells.

``markdown`` is sample 000's style: ``#`` headings, tab-separated table rows,
``<b>`` around the cells of bold rows. ``htmlcells`` is sample 002's: numbered
plain headings, tab-separated rows, ``<u>`` section lines, and prose set in two
columns comes out as one table row whose cells hold ``<p>`` paragraphs. A page
break prints the footer and a form feed.
"""

from __future__ import annotations

from pathlib import Path

from corpus.document import Document, Heading, PageBreak, Paragraph, Table, TwoColumns


class _Pages:
    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.page = 1
        self.lines: list[str] = []
        self._top()

    def _top(self) -> None:
        if self.doc.page_header:
            self.lines += [self.doc.page_header, ""]

    def add(self, *lines: str) -> None:
        self.lines.extend(lines)

    def page_break(self) -> None:
        footer = (self.doc.page_footer or "").format(page=self.page, pages="{pages}")
        self.lines += ["", footer, "\f"] if footer else ["\f"]
        self.page += 1
        self._top()

    def text(self) -> str:
        self.page_break()
        body = "\n".join(self.lines).replace("{pages}", str(self.page - 1))
        return body.replace("\n\f\n", "\f").rstrip("\f") + "\n"


def _table(pages: _Pages, table: Table, style: str) -> None:
    for header in table.header:
        pages.add("\t".join(header))
    for n, row in enumerate(table.rows, 1):
        cells = list(row.cells)
        if row.heading and style == "htmlcells":
            cells[0] = f"<u>{cells[0]}</u>"
        elif row.bold and style == "markdown":
            cells = [f"<b>{c}</b>" if c else c for c in cells]
        pages.add("\t".join(cells).rstrip("\t") if row.heading else "\t".join(cells))
        if table.break_after == n:
            pages.page_break()
    pages.add("")


def render_text(doc: Document, style: str) -> str:
    pages = _Pages(doc)
    for i, line in enumerate(doc.title):
        pages.add(f"# {line}" if i == 0 and style == "markdown" else line, "")
    for block in doc.blocks:
        if isinstance(block, Heading):
            pages.add("#" * block.level + " " + block.text if style == "markdown" else block.text, "")
        elif isinstance(block, Paragraph):
            bold = block.bold and style == "markdown"
            pages.add(f"<b>{block.text}</b>" if bold else block.text, "")
        elif isinstance(block, TwoColumns):
            if style == "htmlcells":
                half = (len(block.paragraphs) + 1) // 2
                left, right = block.paragraphs[:half], block.paragraphs[half:]
                pages.add("\t".join("".join(f"<p>{p}</p>" for p in side) for side in (left, right)), "")
            else:
                for p in block.paragraphs:
                    pages.add(p, "")
        elif isinstance(block, Table):
            _table(pages, block, style)
        elif isinstance(block, PageBreak):
            pages.page_break()
    return pages.text()


def render(doc: Document, path: Path, producer: str) -> None:
    path.write_text(render_text(doc, producer), encoding="utf-8")
