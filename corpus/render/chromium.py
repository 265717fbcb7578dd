"""Headless Chromium prints the HTML page to PDF (``--print-to-pdf``)."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from corpus.document import Document
from corpus.render.html import document_html

TIMEOUT_SECONDS = 120


def chromium_binary() -> str:
    for name in ("chromium", "chromium-browser", "google-chrome", "chrome"):
        found = shutil.which(name)
        if found:
            return found
    raise RuntimeError("Chromium is not installed (apt-get install chromium)")


def print_to_pdf(html_path: Path, pdf_path: Path) -> None:
    with tempfile.TemporaryDirectory(prefix="corpus-chromium-") as profile:
        command = [
            chromium_binary(), "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync",
            f"--user-data-dir={profile}", "--no-pdf-header-footer", f"--print-to-pdf={pdf_path}",
            html_path.resolve().as_uri(),
        ]
        subprocess.run(command, check=True, capture_output=True, timeout=TIMEOUT_SECONDS)
    if not pdf_path.exists() or pdf_path.stat().st_size == 0:
        raise RuntimeError(f"Chromium wrote no PDF for {html_path}")


def render(doc: Document, path: Path, producer: str = "chromium") -> None:
    with tempfile.TemporaryDirectory(prefix="corpus-html-") as tmp:
        html_path = Path(tmp) / f"{doc.spec_id}.html"
        html_path.write_text(document_html(doc), encoding="utf-8")
        print_to_pdf(html_path, path)
