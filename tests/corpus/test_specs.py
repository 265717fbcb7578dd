"""The corpus specs: every figure reconciles by construction, apart from what a spec declares."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

import corpus
from corpus.checks import problems, reconcile
from corpus.numbers import NumberStyle
from corpus.spec import Discrepancy, load_spec, spec_paths
from corpus.truth import derive

SPECS = spec_paths()
REGISTERED = {"sofint", "lekeberg-orebro", "vastra-ostergotland"}


def test_the_corpus_has_at_least_24_specs_of_both_report_types() -> None:
    specs = [load_spec(p) for p in SPECS]
    assert len(specs) >= 24
    assert {s.report_type for s in specs} == {"annual", "interim"}
    assert {s.association_id for s in specs} == REGISTERED
    assert len({s.period.end.year for s in specs}) >= 4


@pytest.mark.parametrize("path", SPECS, ids=lambda p: p.stem)
def test_spec_reconciles_except_declared_discrepancies(path) -> None:
    truth = derive(load_spec(path))
    assert problems(truth) == []
    assert truth.statements or truth.budget or truth.participants


def test_an_undeclared_change_is_caught() -> None:
    spec = load_spec(next(p for p in SPECS if p.stem == "annual-notes-cash-flow"))
    spec.discrepancies.append(Discrepancy(("balance_sheet", "cash_and_bank", "current"), 1, ()))
    found = problems(derive(spec))
    assert any("balance_sheet_subtotals" in p for p in found)


def test_a_declared_discrepancy_shows_in_its_check() -> None:
    spec = load_spec(next(p for p in SPECS if p.stem == "annual-balance-sheet-off-1000"))
    off = [r for r in reconcile(derive(spec)) if r.difference]
    assert {r.check for r in off} == {"balance_sheet_balances", "balance_sheet_subtotals"}
    assert all(abs(r.difference) == 1000 for r in off)
    spec.discrepancies.clear()
    assert problems(derive(spec)) == []


def test_the_same_figure_agrees_across_reports_of_one_association() -> None:
    """Comparative columns come from the same books as the report whose own period they are."""
    seen: dict[tuple, tuple[Decimal, str]] = {}
    for path in SPECS:
        spec = load_spec(path)
        if spec.number_style.unit != "kr":
            continue
        for f in derive(spec).statements:
            if f.line_item == "other" or any(d.where[:2] == (f.statement, f.key) for d in spec.discrepancies):
                continue
            key = (spec.association_id, f.statement, f.line_item, f.period_start, f.period_end)
            first = seen.setdefault(key, (f.amount, spec.spec_id))
            assert first[0] == f.amount, f"{key}: {first[1]} prints {first[0]}, {spec.spec_id} prints {f.amount}"


@pytest.mark.parametrize(
    ("style", "amount", "printed", "kronor"),
    [
        (NumberStyle("kr", "space", "hyphen"), -1234567, "-1 234 567", Decimal(-1234567)),
        (NumberStyle("kr", "nbsp", "minus"), -1234567, "\u22121\u00a0234\u00a0567", Decimal(-1234567)),
        (NumberStyle("tkr", "space", "parens"), -1234567, "(1 235)", Decimal(-1235000)),
        (NumberStyle("kr", "none", "trailing"), -1234, "1234-", Decimal(-1234)),
        (NumberStyle("mnkr", "space", "hyphen", 1), 4250000, "4,3", Decimal(4300000)),
    ],
)
def test_number_styles(style, amount, printed, kronor) -> None:
    assert style.format(amount) == printed
    assert style.kronor(amount) == kronor


def test_the_generator_does_not_import_the_parser() -> None:
    """Truth comes from the specs: nothing that renders or derives figures reads the parser."""
    root = Path(corpus.__file__).parent
    for source in [*root.glob("*.py"), *(root / "render").glob("*.py")]:
        if source.name in ("scoring.py", "reconcile.py"):
            continue  # the benchmark's side: they score the parser's output and the warehouse's checks
        assert "finsam_warehouse" not in source.read_text(encoding="utf-8"), source
