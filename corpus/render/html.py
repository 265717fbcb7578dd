"""A document as one HTML page with print CSS: the input of Chromium's --print-to-pdf.

Running header and footer come from CSS page-margin boxes; prose set in two
columns uses ``column-count``; a page break inside a table closes the table and
opens a new one on the next page without repeating its header.
"""

from __future__ import annotations

import html
import re

from corpus.document import Document, Heading, PageBreak, Paragraph, Table, TwoColumns

CSS = """
@page { size: A4; margin: 24mm 20mm 22mm 22mm;
  @top-center { content: %(header)s; font: 8pt 'DejaVu Sans', sans-serif; color: #444 }
  @bottom-right { content: %(footer)s; font: 8pt 'DejaVu Sans', sans-serif } }
body { font: 10pt/1.35 'DejaVu Sans', 'Liberation Sans', sans-serif; }
h1 { font-size: 15pt; margin: 14pt 0 6pt } h2 { font-size: 12.5pt } h3 { font-size: 11pt; margin: 10pt 0 3pt }
.title p { font-size: 13pt; margin: 3pt 0 } .title p:first-child { font-size: 20pt; font-weight: bold; margin-top: 80pt }
table { border-collapse: collapse; margin: 4pt 0 10pt; }
td, th { padding: 1.5pt 7pt; vertical-align: bottom; font-weight: normal; }
td.n, th.n { text-align: right; white-space: nowrap; }
tr.b td { font-weight: bold; border-top: 0.6pt solid #000; }
tr.h td { font-weight: bold; padding-top: 6pt; }
.cols { column-count: 2; column-gap: 9mm; text-align: justify; }
.pb { break-before: page; }
"""


def css_content(template: str | None) -> str:
    """A CSS ``content`` value for a header/footer template with {page} and {pages}."""
    if not template:
        return "none"
    parts = []
    for piece in re.split(r"(\{pages?\})", template):
        if piece == "{page}":
            parts.append("counter(page)")
        elif piece == "{pages}":
            parts.append("counter(pages)")
        elif piece:
            parts.append('"' + piece.replace('"', '\\"') + '"')
    return " ".join(parts)


def _table(table: Table) -> str:
    out = ["<table>"]
    for header in table.header:
        cells = "".join(
            f'<th class="{"" if i < table.text_columns else "n"}">{html.escape(c)}</th>' for i, c in enumerate(header)
        )
        out.append(f"<tr>{cells}</tr>")
    for n, row in enumerate(table.rows, 1):
        cls = "h" if row.heading else ("b" if row.bold else "")
        cells = "".join(
            f'<td class="{"" if i < table.text_columns else "n"}">{html.escape(c)}</td>'
            for i, c in enumerate(row.cells)
        )
        out.append(f'<tr class="{cls}">{cells}</tr>')
        if table.break_after == n:
            out.append('</table><div class="pb"></div><table>')
    out.append("</table>")
    return "\n".join(out)


def document_html(doc: Document, extra_css: str = "") -> str:
    body = ['<div class="title">' + "".join(f"<p>{html.escape(t)}</p>" for t in doc.title) + "</div>"]
    for block in doc.blocks:
        if isinstance(block, Heading):
            body.append(f"<h{block.level}>{html.escape(block.text)}</h{block.level}>")
        elif isinstance(block, Paragraph):
            text = html.escape(block.text)
            body.append(f"<p><b>{text}</b></p>" if block.bold else f"<p>{text}</p>")
        elif isinstance(block, TwoColumns):
            body.append('<div class="cols">' + "".join(f"<p>{html.escape(p)}</p>" for p in block.paragraphs) + "</div>")
        elif isinstance(block, Table):
            body.append(_table(block))
        elif isinstance(block, PageBreak):
            body.append('<div class="pb"></div>')
    css = CSS % {"header": css_content(doc.page_header), "footer": css_content(doc.page_footer)}
    return (
        f'<!DOCTYPE html>\n<html lang="sv"><head><meta charset="utf-8"><title>{html.escape(doc.spec_id)}</title>'
        f"<style>{css}{extra_css}</style></head>\n<body>\n" + "\n".join(body) + "\n</body></html>\n"
    )
