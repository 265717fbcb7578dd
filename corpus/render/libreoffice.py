"""A flat ODF text document (.fodt) converted to PDF by LibreOffice (``soffice --headless``).

Tables are real table:table grids with a wide label column and narrow figure
columns, so long header cells wrap ("2023-06-" / "30") as they do in reports
written in LibreOffice. A spec may ask for ``libreoffice_tables: tabs``: rows are
then paragraphs with right-aligned tab stops, and a label longer than the first
stop pushes its figures into the next tab slot, as in hand-made reports.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path
from xml.sax.saxutils import escape

from corpus.document import Document, Heading, PageBreak, Paragraph, Table, TwoColumns

TIMEOUT_SECONDS = 300
LABEL_WIDTH_CM = 7.2
FIGURE_WIDTH_CM = 2.1
TAB_STOPS_CM = (8.5, 11.5, 14.5, 16.5)

NS = (
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
    'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
    'xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" '
    'xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0" '
    'office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.text"'
)


def _styles(columns: int) -> str:
    tabs = "".join(
        f'<style:tab-stop style:position="{p}cm" style:type="right"/>' for p in TAB_STOPS_CM
    )
    return f"""
<office:font-face-decls><style:font-face style:name="Liberation Sans" svg:font-family="'Liberation Sans'"/></office:font-face-decls>
<office:styles>
 <style:default-style style:family="paragraph"><style:paragraph-properties fo:margin-bottom="0.12cm"/>
  <style:text-properties style:font-name="Liberation Sans" fo:font-size="10pt" fo:language="sv" fo:country="SE"/></style:default-style>
 <style:style style:name="Standard" style:family="paragraph"/>
</office:styles>
<office:automatic-styles>
 <style:page-layout style:name="PL"><style:page-layout-properties fo:page-width="21cm" fo:page-height="29.7cm"
   fo:margin-top="1.5cm" fo:margin-bottom="1.5cm" fo:margin-left="2.2cm" fo:margin-right="2cm"/>
  <style:header-style><style:header-footer-properties fo:min-height="0.6cm" fo:margin-bottom="0.4cm"/></style:header-style>
  <style:footer-style><style:header-footer-properties fo:min-height="0.6cm" fo:margin-top="0.4cm"/></style:footer-style>
 </style:page-layout>
 <style:style style:name="Title" style:family="paragraph"><style:text-properties fo:font-size="18pt" fo:font-weight="bold"/></style:style>
 <style:style style:name="Sub" style:family="paragraph"><style:text-properties fo:font-size="13pt"/></style:style>
 <style:style style:name="H1" style:family="paragraph"><style:paragraph-properties fo:margin-top="0.4cm"/><style:text-properties fo:font-size="15pt" fo:font-weight="bold"/></style:style>
 <style:style style:name="H3" style:family="paragraph"><style:paragraph-properties fo:margin-top="0.3cm"/><style:text-properties fo:font-size="11pt" fo:font-weight="bold"/></style:style>
 <style:style style:name="B" style:family="paragraph"><style:text-properties fo:font-weight="bold"/></style:style>
 <style:style style:name="Break" style:family="paragraph"><style:paragraph-properties fo:break-before="page"/></style:style>
 <style:style style:name="Num" style:family="paragraph"><style:paragraph-properties fo:text-align="end" fo:margin-bottom="0cm"/></style:style>
 <style:style style:name="NumB" style:family="paragraph"><style:paragraph-properties fo:text-align="end" fo:margin-bottom="0cm"/><style:text-properties fo:font-weight="bold"/></style:style>
 <style:style style:name="Cell" style:family="paragraph"><style:paragraph-properties fo:margin-bottom="0cm"/></style:style>
 <style:style style:name="CellB" style:family="paragraph"><style:paragraph-properties fo:margin-bottom="0cm"/><style:text-properties fo:font-weight="bold"/></style:style>
 <style:style style:name="Tabs" style:family="paragraph"><style:paragraph-properties fo:margin-bottom="0cm"><style:tab-stops>{tabs}</style:tab-stops></style:paragraph-properties></style:style>
 <style:style style:name="TabsB" style:family="paragraph" style:parent-style-name="Tabs"><style:text-properties fo:font-weight="bold"/></style:style>
 <style:style style:name="Cols" style:family="section"><style:section-properties><style:columns fo:column-count="2" fo:column-gap="0.8cm"/></style:section-properties></style:style>
 <style:style style:name="ColL" style:family="table-column"><style:table-column-properties style:column-width="{LABEL_WIDTH_CM}cm"/></style:style>
 <style:style style:name="ColN" style:family="table-column"><style:table-column-properties style:column-width="{FIGURE_WIDTH_CM}cm"/></style:style>
 <style:style style:name="Tbl" style:family="table"><style:table-properties style:width="{LABEL_WIDTH_CM + FIGURE_WIDTH_CM * columns}cm" table:align="left"/></style:style>
</office:automatic-styles>"""


def _field_text(template: str | None) -> str:
    if not template:
        return ""
    out = escape(template)
    out = out.replace("{pages}", "<text:page-count/>").replace("{page}", '<text:page-number text:select-page="current"/>')
    return f'<text:p text:style-name="Cell">{out}</text:p>'


def _p(style: str, text: str) -> str:
    return f'<text:p text:style-name="{style}">{escape(text)}</text:p>'


def _grid(table: Table) -> list[str]:
    width = len(table.header[0])
    cols = '<table:table-column table:style-name="ColL"/>' + '<table:table-column table:style-name="ColN"/>' * (width - 1)
    head = f'<table:table table:style-name="Tbl">{cols}'
    out = [head]
    for n, row in enumerate([*((h, False, False) for h in table.header), *((r.cells, r.bold, r.heading) for r in table.rows)]):
        cells, bold, heading = row
        tds = []
        for i, c in enumerate(cells):
            style = ("CellB" if bold or heading else "Cell") if i < table.text_columns else ("NumB" if bold else "Num")
            tds.append(f"<table:table-cell>{_p(style, c)}</table:table-cell>")
        out.append(f"<table:table-row>{''.join(tds)}</table:table-row>")
        if table.break_after is not None and n - len(table.header) + 1 == table.break_after:
            out.append(f'</table:table>{_p("Break", "")}{head}')
    out.append("</table:table>")
    return out


def _tabbed(table: Table) -> list[str]:
    out = []
    rows = [*((h, False) for h in table.header), *((r.cells, r.bold or r.heading) for r in table.rows)]
    for n, (cells, bold) in enumerate(rows):
        text = "<text:tab/>".join(escape(c) for c in cells)
        out.append(f'<text:p text:style-name="{"TabsB" if bold else "Tabs"}">{text}</text:p>')
        if table.break_after is not None and n - len(table.header) + 1 == table.break_after:
            out.append(_p("Break", ""))
    return out


def document_fodt(doc: Document, tables: str = "grid") -> str:
    body = [_p("Title" if i == 0 else "Sub", t) for i, t in enumerate(doc.title)]
    widest = 1
    for block in doc.blocks:
        if isinstance(block, Heading):
            body.append(_p("H1" if block.level == 1 else "H3", block.text))
        elif isinstance(block, Paragraph):
            body.append(_p("B" if block.bold else "Standard", block.text))
        elif isinstance(block, TwoColumns):
            paras = "".join(_p("Standard", p) for p in block.paragraphs)
            body.append(f'<text:section text:style-name="Cols" text:name="S{len(body)}">{paras}</text:section>')
        elif isinstance(block, Table):
            widest = max(widest, len(block.header[0]) - 1)
            body += _tabbed(block) if tables == "tabs" else _grid(block)
        elif isinstance(block, PageBreak):
            body.append(_p("Break", ""))
    master = (
        '<office:master-styles><style:master-page style:name="Standard" style:page-layout-name="PL">'
        f"<style:header>{_field_text(doc.page_header)}</style:header>"
        f"<style:footer>{_field_text(doc.page_footer)}</style:footer></style:master-page></office:master-styles>"
    )
    return (
        f'<?xml version="1.0" encoding="UTF-8"?>\n<office:document {NS}>{_styles(widest)}{master}'
        f"<office:body><office:text>{''.join(body)}</office:text></office:body></office:document>\n"
    )


def soffice_binary() -> str:
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return found
    raise RuntimeError("LibreOffice is not installed (apt-get install libreoffice-writer-nogui)")


def convert_to_pdf(sources: list[Path], out_dir: Path) -> None:
    """Convert in one soffice run (its start-up is most of the time), with a private profile."""
    with tempfile.TemporaryDirectory(prefix="corpus-soffice-") as profile:
        command = [
            soffice_binary(), f"-env:UserInstallation={Path(profile).as_uri()}", "--headless", "--norestore",
            "--convert-to", "pdf:writer_pdf_Export", "--outdir", str(out_dir), *map(str, sources),
        ]
        subprocess.run(command, check=True, capture_output=True, timeout=TIMEOUT_SECONDS)


def render_many(items: list[tuple[Document, Path, str]]) -> None:
    """Write each document's .fodt and convert them all to PDF in one LibreOffice run."""
    with tempfile.TemporaryDirectory(prefix="corpus-fodt-") as tmp:
        sources = []
        for doc, path, tables in items:
            source = Path(tmp) / f"{path.stem}.fodt"
            source.write_text(document_fodt(doc, tables), encoding="utf-8")
            sources.append(source)
        convert_to_pdf(sources, Path(tmp))
        for doc, path, _ in items:
            produced = Path(tmp) / f"{path.stem}.pdf"
            if not produced.exists():
                raise RuntimeError(f"LibreOffice wrote no PDF for {doc.spec_id}")
            shutil.move(str(produced), path)


def render(doc: Document, path: Path, producer: str = "libreoffice", tables: str = "grid") -> None:
    render_many([(doc, path, tables)])
