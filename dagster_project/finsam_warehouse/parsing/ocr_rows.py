"""OCR table rows: a label and the run of digit groups after it, wrapped rows joined.

OCR text has no cells: a row is label words followed by its figures as one run,
which the readers split into their columns.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from finsam_warehouse.parsing.models import TextLine
from finsam_warehouse.parsing.ocr_repair import strip_markup

# Where the figures of an OCR row begin: a number token after the label.
NUMERIC_TAIL = re.compile(r"(?:(?<=\s)|^)[\(\|]?[-\u2212\u2013]?\d[\d\s|(),\-\u2212\u2013]*$")


@dataclass
class OcrEntry:
    """An OCR row: label words and the run of digit groups after them, over one or more lines."""

    label: str
    run: str
    lines: list[TextLine]


def ocr_entries(lines: list[TextLine]) -> list[OcrEntry]:
    """Join wrapped rows: a line that starts in lower case continues the one above.

    "Resultat efter finansiella 750963 271 055" / "poster" and
    "Kassaflöde från 0" / "investeringsverksamheten 0" each make one row.
    """
    entries: list[OcrEntry] = []
    for line in lines:
        clean = strip_markup(line.text)
        if not clean:
            continue
        tail = NUMERIC_TAIL.search(clean)
        label = clean[: tail.start()].strip() if tail else clean
        run = tail.group(0).strip() if tail else ""
        if entries and label[:1].islower():
            previous = entries[-1]
            previous.label = f"{previous.label} {label}"
            previous.run = f"{previous.run} {run}".strip()
            previous.lines.append(line)
        else:
            entries.append(OcrEntry(label, run, [line]))
    return entries
