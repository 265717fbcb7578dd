"""A second, digits-only reading of the figures OCR read on a scanned page.

Tesseract reads a page once, as text. A digit misread there can be read with
high confidence ("4 218 994" as "47 218 994" at 80 %), so confidence alone does
not tell it. Each word with digits is therefore cut out of the page image as
rendered (the first reading was of it despeckled: another image gives another
opinion) and read again on its own, with only digits and signs allowed, all of
a page's words in one tesseract call (stacked one under the other). Where both
readings have digits and they differ, the word keeps the second reading beside
it and counts as unsure: the checks resting on it say so instead of failing.
"""

from __future__ import annotations

import os
import subprocess
import tempfile
from dataclasses import replace
from pathlib import Path

from PIL import Image

from finsam_warehouse.parsing.layout.words import Word

PADDING = 6  # pixels around a word's box
GAP = 40  # white pixels between the words stacked for the second reading
DIGITS_AND_SIGNS = "0123456789-()"
TIMEOUT_SECONDS = 120


def reread_figures(tesseract: str, page_image: Path, words: list[Word], language: str, dpi: int) -> list[Word]:
    """``words`` with each word with digits given its second reading (``Word.reread``)."""
    targets = [i for i, word in enumerate(words) if any(c.isdigit() for c in word.text)]
    if not targets:
        return words
    with Image.open(page_image) as page:
        strip, spans = _stacked(page, [words[i] for i in targets])
    with tempfile.TemporaryDirectory(prefix="finsam-reread-") as folder:
        image = Path(folder) / "figures.png"
        strip.save(image)
        command = [tesseract, str(image), "stdout", "-l", language, "--dpi", str(dpi), "--psm", "6"]
        command += ["-c", f"tessedit_char_whitelist={DIGITS_AND_SIGNS}", "tsv"]
        env = {**os.environ, "OMP_THREAD_LIMIT": "1"}
        try:
            done = subprocess.run(
                command, capture_output=True, text=True, check=False, env=env, timeout=TIMEOUT_SECONDS
            )
        except subprocess.TimeoutExpired:
            return words  # no second opinion: the first reading stands as it was
    if done.returncode != 0:
        return words
    readings = _readings(done.stdout, spans)
    reread = list(words)
    for index, reading in zip(targets, readings, strict=True):
        reread[index] = replace(words[index], reread=reading)
    return reread


def _stacked(page: Image.Image, words: list[Word]) -> tuple[Image.Image, list[tuple[int, int]]]:
    """The words' boxes cut out and stacked, with the vertical span of each in the stack."""
    crops = [
        page.crop((int(w.x0) - PADDING, int(w.top) - PADDING, int(w.x1) + PADDING, int(w.bottom) + PADDING))
        for w in words
    ]
    strip = Image.new("L", (max(c.width for c in crops) + 2 * GAP, sum(c.height + GAP for c in crops) + GAP), 255)
    spans: list[tuple[int, int]] = []
    top = GAP
    for crop in crops:
        strip.paste(crop.convert("L"), (GAP, top))
        spans.append((top, top + crop.height))
        top += crop.height + GAP
    return strip, spans


def _readings(tsv: str, spans: list[tuple[int, int]]) -> list[str]:
    """The text tesseract read within each span (words in reading order, joined)."""
    found: list[list[str]] = [[] for _ in spans]
    for row in tsv.splitlines()[1:]:
        parts = row.split("\t")
        if len(parts) < 12 or parts[0] != "5" or not parts[11].strip():
            continue
        middle = float(parts[7]) + float(parts[9]) / 2
        for index, (top, bottom) in enumerate(spans):
            if top - GAP / 2 <= middle <= bottom + GAP / 2:
                found[index].append(parts[11].strip())
                break
    return ["".join(words) for words in found]
