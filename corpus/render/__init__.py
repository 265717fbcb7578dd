"""One module per producer. Each ``render(document, path)`` writes one report file.

``PRODUCERS`` maps a producer's name to its module and the file suffix it writes.
"""

from __future__ import annotations

PRODUCERS = {
    "markdown": ("corpus.render.text_styles", ".txt"),
    "htmlcells": ("corpus.render.text_styles", ".txt"),
    "reportlab": ("corpus.render.reportlab_pdf", ".pdf"),
    "chromium": ("corpus.render.chromium", ".pdf"),
    "libreoffice": ("corpus.render.libreoffice", ".pdf"),
    "pdftotext": ("corpus.render.pdftotext", ".txt"),
    "scan": ("corpus.render.scan", ".pdf"),
}
