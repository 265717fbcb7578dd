"""The command line: build the warehouse (what `make run` runs), export it, open its report or a SQL shell.

A build runs in the Dagster instance of DAGSTER_HOME (the Makefile sets
.dagster/), so it shows in the UI of `make dev` afterwards. One build at a time
per warehouse; when no file and no code changed since the published build,
nothing is rebuilt.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import webbrowser
from pathlib import Path

from finsam_warehouse import settings

COMMANDS = ("build", "export", "report", "sql")
HELP = {
    "build": "build the warehouse from the raw folder and publish it (the default command; `make run`)",
    "export": "write every mart of the published warehouse to a folder, as CSV or Parquet",
    "report": "open the data-quality report in a browser (the overview page is linked from it)",
    "sql": "open a read-only SQL shell (harlequin) on the published warehouse (`make sql`)",
}


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m finsam_warehouse.cli",
        description="The Finsam warehouse: reads FINSAM_RAW_DIR, publishes FINSAM_WAREHOUSE. Without a command: build.",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    build = commands.add_parser("build", help=HELP["build"], description=HELP["build"])
    which = build.add_mutually_exclusive_group()
    which.add_argument("--association", metavar="ID", help="re-read only this association's files (its folder name)")
    which.add_argument("--file", metavar="PATH", help="re-read only this file, by its path under the raw folder")
    build.add_argument("--force", action="store_true", help="build even if nothing changed since the last build")
    build.add_argument("-v", "--verbose", action="store_true", help="show every log line and dbt's whole output")
    export = commands.add_parser("export", help=HELP["export"], description=HELP["export"])
    export.add_argument("--format", choices=("csv", "parquet"), default="csv", help="file format (default: csv)")
    export.add_argument("--out", type=Path, help="folder to write (default: <warehouse folder>/export-<format>)")
    commands.add_parser("report", help=HELP["report"], description=HELP["report"])
    commands.add_parser("sql", help=HELP["sql"], description=HELP["sql"])
    return parser


def _arguments(argv: list[str] | None) -> argparse.Namespace:
    argv = list(sys.argv[1:] if argv is None else argv)
    if not any(a in COMMANDS or a in ("-h", "--help") for a in argv):
        argv.insert(0, "build")  # `make run` and `... cli --force`
    return _parser().parse_args(argv)


def export(arguments: argparse.Namespace) -> int:
    from finsam_warehouse.warehouse.exports import write_exports

    warehouse = settings.warehouse_path()
    if not warehouse.exists():
        print(f"No warehouse at {warehouse}: run `make run` first.", file=sys.stderr)
        return 1
    out = arguments.out or warehouse.parent / f"export-{arguments.format}"
    files = write_exports(warehouse, out.resolve(), arguments.format)
    print(f"{len(files)} marts written to {out.resolve()}")
    return 0


def report(_arguments: argparse.Namespace) -> int:
    index = settings.dq_report_dir() / "index.html"
    if not index.exists():
        print(f"No data-quality report at {index}: run `make run` first.", file=sys.stderr)
        return 1
    print(index)
    print(f"Overview (charts across associations and years): {index.with_name('overview.html')}")
    webbrowser.open(index.as_uri())
    return 0


def sql(_arguments: argparse.Namespace) -> int:
    warehouse = settings.warehouse_path()
    harlequin = shutil.which("harlequin", path=str(Path(sys.executable).parent)) or shutil.which("harlequin")
    if not warehouse.exists() or harlequin is None:
        print(f"Needs {warehouse} (`make run`) and harlequin (`make install`).", file=sys.stderr)
        return 1
    os.execv(harlequin, [harlequin, "--read-only", str(warehouse)])
    return 0  # not reached


def _nothing_changed() -> bool:
    """The published warehouse was built from the files, code and limits as they are now.

    Checked before Dagster and dbt are imported, which is most of a rerun's time
    when nothing changed; the build checks it again, under its lock, otherwise.
    """
    from finsam_warehouse.warehouse.build_lock import BuildLocked, build_lock
    from finsam_warehouse.warehouse.fingerprint import input_fingerprint, published_fingerprint
    from finsam_warehouse.warehouse.isolation import configured_limits
    from finsam_warehouse.warehouse.report_files import list_report_files

    warehouse, raw = settings.warehouse_path(), settings.raw_dir()
    try:
        with build_lock(warehouse):
            keys = list_report_files(raw)
            published = published_fingerprint(warehouse)
            return bool(keys) and published == input_fingerprint(raw, keys, configured_limits())
    except BuildLocked:
        return False  # the build says that one is running


def main(argv: list[str] | None = None) -> int:
    arguments = _arguments(argv)
    if arguments.command != "build":
        return {"export": export, "report": report, "sql": sql}[arguments.command](arguments)
    if not (arguments.force or arguments.association or arguments.file) and _nothing_changed():
        warehouse = settings.warehouse_path()
        print(f"Nothing changed since the last build: {warehouse} is as it was (--force rebuilds).")
        return 0
    from finsam_warehouse.build import build  # imports Dagster: only for a build

    return build(arguments.association, arguments.file, arguments.force, arguments.verbose)


if __name__ == "__main__":
    sys.exit(main())
