"""Bad input gets a clear error on its report and never an exception."""

from __future__ import annotations

from pathlib import Path

import pytest

from finsam_warehouse import settings
from finsam_warehouse.parsing import parse_report
from finsam_warehouse.parsing.registry import load_registry

REGISTRY = load_registry(settings.ASSOCIATIONS_SEED)


def parse_file(raw: Path, relative: str, content: bytes) -> str | None:
    path = raw / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content)
    return parse_report(path, raw, REGISTRY, settings.PARSER_CATALOG).error_message


@pytest.mark.parametrize(
    ("relative", "content", "message"),
    [
        ("sofint/empty.txt", b"", "empty"),
        ("sofint/blank.txt", b"\n\n  \n", "empty"),
        ("sofint/binary.txt", b"\x00\x01\x02garbage" * 50, "binary"),
        (
            "sofint/notes.txt",
            "Inköpslista: mjölk, bröd, ägg".encode(),
            "does not look like a samordningsförbund report",
        ),
        ("sofint/report.docx", b"PK\x03\x04 not a report", "unsupported file type"),
        ("sofint/fake.pdf", b"this is not a pdf at all", "not a PDF"),
        ("sofint/empty.pdf", b"", "empty"),
        ("sofint/broken.pdf", b"%PDF-1.4\n1 0 obj garbage", "PDF"),
        (
            "nowhere-forbund/000_x.txt",
            "Delårsrapport 1 januari-30 juni 2020".encode(),
            "unknown association 'nowhere-forbund'",
        ),
        ("loose.txt", "Delårsrapport 1 januari-30 juni 2020".encode(), "not in an association folder"),
    ],
)
def test_clear_error(tmp_path: Path, relative: str, content: bytes, message: str) -> None:
    error = parse_file(tmp_path, relative, content)
    assert error is not None
    assert message in error


def test_an_interim_report_without_a_period_is_an_error(tmp_path: Path) -> None:
    error = parse_file(tmp_path, "sofint/x.txt", "Delårsrapport\n\nInget datum här.".encode())
    assert error == "the report's period was not found in its first pages"
