"""Bad statistics files: each gets a clear error of its own, and the others are read as usual."""

from __future__ import annotations

import shutil
from pathlib import Path

import openpyxl
import pytest

from tests.conftest import SAMPLE_RAW_DIR, sample_path
from tests.statistics.conftest import SUS_ENDED, SUS_STATUS, UPPFOLJNING


@pytest.fixture
def raw(tmp_path: Path) -> Path:
    """A raw folder holding the three good files, to put bad ones beside."""
    for key in (SUS_STATUS, SUS_ENDED, UPPFOLJNING):
        (tmp_path / key).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(SAMPLE_RAW_DIR / key, tmp_path / key)
    return tmp_path


def _error(read, raw: Path, key: str, data: bytes) -> str:
    (raw / key).parent.mkdir(parents=True, exist_ok=True)
    (raw / key).write_bytes(data)
    result = read(key, raw)
    assert not result.ok and result.figures == []
    return result.error_message


def test_an_empty_file(read, raw: Path) -> None:
    assert _error(read, raw, "lekeberg-orebro/export.csv", b"") == "the file is empty"
    assert _error(read, raw, "lekeberg-orebro/export.xlsx", b"  \n") == "the file is empty"


def test_a_report_saved_as_csv(read, raw: Path) -> None:
    report = sample_path("003_76c6639e21d29c62.txt").read_bytes()
    message = _error(read, raw, "vastra-ostergotland/delarsrapport.csv", report)
    assert message.startswith("unknown layout: no header row with known columns")
    assert "The closest (line 5) has the columns 'Delårsredovisning'; recognised: none" in message
    assert "missing: a column of figures (participants, started, ended, current, or an outcome)" in message
    assert "statistics_vocabulary.csv" in message


def test_a_sheet_with_no_recognisable_header(read, raw: Path) -> None:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "Export"
    sheet.append(["Uttag från systemet"])
    sheet.append([])
    sheet.append(["Verksamhet", "Kategori", "Summa timmar"])
    sheet.append(["ISA-Västra", "A", 120])
    workbook.save(raw / "vastra-ostergotland" / "timmar.xlsx")
    message = read("vastra-ostergotland/timmar.xlsx", raw).error_message
    assert "The closest (sheet 'Export', row 3) has the columns 'Verksamhet', 'Kategori', 'Summa timmar'" in message
    assert "missing: a column of figures (participants, started, ended, current, or an outcome)" in message
    assert "and a column naming the insats or the sex (Insats, Kön)" in message


def test_a_file_in_an_unknown_association_folder(read, raw: Path) -> None:
    data = (SAMPLE_RAW_DIR / UPPFOLJNING).read_bytes()
    message = _error(read, raw, "okant-forbund/Uppfoljning.csv", data)
    assert "unknown association 'okant-forbund'" in message


def test_windows_1252_text_read_as_utf8_and_saved_again(read, raw: Path) -> None:
    damaged = (SAMPLE_RAW_DIR / SUS_ENDED).read_bytes().decode("utf-8", errors="replace").encode("utf-8")
    message = _error(read, raw, "vastra-ostergotland/SUS_avslutade_kopia.csv", damaged)
    assert message.startswith("the text is damaged: ")
    assert "first in line 1: 'Standardrapport deltagare - syssels\ufffdttning efter avslut'" in message
    assert "Windows-1252 file was read as UTF-8" in message


def test_utf8_text_read_as_windows_1252_and_saved_again(read, raw: Path) -> None:
    garbled = (SAMPLE_RAW_DIR / UPPFOLJNING).read_bytes().decode("utf-8-sig").encode("utf-8").decode("cp1252")
    message = _error(read, raw, "lekeberg-orebro/Uppfoljning_kopia.csv", garbled.encode("utf-8"))
    assert "UTF-8 text was read as Windows-1252" in message


def test_an_old_xls_workbook_and_a_pdf_named_csv(read, raw: Path) -> None:
    assert "old Excel workbook (.xls)" in _error(read, raw, "sofint/export.xls", b"\xd0\xcf\x11\xe0 binary")
    assert "binary data" in _error(read, raw, "sofint/export.csv", b"%PDF-1.4\n\x00\x01")
    assert "not a zip archive" in _error(read, raw, "sofint/export.xlsx", "Insats;Kön\n".encode())


def test_a_file_for_another_organisation_number(read, raw: Path) -> None:
    text = (SAMPLE_RAW_DIR / UPPFOLJNING).read_text(encoding="utf-8-sig").replace("222000-2493", "222000-1818")
    message = _error(read, raw, "lekeberg-orebro/annan.csv", text.encode("utf-8"))
    assert "organisation number 222000-1818" in message and "222000-2493" in message


def test_the_good_files_beside_the_bad_ones_are_read_in_full(read, raw: Path) -> None:
    (raw / "vastra-ostergotland" / "tom.csv").write_bytes(b"")
    (raw / "vastra-ostergotland" / "rapport.csv").write_bytes(sample_path("003_76c6639e21d29c62.txt").read_bytes())
    counts = {key: len(read(key, raw).figures) for key in (SUS_STATUS, SUS_ENDED, UPPFOLJNING)}
    assert counts == {SUS_STATUS: 132, SUS_ENDED: 126, UPPFOLJNING: 10}
