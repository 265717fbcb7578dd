"""OCR cells without what OCR adds to them: stray marks, a zero read as 'O', lost spaces."""

from __future__ import annotations

import re

from finsam_warehouse.parsing.dates import ISO_DATE

MINUS = "\\-\u2212\u2013"  # for character classes: hyphen, minus, en dash


def clean_ocr_cell(text: str, first: bool) -> str:
    """A cell of an OCR line: the line's first cell is a label (or heading), the others figures."""
    text = clean_ocr_zero(text)
    return clean_ocr_line_start(text) if first else clean_ocr_figure(text)


def clean_ocr_zero(text: str) -> str:
    """A zero OCR read as the letter: 'Finansiella intäkter O 96', 'Kassaflöde från O'."""
    return re.sub(rf"(?<!\S)O(?=\s+[{MINUS}]?\d|\s*$)|(?<=\d )[Oo](?!\S)", "0", text)


def clean_ocr_line_start(text: str) -> str:
    """The start of an OCR line without specks read as marks: '"2. Resultaträkning', '3: Balansräkning'."""
    if not re.match(r"^[\"“”].*\w[\"”]", text):  # keep a quotation
        text = re.sub(r"^[\"'`’‘”“,.:;|~_]+(?=\w)", "", text)
    return re.sub(r"^(\d{1,2}(?:\.\d{1,2})*)[:;](?=\s)", r"\1.", text)


def clean_ocr_figure(text: str) -> str:
    """A cell of figures as OCR read it, without stray marks and with its lost spaces back.

    '"--266 374' is '-266 374'; 'A1 670 166' is '1 670 166'; '«117' is '117'
    (the statement's sums restore a lost minus); '-266.690' and '1670-166' are
    '-266 690' and '1 670 166'; '2359 937' (a thousands space lost) is
    '2 359 937'. Dates and cells of words are left as they are.
    """
    if not re.search(r"\d", text) or ISO_DATE.search(text):
        return text
    cleaned = re.sub(rf"^[^\d({MINUS}]{{1,2}}", "", text.strip())  # up to two marks before it
    cleaned = re.sub(r"(?<=\d)[^\d)%]{1,2}$", "", cleaned)  # and after it
    if re.search(r"[A-Za-zÅÄÖåäö]", cleaned):
        return text
    cleaned = re.sub(rf"^[{MINUS}]{{2,}}", "-", cleaned.strip())
    # A speck between digit groups: amounts have no point, and at most two decimals.
    cleaned = re.sub(rf"(?<=\d)(?:\s?[.,'`’·]\s?|[{MINUS}])(?=\d{{3}}(?!\d))", " ", cleaned)
    found = re.fullmatch(rf"([{MINUS}]?)(\d+(?: \d+)*)(,\d{{1,2}})?", cleaned)
    if found:
        groups = found[2].split(" ")
        if len(groups) > 1 and any(len(g) > 3 for g in groups) and all(len(g) % 3 == 0 for g in groups[1:]):
            digits = "".join(groups)
            head = len(digits) % 3 or 3
            regrouped = " ".join([digits[:head], *(digits[i : i + 3] for i in range(head, len(digits), 3))])
            cleaned = f"{found[1]}{regrouped}{found[3] or ''}"
    return cleaned
