"""The layout engine's settings: one validated dataclass, passed to every stage.

Distances are multiples of the page's median text height, so one setting serves
points (PDF text layers) and pixels (OCR) alike.
"""

from __future__ import annotations

from dataclasses import dataclass, fields


@dataclass(frozen=True)
class LayoutSettings:
    # Lines and cells
    row_tolerance: float = 0.5  # words whose vertical centres differ less than this share a line
    cell_gap: float = 1.0  # a horizontal gap wider than this starts a new cell
    paragraph_gap: float = 1.1  # a vertical gap wider than this is an empty line
    # Columns
    column_tolerance: float = 0.6  # right edges closer than this are one column
    label_indent: float = 2.0  # a first cell starting within this of the page's left edge is a label
    # Columns found per table rather than per page: for coarse positions (space-aligned
    # text), where the columns of different tables on a page would run together.
    columns_per_table: bool = False
    # OCR words (tesseract TSV)
    ocr_min_confidence: float = 60.0  # below this, a word without letters or digits is a speck
    ocr_speck_size: float = 0.35  # a box smaller than this is a speck
    ocr_low_confidence: float = 50.0  # below this, a word lower than ocr_short_word is a speck
    ocr_short_word: float = 0.75
    ocr_unsure_figure: float = 60.0  # below this, OCR was unsure of a word with digits (a figure)

    def __post_init__(self) -> None:
        for field in fields(self):
            value = getattr(self, field.name)
            if not isinstance(value, (int, float)) or value < 0:
                raise ValueError(f"layout setting {field.name} must be a number >= 0, not {value!r}")
        for name in ("row_tolerance", "cell_gap", "column_tolerance"):
            if getattr(self, name) == 0:
                raise ValueError(f"layout setting {name} must be above 0")
        if not 0 <= self.ocr_low_confidence <= self.ocr_min_confidence <= 100:
            raise ValueError("OCR confidences must satisfy 0 <= ocr_low_confidence <= ocr_min_confidence <= 100")


DEFAULT_SETTINGS = LayoutSettings()
