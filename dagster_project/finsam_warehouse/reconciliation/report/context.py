"""What every section needs: the reports by id, and the printed lines checks point at."""

from __future__ import annotations

from dataclasses import dataclass, field
from html import escape

from finsam_warehouse.reconciliation.report.formatting import Html, text
from finsam_warehouse.reconciliation.report.inputs import ReportInfo
from finsam_warehouse.reconciliation.report.locations import PrintedLines
from finsam_warehouse.reconciliation.report.vocabulary import check_name_sv, check_unit
from finsam_warehouse.reconciliation.rows import STATUS_FAIL, STATUS_NOT_RUN, STATUS_PASS, STATUS_WARN

# A report's status is its worst check's.
STATUS_SEVERITY = {STATUS_PASS: 0, STATUS_NOT_RUN: 1, STATUS_WARN: 2, STATUS_FAIL: 3}
PERCENT = "%"


@dataclass
class ReportContext:
    infos: dict[str, ReportInfo]
    lines: PrintedLines = field(default_factory=PrintedLines)

    def association_of(self, row: dict[str, object]) -> str:
        return self.association_of_report(text(row.get("report_id")), text(row.get("association_id")))

    def association_of_report(self, report_id: str, association_id: str) -> str:
        """The report's association as its file says, else the one the check names."""
        info = self.infos.get(report_id)
        return (info.association_id if info else None) or association_id

    def row_attributes(self, row: dict[str, object]) -> dict[str, str]:
        """What the filters read: the row's status and association."""
        status = text(row.get("status"))
        return {"class": status, "data-status": status, "data-association": self.association_of(row)}

    def heading(self, report_id: str) -> str:
        """A report's heading: its name, and its file underneath."""
        info = self.infos.get(report_id)
        name = info.name if info else report_id
        source = (info.source_file if info else None) or report_id
        return f'<h3>{escape(name)}</h3>\n<p class="meta">{escape(source)}</p>'


def check_cell(code: object) -> Html:
    """The check's name in Swedish with its code beside."""
    name = text(code)
    return Html(f'{escape(check_name_sv(name))} <code>{escape(name)}</code>')


def row_unit(row: dict[str, object]) -> str:
    """The unit of a row's figures: its check's, or percent where it compares shares."""
    unit = check_unit(text(row.get("check_name")))
    return PERCENT if unit == "personer" and f"share {PERCENT}" in text(row.get("subject")) else unit
