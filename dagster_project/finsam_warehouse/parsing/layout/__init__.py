"""The layout engine: positioned words from PDF text layers and OCR, into lines and table cells.

``words`` reads the routes' word boxes, ``lines`` groups them into lines and
cells, ``columns`` finds the columns of a page's tables, ``page`` writes each
page as text lines whose table rows keep one slot per column, ``header`` reads
what a column's header says (period, unit, role). ``LayoutSettings`` holds
every tolerance, in one validated dataclass.
"""

from finsam_warehouse.parsing.layout.page import lines_from_words
from finsam_warehouse.parsing.layout.settings import DEFAULT_SETTINGS, LayoutSettings
from finsam_warehouse.parsing.layout.words import Word, words_from_pdfplumber, words_from_tsv

__all__ = ["DEFAULT_SETTINGS", "LayoutSettings", "Word", "lines_from_words", "words_from_pdfplumber", "words_from_tsv"]
