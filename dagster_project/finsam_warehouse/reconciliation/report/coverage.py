"""Coverage per report: the sections found, read and missing, and the lines not read.

Read from the ``extraction_coverage`` rows of the check results: expected is a
section's lines with figures, actual the lines read, detail the heading and
the lines not read.
"""

from __future__ import annotations

from html import escape

from finsam_warehouse.reconciliation.report.context import ReportContext, check_cell
from finsam_warehouse.reconciliation.report.counts import COVERAGE_CHECK, CheckCounts
from finsam_warehouse.reconciliation.report.formatting import none_paragraph, strip_markup, text
from finsam_warehouse.reconciliation.rows import (
    STATUS_FAIL,
    STATUS_NOT_RUN,
    STATUS_PASS,
    STATUS_WARN,
    STATUSES,
)

SECTION_STATE = {
    STATUS_PASS: "read",
    STATUS_WARN: "partly read",
    STATUS_FAIL: "found, not read",
    STATUS_NOT_RUN: "missing",
}


def coverage_rows(rows: list[dict[str, object]]) -> list[dict[str, object]]:
    return [row for row in rows if row.get("check_name") == COVERAGE_CHECK]


def _section_name(row: dict[str, object]) -> str:
    return text(row.get("subject")).split(":")[0]


def _read_cell(row: dict[str, object]) -> str:
    if row.get("status") == STATUS_NOT_RUN:
        return "–"
    return f"{int(row['actual'])} of {int(row['expected'])}"  # type: ignore[arg-type]


def _report_block(report_id: str, rows: list[dict[str, object]], context: ReportContext) -> str:
    states = {status: [_section_name(r) for r in rows if r.get("status") == status] for status in STATUSES}
    summary = "; ".join(
        f"{SECTION_STATE[status]}: {', '.join(names)}" for status, names in states.items() if names
    )
    info = context.infos.get(report_id)
    association = (info.association_id if info else None) or text(rows[0].get("association_id"))
    body = "\n".join(
        f'<tr class="{escape(text(row.get("status")))}" data-status="{escape(text(row.get("status")))}"'
        f' data-association="{escape(association)}">'
        f"<td>{escape(_section_name(row))}</td>"
        f"<td>{escape(SECTION_STATE.get(text(row.get('status')), text(row.get('status'))))}</td>"
        f'<td class="num">{escape(_read_cell(row))}</td>'
        f'<td>{escape(strip_markup(row.get("detail")))}</td></tr>'
        for row in rows
    )
    return (
        f'<section class="report-block" data-association="{escape(association)}">\n'
        f"{context.heading(report_id)}\n"
        f'<p class="note">{escape(summary)}</p>\n'
        "<table>\n<thead><tr><th>Section</th><th>State</th><th class=\"num\">Lines with figures read</th>"
        f"<th>Heading and lines not read</th></tr></thead>\n<tbody>\n{body}\n</tbody>\n</table>\n</section>"
    )


def coverage_section(rows: list[dict[str, object]], context: ReportContext) -> str:
    """Per report: which sections were read, partly read, found but not read, or missing."""
    parts = ["<h2>What was read, per report</h2>"]
    coverage = coverage_rows(rows)
    if not coverage:
        parts.append(none_paragraph("No rows: no report section was checked for what was read."))
        return "\n".join(parts)
    parts.append(
        none_paragraph(
            "Sections a report must have (annual: resultaträkning, balansräkning, kassaflödesanalys, "
            "notes; interim: resultaträkning, balansräkning) and any other found. Checks run only on "
            "what was read: a sum with a line not read is listed under checks that could not run."
        )
    )
    by_report: dict[str, list[dict[str, object]]] = {}
    for row in coverage:
        by_report.setdefault(text(row.get("report_id")), []).append(row)
    incomplete = sorted(
        by_report, key=lambda rid: (all(r.get("status") == STATUS_PASS for r in by_report[rid]), rid)
    )
    parts += [_report_block(report_id, by_report[report_id], context) for report_id in incomplete]
    return "\n".join(parts)


def families_section(counts: CheckCounts, families: dict[str, str]) -> str:
    """Counts per check family; a family that found nothing to compare says "no rows"."""
    headers = "".join(f'<th class="num">{escape(s)}</th>' for s in STATUSES)
    lines = []
    for family, description in families.items():
        per_status = counts.of_family(family)
        if not any(per_status.values()):
            cells = f'<td colspan="{len(STATUSES)}" class="no_rows">no rows: nothing to compare</td>'
        else:
            cells = "".join(f'<td class="num">{per_status[s]}</td>' for s in STATUSES)
        lines.append(f"<tr><td>{check_cell(family)}</td><td>{escape(description)}</td>{cells}</tr>")
    return (
        "<h2>Checks by family</h2>\n<table>\n<thead><tr><th>Check</th><th>What must hold</th>"
        f"{headers}</tr></thead>\n<tbody>\n" + "\n".join(lines) + "\n</tbody>\n</table>"
    )
