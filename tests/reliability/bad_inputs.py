"""A raw folder of files that must each become one clear error, beside two good reports.

Sizes are what a test can afford; the limits that stop the runaway ones are
bounded down to match (see ``TEST_LIMITS``).
"""

from __future__ import annotations

import zlib
from dataclasses import dataclass
from pathlib import Path

from reportlab.lib.utils import ImageReader
from reportlab.pdfgen import canvas

from tests.conftest import sample_path

GOOD = {
    "sofint/000_64bff6a06dc0d84a.txt": "000_64bff6a06dc0d84a.txt",
    "lekeberg-orebro/002_caf57892eec3f583.txt": "002_caf57892eec3f583.txt",
}
TEST_SECONDS = 12
TEST_MEMORY_MB = 1024


@dataclass(frozen=True)
class BadInput:
    path: str  # under the raw folder
    what: str
    error: str  # a fragment the file's error message must contain


BAD_INPUTS = [
    BadInput("sofint/year-zero.txt", "a 60-byte text naming the year 0000", "year 0 is out of range"),
    BadInput("lekeberg-orebro/huge-figure.txt", "002 with a figure of 99 999 999 999 999 999 999 kr", "too large for the warehouse"),
    BadInput("sofint/giant-page.pdf", "a scanned page 200 inches square", "no text"),
    BadInput("sofint/flate-bomb.pdf", "a 2 MB PDF whose page stream inflates to 2 GB", "cannot be read"),
    BadInput("sofint/many-pages.pdf", "a scanned PDF of 100 000 pages", f"gave up after {TEST_SECONDS} s"),
    BadInput("sofint/large.txt", "a 20 MB text that starts like a report", "gave up after"),
    BadInput("sofint/passwd.txt", "a symbolic link to /etc/passwd", "symbolic link, which is never followed"),
    BadInput("sofint/elsewhere.txt", "a symbolic link to a report outside the raw folder", "symbolic link"),
    BadInput("lekeberg-orebro/copy-of-000.txt", "sofint's report 000 in lekeberg-orebro's folder", "is it in the wrong folder"),
    BadInput("sofint/empty-1.txt", "an empty file", "the file is empty"),
    BadInput("sofint/empty-2.txt", "a second empty file", "the file is empty"),
    BadInput("lekeberg-orebro/cut-002.txt", "002 cut to 45 % of its bytes", "cut short"),
    BadInput("sofint/protokoll.txt", "board minutes that mention the annual report", "either this is not a report"),
]  # fmt: skip

MINUTES = """Protokoll fört vid styrelsemöte
Samordningsförbundet i norra Örebro län
Årsredovisning 2022 och revisionsberättelse
Organisationsnummer: 222000-1818

§ 1 Mötets öppnande. Ordföranden öppnade mötet.
§ 2 Styrelsen beslutade att godkänna årsredovisningen för perioden 1 januari-31 december 2022
och överlämna den till förbundets medlemmar.
§ 3 Mötet avslutades.
"""


def _pdf(path: Path, objects: list[bytes]) -> None:
    """A PDF of the given objects (1 is the catalog), with its cross-reference table."""
    body, offsets = bytearray(b"%PDF-1.4\n"), []
    for number, obj in enumerate(objects, start=1):
        offsets.append(len(body))
        body += b"%d 0 obj\n" % number + obj + b"\nendobj\n"
    xref = len(body)
    body += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    body += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    body += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    path.write_bytes(bytes(body))


def _flate_bomb(path: Path, inflated_bytes: int) -> None:
    """A one-page PDF whose content stream is ``inflated_bytes`` of spaces, deflated.

    One chunk is deflated once; after a full flush every further chunk deflates
    to the same bytes, so the stream is that block repeated, with its checksum.
    """
    chunk = b" " * (1 << 24)
    count = inflated_bytes // len(chunk)
    deflate = zlib.compressobj(9, zlib.DEFLATED, -15)
    block = deflate.compress(chunk) + deflate.flush(zlib.Z_FULL_FLUSH)
    checksum = 1
    for _ in range(count):
        checksum = zlib.adler32(chunk, checksum)
    stream = b"\x78\xda" + block * count + deflate.flush() + checksum.to_bytes(4, "big")
    _pdf(path, [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream) + stream + b"\nendstream",
    ])  # fmt: skip


def _scanned_pages(path: Path, pages: int) -> None:
    """Every page the same small image drawn over it, so that each must go through OCR."""
    pixels = bytes(200 if (x // 4 + y // 4) % 2 else 40 for y in range(32) for x in range(32))
    content = b"q 595 0 0 842 0 0 cm /Scan Do Q"
    first_page = 5
    kids = b" ".join(b"%d 0 R" % (first_page + i) for i in range(pages))
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, pages),
        b"<< /Type /XObject /Subtype /Image /Width 32 /Height 32 /ColorSpace /DeviceGray"
        b" /BitsPerComponent 8 /Length %d >>\nstream\n" % len(pixels) + pixels + b"\nendstream",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
    ]
    page = b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /XObject << /Scan 3 0 R >> >> /Contents 4 0 R >>"
    _pdf(path, objects + [page] * pages)


def _giant_scanned_page(path: Path, tmp: Path) -> None:
    from PIL import Image

    speckle = tmp / "speckle.png"
    Image.new("L", (400, 400), 255).save(speckle)
    side = 200 * 72
    pdf = canvas.Canvas(str(path), pagesize=(side, side))
    pdf.drawImage(ImageReader(str(speckle)), 0, 0, side, side)
    pdf.save()


def _large_text(path: Path, megabytes: int) -> None:
    head = "Årsredovisning 2020\n1 januari-31 december 2020\nOrganisationsnummer: 222000-1818\n\n"
    row = "Verksamhetens intäkter för insatsen Coachingteamet hade 12 deltagare, varav 7 kvinnor och 5 män\t1 000\t2 000\n"
    path.write_text(head + row * (megabytes * 1024 * 1024 // len(row.encode())), encoding="utf-8")


def write_bad_input_folder(raw: Path, outside: Path) -> None:
    """The good reports and every bad input under ``raw``; ``outside`` holds link targets."""
    for key, sample in GOOD.items():
        (raw / key).parent.mkdir(parents=True, exist_ok=True)
        (raw / key).write_bytes(sample_path(sample).read_bytes())
    sofint, lekeberg = raw / "sofint", raw / "lekeberg-orebro"
    report_002 = sample_path("002_caf57892eec3f583.txt").read_bytes()
    (sofint / "year-zero.txt").write_text("Årsredovisning 0000\nSamordningsförbundet i norra Örebro län\n", encoding="utf-8")
    (lekeberg / "huge-figure.txt").write_bytes(
        report_002.replace("Kassa och bank\t\t6 134 557".encode(), "Kassa och bank\t\t99 999 999 999 999 999 999".encode())
    )
    outside.mkdir(parents=True, exist_ok=True)
    _giant_scanned_page(sofint / "giant-page.pdf", outside)
    _flate_bomb(sofint / "flate-bomb.pdf", 2 * 1024**3)
    _scanned_pages(sofint / "many-pages.pdf", 100_000)
    _large_text(sofint / "large.txt", 20)
    (sofint / "passwd.txt").symlink_to("/etc/passwd")
    (outside / "report.txt").write_bytes(sample_path("000_64bff6a06dc0d84a.txt").read_bytes())
    (sofint / "elsewhere.txt").symlink_to(outside / "report.txt")
    (lekeberg / "copy-of-000.txt").write_bytes(sample_path("000_64bff6a06dc0d84a.txt").read_bytes())
    (sofint / "empty-1.txt").write_bytes(b"")
    (sofint / "empty-2.txt").write_bytes(b"")
    (lekeberg / "cut-002.txt").write_bytes(report_002[: len(report_002) * 45 // 100])
    (sofint / "protokoll.txt").write_text(MINUTES, encoding="utf-8")
