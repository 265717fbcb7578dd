"""Second and third, digits-only readings of the figures OCR read on a scanned page.

Tesseract reads a page once, as text. A digit misread there can be read with
high confidence ("4 218 994" as "47 218 994" at 80 %), so confidence alone does
not tell it. Each word with digits is therefore cut out of the page image as
rendered (the first reading was of it despeckled: another image gives another
opinion) and read again on its own, with only digits and signs allowed, all of
a page's words in one tesseract call (stacked one under the other). Where both
readings have digits and they differ, the word is cut out of the despeckled
image too and read a third time, digits only. Where the second and third
readings agree, the word takes their reading (two of three; ``Word.outvoted``
keeps the first); otherwise it keeps the second reading beside it. Either way it
counts as unsure: the checks resting on it say so instead of failing.
"""

from __future__ import annotations

import os
import subprocess
import tempfile
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from PIL import Image

from finsam_warehouse.parsing.layout.words import Word
from finsam_warehouse.parsing.numbers import MINUS_SIGNS, digits_of

PADDING = 6  # pixels around a word's box
GAP = 40  # white pixels between the words stacked for the second reading
DIGITS_AND_SIGNS = "0123456789-()"
TRAILING_MARKS = "%:;*"  # kept from the first reading when the second gives another digit count
TIMEOUT_SECONDS = 120


def reread_figures(tesseract: str, images: tuple[Path, Path], words: list[Word], language: str, dpi: int) -> list[Word]:
    """``words`` with each word with digits given its second reading (``Word.reread``), from the
    page as rendered; a word read two ways is read a third time from the despeckled page and,
    where the second and third readings agree, takes theirs."""
    despeckled, rendered = images
    second = _read_again(tesseract, rendered, words, language, dpi, _has_digits, _with_second)
    return _read_again(tesseract, despeckled, second, language, dpi, _read_two_ways, settle_by_third_reading)


def _has_digits(word: Word) -> bool:
    return any(c.isdigit() for c in word.text)


def _read_two_ways(word: Word) -> bool:
    return word.read_two_ways


def _with_second(word: Word, second: str) -> Word:
    return replace(word, reread=second)


def _read_again(
    tesseract: str,
    image: Path,
    words: list[Word],
    language: str,
    dpi: int,
    wanted: Callable[[Word], bool],
    take: Callable[[Word, str], Word],
) -> list[Word]:
    """``words`` with those ``wanted`` read again, digits only, from ``image``, each reading
    taken into its word by ``take``."""
    targets = [i for i, word in enumerate(words) if wanted(word)]
    if not targets:
        return words
    readings = _digit_readings(tesseract, image, [words[i] for i in targets], language, dpi)
    if readings is None:
        return words  # no further opinion: the readings so far stand
    done = list(words)
    for index, reading in zip(targets, readings, strict=True):
        done[index] = take(words[index], reading)
    return done


def settle_by_third_reading(word: Word, third: str) -> Word:
    """A word read two ways, after its third reading: the second's reading where the third agrees."""
    if digits_of(third) != digits_of(word.reread or ""):
        return word
    text = voted_text(word.text, word.reread or "")
    if text is None:
        return word
    return replace(word, text=text, outvoted=word.text)


def voted_text(first: str, second: str) -> str | None:
    """The word as the second reading reads it, keeping what only the first can show.

    With as many digits in both, each digit of the first is replaced in turn
    (its decimal comma, spaces and signs stay: "2,1" and "27" give "2,7"). Else
    the second reading stands with the first's trailing mark ("%", ":") where
    the first has one. A first reading with a decimal comma, with a sign the
    second lost, two digits more or fewer than it, or one digit where the
    second has one too, is left as it is (None).
    """
    first_digits, second_digits = digits_of(first), digits_of(second)
    if _signed(first) and not _signed(second):
        return None  # a reading that lost the sign may have lost thin glyphs with it
    if abs(len(first_digits) - len(second_digits)) > 1:
        return None  # a misread adds or drops one glyph; '"117' read "7" lost two
    if len(first_digits) == 1 == len(second_digits):
        return None  # one glyph cut out alone gives the digits-only reader no context
    if len(first_digits) == len(second_digits):
        replacement = iter(second_digits)
        return "".join(next(replacement) if c.isdigit() else c for c in first)
    if "," in first:
        return None
    trailing = first[len(first.rstrip(TRAILING_MARKS)) :]
    return second + trailing


def _signed(text: str) -> bool:
    return any(c in MINUS_SIGNS or c in "()" for c in text)


def _digit_readings(tesseract: str, image: Path, words: list[Word], language: str, dpi: int) -> list[str] | None:
    """What tesseract reads in each word's box, digits and signs only; None if it could not."""
    with Image.open(image) as page:
        strip, spans = _stacked(page, words)
    with tempfile.TemporaryDirectory(prefix="finsam-reread-") as folder:
        stacked = Path(folder) / "figures.png"
        strip.save(stacked)
        command = [tesseract, str(stacked), "stdout", "-l", language, "--dpi", str(dpi), "--psm", "6"]
        command += ["-c", f"tessedit_char_whitelist={DIGITS_AND_SIGNS}", "tsv"]
        env = {**os.environ, "OMP_THREAD_LIMIT": "1"}
        try:
            done = subprocess.run(
                command, capture_output=True, text=True, check=False, env=env, timeout=TIMEOUT_SECONDS
            )
        except subprocess.TimeoutExpired:
            return None
    return _readings(done.stdout, spans) if done.returncode == 0 else None


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
