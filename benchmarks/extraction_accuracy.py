"""Extraction accuracy on the layout corpus: precision and recall per fact family and producer.

    .venv/bin/python benchmarks/extraction_accuracy.py [--out data/corpus] [--only SPEC ...]
        [--producers NAME ...] [--no-reconcile | --reconcile-only] [--details FILE] [--max-list N]

Renders what is missing of the corpus (``corpus.build``), parses every file with
the parser, and matches its facts against the spec's truth (the matching rule is
in ``corpus/scoring.py``: statement figures by statement, line item, period end,
amount and sign, lines with no contract code by label; note lines by note number
or explained line, label, period, amount; budget lines by name, role and amount;
participant figures by insats, measure, sex, outcome and count/share; metadata by
association, report type and period). A parsed figure that matches nothing counts
against precision, a truth figure nothing matched against recall. Then it builds
one warehouse per producer (a temporary FINSAM_WAREHOUSE outside data/marts) and
compares ``marts.dq_reconciliation`` with the discrepancies the specs declare:
found, missed, and fails no spec declared (false alarms).
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import defaultdict
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(PROJECT_ROOT))

from corpus.build import build  # noqa: E402
from corpus.render import PRODUCERS  # noqa: E402
from corpus.scoring import FAMILIES, FamilyScore, score_report  # noqa: E402
from corpus.spec import load_spec, spec_paths  # noqa: E402
from corpus.truth import derive  # noqa: E402

FAMILY_TITLES = {
    "statement": "statement figures",
    "note": "note lines",
    "budget": "budget lines",
    "participant": "participant figures",
    "metadata": "report metadata",
}
WORKERS = 2


def score_file(args: tuple[Path, Path, str]) -> tuple[str, str, str, dict[str, FamilyScore]]:
    from finsam_warehouse import settings
    from finsam_warehouse.parsing import parse_report
    from finsam_warehouse.parsing.registry import load_registry

    path, raw_dir, spec_path = args
    report = parse_report(path, raw_dir, load_registry(settings.ASSOCIATIONS_SEED), settings.PARSER_CATALOG)
    truth = derive(load_spec(Path(spec_path)))
    return raw_dir.name, path.relative_to(raw_dir).as_posix(), report.error_message or "", score_report(truth, report)


def _ratio(a: int, b: int) -> str:
    return f"{100 * a / b:5.1f} %" if b else "    – "


def _merge(scores: list[dict[str, FamilyScore]], families=FAMILIES) -> FamilyScore:
    total = FamilyScore()
    for s in scores:
        for f in families:
            total.matched += s[f].matched
            total.parsed += s[f].parsed
            total.truth += s[f].truth
    return total


def print_tables(results: list[tuple[str, str, str, dict[str, FamilyScore]]]) -> None:
    print("\nPer fact family (all producers)")
    print(f"{'family':22} {'precision':>9} {'recall':>8} {'matched':>8} {'wrong':>6} {'missed':>7} {'truth':>6}")
    for family in FAMILIES:
        s = _merge([r[3] for r in results], (family,))
        print(
            f"{FAMILY_TITLES[family]:22} {_ratio(s.matched, s.parsed):>9} {_ratio(s.matched, s.truth):>8} "
            f"{s.matched:8} {s.parsed - s.matched:6} {s.truth - s.matched:7} {s.truth:6}"
        )
    s = _merge([r[3] for r in results])
    print(
        f"{'all':22} {_ratio(s.matched, s.parsed):>9} {_ratio(s.matched, s.truth):>8} "
        f"{s.matched:8} {s.parsed - s.matched:6} {s.truth - s.matched:7} {s.truth:6}"
    )
    print("\nPer producer: precision / recall")
    print(f"{'producer':12} {'files':>5} {'errors':>6}  {'all':>15}  " + "  ".join(f"{f:>15}" for f in FAMILIES))
    by_producer = defaultdict(list)
    for r in results:
        by_producer[r[0]].append(r)
    for producer, rows in by_producer.items():
        scores = [r[3] for r in rows]
        cells = []
        for fam in (FAMILIES, *[(f,) for f in FAMILIES]):
            s = _merge(scores, fam)
            cells.append(f"{_ratio(s.matched, s.parsed)}/{_ratio(s.matched, s.truth).strip():>7}")
        errors = sum(1 for r in rows if r[2])
        print(f"{producer:12} {len(rows):5} {errors:6}  " + "  ".join(f"{c:>15}" for c in cells))


def detail_lines(results) -> list[str]:
    lines = []
    for producer, file, error, scores in results:
        if error:
            lines.append(f"ERROR  {producer}/{file}: {error}")
        for family in FAMILIES:
            for item in scores[family].wrong:
                lines.append(f"WRONG  {producer}/{file} {item.where} -> {family}: {item.describe}")
            for item in scores[family].missed:
                lines.append(f"MISSED {producer}/{file} -> {family}: {item.describe}")
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=PROJECT_ROOT / "data" / "corpus")
    parser.add_argument("--only", nargs="+", metavar="SPEC")
    parser.add_argument("--producers", nargs="+", metavar="NAME", default=list(PRODUCERS))
    parser.add_argument("--no-reconcile", action="store_true", help="skip the warehouse builds")
    parser.add_argument("--reconcile-only", action="store_true", help="only the warehouse builds")
    parser.add_argument("--details", type=Path, help="write every miss and wrong value to this file")
    parser.add_argument("--max-list", type=int, default=40, help="misses and wrong values printed (default 40)")
    args = parser.parse_args(argv)
    started = time.monotonic()
    out = args.out.resolve()
    build(out, args.only, args.producers, log=lambda line: print("render", line))
    specs = {p.stem: p for p in spec_paths(args.only)}
    if not args.reconcile_only:
        extraction(out, args, specs)
    if not args.no_reconcile:
        from corpus.reconcile import print_reconciliation

        print_reconciliation(out, args.producers, [load_spec(p) for p in specs.values()])
    print(f"\nDone in {time.monotonic() - started:.0f} s.")
    return 0


def extraction(out: Path, args: argparse.Namespace, specs: dict[str, Path]) -> None:
    jobs = []
    for producer in args.producers:
        raw_dir = out / producer
        for path in sorted(raw_dir.glob("*/*")):
            if path.stem in specs:
                jobs.append((path, raw_dir, str(specs[path.stem])))
    with ProcessPoolExecutor(WORKERS) as pool:
        results = list(pool.map(score_file, jobs))
    print(
        f"\nExtraction accuracy on {len(specs)} specs × {len(args.producers)} producers "
        f"({len(jobs)} files, {time.strftime('%Y-%m-%d')})"
    )
    print_tables(results)
    details = detail_lines(results)
    if args.details:
        args.details.write_text("\n".join(details) + "\n", encoding="utf-8")
    print(
        f"\nMisses and wrong values ({len(details)}; first {min(args.max_list, len(details))}"
        f"{'' if not args.details else f', all in {args.details}'}):"
    )
    for line in details[: args.max_list]:
        print("  " + line)


if __name__ == "__main__":
    sys.exit(main())
