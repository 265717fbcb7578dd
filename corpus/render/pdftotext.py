"""Text as ``pdftotext -layout`` prints it, from the LibreOffice rendition of the report.

Columns are kept by runs of spaces (no tabs), pages are separated by form feeds.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from corpus.document import Document
from corpus.render import libreoffice


def pdftotext_layout(pdf: Path, out: Path) -> None:
    if not shutil.which("pdftotext"):
        raise RuntimeError("pdftotext is not installed (apt-get install poppler-utils)")
    subprocess.run(["pdftotext", "-layout", "-enc", "UTF-8", str(pdf), str(out)], check=True, capture_output=True)


def render_many(items: list[tuple[Document, Path, str]]) -> None:
    with tempfile.TemporaryDirectory(prefix="corpus-pdftotext-") as tmp:
        pdfs = [(doc, Path(tmp) / f"{path.stem}.pdf", tables) for doc, path, tables in items]
        libreoffice.render_many(pdfs)
        for (_, pdf, _), (_, path, _) in zip(pdfs, items):
            pdftotext_layout(pdf, path)


def render(doc: Document, path: Path, producer: str = "pdftotext", tables: str = "grid") -> None:
    render_many([(doc, path, tables)])
