"""A scan: the reportlab rendition's pages rasterised with noise, blur and a small rotation.

Resolution (150–300 dpi), rotation and noise are drawn from a generator seeded
with the spec's name, so a spec always scans the same way. The PDF has no text
layer.
"""

from __future__ import annotations

import random
import tempfile
from pathlib import Path

from corpus.document import Document
from corpus.render import reportlab_pdf

DPI_CHOICES = (150, 200, 240, 300)
MAX_ROTATION_DEGREES = 0.8
SPECKS_PER_PAGE = 300


def rasterise(source: Path, path: Path, seed: str) -> None:
    import pypdfium2 as pdfium
    from PIL import Image, ImageDraw, ImageFilter

    rng = random.Random(seed)
    dpi = rng.choice(DPI_CHOICES)
    document = pdfium.PdfDocument(str(source))
    images = []
    try:
        for page in document:
            image = page.render(scale=dpi / 72, grayscale=True).to_pil().convert("L")
            image = image.rotate(rng.uniform(-MAX_ROTATION_DEGREES, MAX_ROTATION_DEGREES),
                                 resample=Image.Resampling.BICUBIC, fillcolor=255)
            image = image.filter(ImageFilter.GaussianBlur(radius=rng.uniform(0.3, 0.7) * dpi / 200))
            draw = ImageDraw.Draw(image)
            for _ in range(SPECKS_PER_PAGE):
                x, y = rng.randrange(image.width), rng.randrange(image.height)
                r = rng.choice((0.5, 1.0, 1.5))
                draw.ellipse((x - r, y - r, x + r, y + r), fill=rng.randrange(90, 200))
            images.append(image.point(lambda v: min(255, v + 12)))  # greyish paper
    finally:
        document.close()
    images[0].save(path, "PDF", resolution=float(dpi), save_all=True, append_images=images[1:])


def render(doc: Document, path: Path, producer: str = "scan") -> None:
    with tempfile.TemporaryDirectory(prefix="corpus-scan-") as tmp:
        source = Path(tmp) / "printed.pdf"
        reportlab_pdf.render(doc, source)
        rasterise(source, path, doc.spec_id)
