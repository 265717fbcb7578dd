"""The warehouse's reconciliations on the corpus, against the discrepancies the specs declare.

One warehouse per producer, so that a spec rendered by two producers never
meets itself: ``python -m finsam_warehouse.cli`` with FINSAM_RAW_DIR set to
``<out>/<producer>`` and FINSAM_WAREHOUSE to a temporary file (never the
published data/marts path), then ``marts.dq_reconciliation`` read read-only.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from corpus.spec import ReportSpec

PROJECT_ROOT = Path(__file__).resolve().parents[1]
BUILD_TIMEOUT_SECONDS = 3600
SHOWN_FALSE_ALARMS = 15


@dataclass(frozen=True)
class Expected:
    spec_id: str
    check: str
    difference: Decimal
    kind: str  # 'discrepancy' or 'rounding'


@dataclass
class ReconciliationScore:
    found: list[Expected] = field(default_factory=list)
    missed: list[Expected] = field(default_factory=list)
    false_alarms: list[tuple] = field(default_factory=list)
    coverage: dict[str, int] = field(default_factory=dict)  # extraction_coverage, scored apart
    rows: int = 0
    build_error: str = ""
    excluded: list[str] = field(default_factory=list)  # files the build fails on, left out


def expected_differences(specs: list[ReportSpec]) -> list[Expected]:
    out = []
    for spec in specs:
        for d in spec.discrepancies:
            out += [Expected(spec.spec_id, c, Decimal(abs(d.add)), "discrepancy") for c in d.checks]
        out += [Expected(spec.spec_id, r.check, Decimal(abs(r.difference)), "rounding") for r in spec.rounding]
    return out


def build_warehouse(raw_dir: Path, workdir: Path) -> tuple[Path, str]:
    """Run the real build over ``raw_dir`` into ``workdir``; returns the warehouse and any error."""
    workdir.mkdir(parents=True, exist_ok=True)
    home = workdir / "dagster"
    home.mkdir(parents=True, exist_ok=True)
    shutil.copy(PROJECT_ROOT / "dagster_home" / "dagster.yaml", home / "dagster.yaml")
    warehouse = workdir / "warehouse.duckdb"
    env = {
        **os.environ, "FINSAM_RAW_DIR": str(raw_dir), "FINSAM_WAREHOUSE": str(warehouse),
        "DAGSTER_HOME": str(home), "DAGSTER_DISABLE_TELEMETRY": "true", "DBT_SEND_ANONYMOUS_USAGE_STATS": "false",
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}",
    }
    if not (PROJECT_ROOT / "dbt" / "target" / "manifest.json").exists():
        dbt = Path(sys.executable).parent / "dbt"
        subprocess.run([str(dbt), "parse", "--profiles-dir", ".", "--quiet"], cwd=PROJECT_ROOT / "dbt", env=env,
                       check=True)
    done = subprocess.run([sys.executable, "-m", "finsam_warehouse.cli"], cwd=PROJECT_ROOT, env=env,
                          capture_output=True, text=True, timeout=BUILD_TIMEOUT_SECONDS)
    return warehouse, "" if done.returncode == 0 else (done.stderr or done.stdout)[-600:]


def read_checks(warehouse: Path) -> list[tuple]:
    import duckdb

    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        return con.execute(
            "SELECT r.source_file, d.check_name, d.period_end, d.difference, d.status, d.subject "
            "FROM marts.dq_reconciliation d JOIN marts.dim_report r USING (report_id)"
        ).fetchall()
    finally:
        con.close()


COVERAGE_CHECK = "extraction_coverage"
SECTION_OF_SUBJECT = {"Resultaträkning": "income_statement", "Balansräkning": "balance_sheet",
                      "Kassaflödesanalys / finansieringsanalys": "cash_flow", "Noter": "notes"}


def _printed_sections(spec: ReportSpec) -> set[str]:
    return set(spec.statements) | ({"notes"} if spec.notes else set())


def score_coverage(rows: list[tuple], specs: list[ReportSpec]) -> dict[str, int]:
    """extraction_coverage against the specs: a section reported unread or missing that the
    spec prints is the parser's miss, said out loud (confirmed); one the spec prints nowhere
    is correctly missing; a section reported found but unread that the spec does not print
    is a false alarm."""
    printed = {s.spec_id: _printed_sections(s) for s in specs}
    out = {"pass": 0, "partly read": 0, "found, not read": 0, "missing": 0, "missing, spec prints it": 0,
           "false alarms": 0}
    for file, _, _, _, status, subject in (r for r in rows if r[1] == COVERAGE_CHECK):
        section = SECTION_OF_SUBJECT.get(subject.split(":")[0])
        in_spec = section in printed.get(Path(file).stem, set())
        if status == "pass":
            out["pass"] += 1
        elif status == "warn":
            out["partly read"] += 1
        elif status == "fail":
            out["found, not read"] += 1
            out["false alarms"] += not in_spec
        else:
            out["missing"] += 1
            out["missing, spec prints it"] += in_spec
    return out


def score_producer(rows: list[tuple], specs: list[ReportSpec]) -> ReconciliationScore:
    score = ReconciliationScore(rows=len(rows), coverage=score_coverage(rows, specs))
    rows = [r for r in rows if r[1] != COVERAGE_CHECK]
    flagged = [(Path(r[0]).stem, r) for r in rows if r[4] in ("fail", "warn")]
    for exp in expected_differences(specs):
        hit = any(
            spec_id == exp.spec_id and r[1] == exp.check and r[3] is not None
            and abs(abs(Decimal(r[3])) - exp.difference) <= 1
            for spec_id, r in flagged
        )
        (score.found if hit else score.missed).append(exp)
    declared = {(s.spec_id, c) for s in specs for d in s.discrepancies for c in d.checks}
    score.false_alarms = [r for spec_id, r in flagged if r[4] == "fail" and (spec_id, r[1]) not in declared]
    return score


def duplicated_figures(build_file: Path) -> list[str]:
    """Source files whose statement figures break the dbt test of unique figures (the build stops)."""
    import duckdb

    for _ in range(10):  # the stopped build's processes may still hold the file for a moment
        if not build_file.exists():
            return []
        try:
            con = duckdb.connect(str(build_file), read_only=True)
        except duckdb.Error:
            time.sleep(3)
            continue
        try:
            return [r[0] for r in con.execute(
                "SELECT DISTINCT r.source_file FROM marts.fct_financial_statement f JOIN marts.dim_report r "
                "USING (report_id) GROUP BY r.source_file, f.report_id, f.statement, f.line_order, f.line_item, "
                "f.label, f.period_start, f.period_end, f.is_comparative HAVING count(*) > 1"
            ).fetchall()]
        except duckdb.Error:
            return []
        finally:
            con.close()
    return []


def _without(raw_dir: Path, excluded: list[str], target: Path) -> Path:
    for path in raw_dir.glob("*/*"):
        relative = path.relative_to(raw_dir).as_posix()
        if relative not in excluded:
            (target / relative).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(path, target / relative)  # the build lists real files, not links
    return target


def reconcile_producer(out: Path, producer: str, specs: list[ReportSpec]) -> ReconciliationScore:
    """Build the producer's warehouse; a build that stops on some reports is retried without them."""
    with tempfile.TemporaryDirectory(prefix=f"corpus-warehouse-{producer}-") as tmp:
        warehouse, error = build_warehouse(out / producer, Path(tmp) / "all")
        excluded: list[str] = []
        if error:
            excluded = duplicated_figures(warehouse.with_name(warehouse.name + ".build"))
            if excluded:
                raw = _without(out / producer, excluded, Path(tmp) / "raw")
                warehouse, error = build_warehouse(raw, Path(tmp) / "rest")
        if error or not warehouse.exists():
            return ReconciliationScore(build_error=error or "no warehouse was published", excluded=excluded)
        score = score_producer(read_checks(warehouse), specs)
        score.excluded = excluded
        return score


def print_reconciliation(out: Path, producers: list[str], specs: list[ReportSpec]) -> dict[str, ReconciliationScore]:
    print("\nReconciliations (one warehouse per producer)")
    print(f"{'producer':12} {'declared':>8} {'found':>6} {'missed':>7} {'false alarms':>13} {'checks run':>11}")
    scores = {}
    for producer in producers:
        s = reconcile_producer(out, producer, specs)
        scores[producer] = s
        if s.build_error:
            print(f"{producer:12} build failed: {s.build_error.strip().splitlines()[-1][:200]}")
            continue
        declared = len(s.found) + len(s.missed)
        print(f"{producer:12} {declared:8} {len(s.found):6} {len(s.missed):7} {len(s.false_alarms):13} {s.rows:11}"
              + (f"  (build stops on {len(s.excluded)} files, left out)" if s.excluded else ""))
    print("\nCoverage (extraction_coverage rows per producer: sections read, partly read, found but not read,"
          " missing; false alarms = found but not read where the spec prints no such section)")
    for producer, s in scores.items():
        if not s.build_error:
            print(f"{producer:12} " + ", ".join(f"{k} {v}" for k, v in s.coverage.items()))
    for producer, s in scores.items():
        for file in s.excluded:
            print(f"  LEFT OUT    {producer}/{file}: duplicate statement figures stop the build (dbt test)")
        for exp in s.missed:
            print(f"  MISSED      {producer}/{exp.spec_id}: {exp.check} {exp.kind} of {exp.difference} kr")
        for r in s.false_alarms[:SHOWN_FALSE_ALARMS]:
            print(f"  FALSE ALARM {producer}/{r[0]}: {r[1]} {r[2]} difference {r[3]} ({r[5]})")
        if len(s.false_alarms) > SHOWN_FALSE_ALARMS:
            print(f"  … and {len(s.false_alarms) - SHOWN_FALSE_ALARMS} more false alarms in {producer}")
    return scores
