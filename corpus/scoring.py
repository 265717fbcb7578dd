"""Match what the parser read against a spec's truth, fact by fact.

Matching rule (one parsed fact matches at most one truth fact, and back):

- statement figures by (statement, line_item, period_end, amount in kr, sign);
  a line the contract has no code for (truth line_item ``other``) by
  (statement, label, period_end, amount) whatever code the parser gave it;
- note lines by (note number, label, period_end, amount), or by (the statement
  line the note explains, label, period_end, amount);
- budget lines by (line name, role budget/budget_period/outcome/forecast, amount);
- participant figures by (insats or whole association, measure, sex, outcome,
  count, share); targets and attendees at structural activities are not
  participant figures and are left out on both sides;
- report metadata by (association, report type, period start, period end).

Labels compare case-, accent- and spacing-insensitively. A parsed fact that
matches nothing is a wrong value (precision); a truth fact nothing matched is a
miss (recall).
"""

from __future__ import annotations

import csv
import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from corpus.truth import Truth

FAMILIES = ("statement", "note", "budget", "participant", "metadata")
OUTCOME_SEED = Path(__file__).resolve().parents[1] / "dbt" / "seeds" / "participant_outcomes.csv"
PARSED_BUDGET_ROLES = {
    "budget_full_year_sek": "budget", "budget_period_sek": "budget_period",
    "outcome_sek": "outcome", "forecast_full_year_sek": "forecast",
}


def norm(text: str | None) -> str:
    if not text:
        return ""
    folded = unicodedata.normalize("NFKD", text.lower())
    folded = "".join(c for c in folded if not unicodedata.combining(c))
    folded = re.sub(r"<[^>]+>", " ", folded)
    return re.sub(r"[\s:*]+", " ", folded).strip(" .")


def amount(value: Any) -> Decimal:
    return Decimal(value).quantize(Decimal("0.01"))


@dataclass
class Item:
    keys: list[tuple]
    describe: str
    where: str = ""  # page and printed line, for a parsed fact


@dataclass
class FamilyScore:
    matched: int = 0
    parsed: int = 0
    truth: int = 0
    wrong: list[Item] = field(default_factory=list)
    missed: list[Item] = field(default_factory=list)


def match(truth_items: list[Item], parsed_items: list[Item]) -> FamilyScore:
    index: dict[tuple, list[int]] = defaultdict(list)
    for i, item in enumerate(truth_items):
        for key in item.keys:
            index[key].append(i)
    used: set[int] = set()
    score = FamilyScore(parsed=len(parsed_items), truth=len(truth_items))
    for item in parsed_items:
        hit = next((i for key in item.keys for i in index.get(key, []) if i not in used), None)
        if hit is None:
            score.wrong.append(item)
        else:
            used.add(hit)
            score.matched += 1
    score.missed = [t for i, t in enumerate(truth_items) if i not in used]
    return score


def _where(page: Any, line: Any, raw: str | None) -> str:
    raw_line = (raw or "").replace("\t", " | ").replace("\n", " / ")[:110]
    return f"p.{page or '-'} l.{line}: {raw_line}"


def truth_items(truth: Truth) -> dict[str, list[Item]]:
    out: dict[str, list[Item]] = {f: [] for f in FAMILIES}
    for f in truth.statements:
        a = amount(f.amount)
        key = ("code", f.statement, f.line_item, f.period_end, a) if f.line_item != "other" else \
            ("label", f.statement, norm(f.label), f.period_end, a)
        out["statement"].append(Item([key], f"{f.statement} {f.line_item} '{f.label}' {f.period_end} {f.printed}"))
    for f in truth.notes:
        a = amount(f.amount)
        out["note"].append(Item([("n", f.note_number, norm(f.label), f.period_end, a),
                                 ("e", f.explains[1], norm(f.label), f.period_end, a)],
                                f"Not {f.note_number} '{f.label}' {f.period_end} {f.printed}"))
    for f in truth.budget:
        if f.role == "difference":
            continue
        out["budget"].append(Item([(norm(f.label), f.role, amount(f.amount))], f"'{f.label}' {f.role} {f.printed}"))
    for f in truth.participants:
        share = amount(f.share) if f.share is not None else None
        out["participant"].append(Item([(norm(f.insats), f.measure, f.sex, f.outcome, f.count, share)],
                                       f"{f.insats or 'förbundet'} {f.measure} {f.sex} {f.outcome or ''} "
                                       f"{f.count if f.count is not None else ''}{'' if share is None else f' {share} %'}"))
    out["metadata"].append(Item([truth.metadata], "metadata {} {} {}–{}".format(*truth.metadata)))
    return out


def _outcome_codes() -> dict[str, str]:
    with OUTCOME_SEED.open(encoding="utf-8", newline="") as handle:
        return {norm(r["phrase"]): r["outcome"] for r in csv.DictReader(handle)}


def parsed_items(report: Any) -> dict[str, list[Item]]:
    """Facts of a ParsedReport (finsam_warehouse.parsing.models), keyed like the truth."""
    out: dict[str, list[Item]] = {f: [] for f in FAMILIES}
    for f in report.statement_facts:
        a = amount(f.amount_sek)
        keys = [("code", f.statement, f.line_item, f.period_end, a)]
        keys += [("label", f.statement, norm(label), f.period_end, a) for label in {f.label, f.label_printed}]
        out["statement"].append(Item(keys, f"{f.statement} {f.line_item} '{f.label_printed}' {f.period_end} "
                                           f"{f.amount_sek}", _where(f.source_page, f.source_line, f.raw_text)))
    for f in report.note_lines:
        a = amount(f["amount_sek"])
        labels = {norm(f["label"]), norm(f["label_printed"])}
        keys = [("n", f["note_number"], lb, f["period_end"], a) for lb in labels]
        keys += [("e", f["explains_line_item"], lb, f["period_end"], a) for lb in labels]
        out["note"].append(Item(keys, f"Not {f['note_number']} '{f['label_printed']}' {f['period_end']} "
                                      f"{f['amount_sek']}", _where(f["source_page"], f["source_line"], f["raw_text"])))
    for f in report.budget_lines:
        labels = {norm(f.get("budget_line")), norm(f.get("label_printed")), norm(f.get("insats_label"))} - {""}
        for field_name, role in PARSED_BUDGET_ROLES.items():
            if f.get(field_name) is None:
                continue
            a = amount(f[field_name])
            out["budget"].append(Item([(lb, role, a) for lb in labels], f"'{f.get('label_printed')}' {role} {a}",
                                      _where(f.get("source_page"), f.get("source_line"), f.get("raw_text"))))
    codes = _outcome_codes()
    for f in report.participant_counts:
        if f.get("is_target") or f.get("measure") not in ("participants", "started", "ended", "current"):
            continue
        outcome = codes.get(norm(f.get("outcome_text")), "other") if f.get("outcome_text") else None
        share = amount(f["share_pct"]) if f.get("share_pct") is not None else None
        insats = norm(f.get("insats_label"))
        out["participant"].append(Item(
            [(insats, f["measure"], f["sex"], outcome, f.get("participant_count"), share)],
            f"{f.get('insats_label') or 'förbundet'} {f['measure']} {f['sex']} {outcome or ''} "
            f"{f.get('participant_count')}{'' if share is None else f' {share} %'}",
            _where(f.get("source_page"), f.get("source_line"), f.get("raw_text")),
        ))
    meta = report.metadata
    if meta is not None:
        key = (report.association_id, meta.report_type, meta.period_start, meta.period_end)
        out["metadata"].append(Item([key], "metadata {} {} {}–{}".format(*key)))
    return out


def score_report(truth: Truth, report: Any) -> dict[str, FamilyScore]:
    expected, found = truth_items(truth), parsed_items(report)
    return {family: match(expected[family], found[family]) for family in FAMILIES}
