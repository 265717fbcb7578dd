"""A statistics file as sheets of printed cells, whatever its format.

``.xlsx`` is read with openpyxl (the sheet, row and column of every cell are
kept); ``.csv`` with the standard library's csv module after its encoding is
settled: UTF-8 (with or without a byte-order mark), else Windows-1252. Text that
an earlier program already damaged (replacement characters, UTF-8 read as
Windows-1252) is refused with a message that says so.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import zipfile
from dataclasses import dataclass
from pathlib import Path

from finsam_warehouse.parsing.statistics.models import Cell, StatisticsError

SEPARATORS = (";", ",", "\t")
XLSX_MAGIC = b"PK\x03\x04"


@dataclass(frozen=True)
class Sheet:
    """Rows of cells; each row is as wide as the widest row (empty cells have text '')."""

    name: str | None
    rows: list[list[Cell]]


@dataclass(frozen=True)
class Grid:
    source_format: str  # 'xlsx' or 'csv'
    sheets: list[Sheet]
    encoding: str | None = None
    separator: str | None = None


def column_letter(index: int) -> str:
    """1 → A, 27 → AA."""
    letters = ""
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _padded(sheet_name: str | None, rows: list[tuple[int, list[str]]]) -> Sheet:
    width = max((len(values) for _, values in rows), default=0)
    return Sheet(
        sheet_name,
        [
            [Cell(sheet_name, number, column_letter(i + 1), (values[i] if i < len(values) else "").strip())
             for i in range(width)]
            for number, values in rows
        ],
    )  # fmt: skip


# --- xlsx --------------------------------------------------------------------


def _cell_text(value: object, number_format: str | None) -> str:
    """A cell's value as a person reads it: 62 %, 47,8 %, 12, 2021-08-31."""
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(sep=" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, (int, float)):
        if number_format and "%" in number_format:
            value = round(value * 100, 6)
        text = str(int(value)) if float(value).is_integer() else repr(float(value)).replace(".", ",")
        return f"{text} %" if number_format and "%" in number_format else text
    return str(value)


def read_xlsx(source: Path | io.BytesIO) -> Grid:
    import openpyxl
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        workbook = openpyxl.load_workbook(source, read_only=True, data_only=True)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, OSError, ValueError) as exc:
        raise StatisticsError(f"not a readable Excel workbook (.xlsx): {exc}") from exc
    try:
        sheets = []
        for worksheet in workbook.worksheets:
            rows = [
                (number, [_cell_text(c.value, getattr(c, "number_format", None)) for c in row])
                for number, row in enumerate(worksheet.iter_rows(min_row=1, min_col=1), start=1)
            ]
            sheets.append(_padded(worksheet.title, rows))
    finally:
        workbook.close()
    return Grid("xlsx", sheets)


# --- csv ---------------------------------------------------------------------


def decode(data: bytes) -> tuple[str, str]:
    """(text, encoding): UTF-8 with or without BOM, else Windows-1252."""
    try:
        text = data.decode("utf-8-sig")
        return text, "utf-8-sig" if data.startswith(b"\xef\xbb\xbf") else "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError as exc:
        raise StatisticsError(
            f"the text is neither UTF-8 nor Windows-1252 (byte {data[exc.start]:#04x} at offset {exc.start})"
        ) from exc


def check_text_undamaged(text: str) -> None:
    """Refuse text whose å/ä/ö an earlier program already lost or garbled."""
    lines = text.splitlines()
    damaged = [(n, line) for n, line in enumerate(lines, start=1) if "\ufffd" in line]
    if damaged:
        n, line = damaged[0]
        raise StatisticsError(
            f"the text is damaged: {text.count(chr(0xFFFD))} replacement character(s) (\ufffd) where letters were, "
            f"first in line {n}: '{line.strip()[:80]}'. A Windows-1252 file was read as UTF-8 and saved again, "
            "so å, ä and ö are lost; export the file again from the follow-up system"
        )
    try:
        repaired = text.encode("cp1252").decode("utf-8")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return
    if repaired != text:
        raise StatisticsError(
            "the text is damaged: UTF-8 text was read as Windows-1252 and saved again "
            f"(e.g. '{next(w for w in text.split() if w not in repaired)[:40]}'); export the file again"
        )


def csv_rows(text: str, separator: str) -> list[tuple[int, list[str]]]:
    """(line number, fields) per non-empty record; the line number is where the record starts."""
    reader = csv.reader(io.StringIO(text), delimiter=separator)
    rows, start = [], 1
    for fields in reader:
        if any(f.strip() for f in fields):
            rows.append((start, fields))
        start = reader.line_num + 1
    return rows


def sniffed_separator(text: str) -> str | None:
    try:
        return csv.Sniffer().sniff(text[:20000], delimiters="".join(SEPARATORS)).delimiter
    except csv.Error:
        return None


def read_csv(data: bytes) -> list[Grid]:
    """One candidate grid per separator, the sniffed one first; the caller keeps the one it recognises."""
    text, encoding = decode(data)
    check_text_undamaged(text)
    first = sniffed_separator(text)
    order = [first] if first else []
    order += [s for s in SEPARATORS if s != first]
    return [Grid("csv", [_padded(None, csv_rows(text, sep))], encoding, sep) for sep in order]


# --- any file ----------------------------------------------------------------


def read_grids(path: Path) -> list[Grid]:
    """Candidate readings of the file (several for a CSV whose separator is unsure)."""
    data = path.read_bytes()
    if not data.strip():
        raise StatisticsError("the file is empty")
    suffix = path.suffix.lower()
    if suffix == ".xls":
        raise StatisticsError("an old Excel workbook (.xls): save it as .xlsx or export it as .csv")
    if data.startswith(XLSX_MAGIC):
        return [read_xlsx(io.BytesIO(data))]
    if suffix in (".xlsx", ".xlsm"):
        raise StatisticsError("not a readable Excel workbook (.xlsx): the file is not a zip archive")
    if b"\x00" in data[:4096] or data.startswith(b"%PDF"):
        raise StatisticsError("not a text spreadsheet export: the file holds binary data")
    return read_csv(data)
