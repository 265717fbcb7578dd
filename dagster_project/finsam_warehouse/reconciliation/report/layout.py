"""The page around the sections: inline CSS, an optional inline script, atomic writes."""

from __future__ import annotations

import os
import tempfile
from html import escape
from pathlib import Path

CSS = """
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif;
       margin: 2rem auto; max-width: 90rem; padding: 0 1rem; color: #1d1d1f; line-height: 1.4; }
h1 { font-size: 1.6rem; margin-bottom: 0.2rem; }
h2 { font-size: 1.25rem; margin-top: 2.2rem; border-bottom: 2px solid #d0d0d7;
     padding-bottom: 0.2rem; }
h3 { font-size: 1.05rem; margin: 1.4rem 0 0.1rem; }
p.meta, p.note, .note { color: #555; margin: 0.2rem 0; }
table { border-collapse: collapse; width: 100%; margin: 0.4rem 0 1rem; font-size: 0.9rem; }
th, td { border: 1px solid #d0d0d7; padding: 0.3rem 0.5rem; text-align: left; vertical-align: top; }
th { background: #f2f2f6; }
td { overflow-wrap: anywhere; min-width: 7rem; } td.num { min-width: 0; }
td.num, th.num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
code { font-size: 0.8rem; color: #555; background: #f2f2f6; padding: 0 0.2rem; border-radius: 3px; }
.printed { display: block; color: #333; font-size: 0.85rem; margin-top: 0.2rem; }
.printed q { font-family: ui-monospace, Menlo, Consolas, monospace; background: #f7f7fa; }
.counts { display: flex; gap: 0.8rem; flex-wrap: wrap; margin: 0.8rem 0; }
.count { border-radius: 6px; padding: 0.4rem 0.8rem; font-weight: 600; }
.pass { background: #e3f4e6; } .warn { background: #fff4d6; }
.fail { background: #fde2e1; } .not_run { background: #ececf1; }
tr.warn td { background: #fffaeb; } td.no_rows { color: #555; font-style: italic; }
tr.fail td { background: #fdf0ef; } tr.pass td, tr.not_run td { background: none; }
.error { color: #a4161a; white-space: pre-wrap; }
form.filters { position: sticky; top: 0; background: #fff; padding: 0.5rem 0; border-bottom: 1px solid #d0d0d7;
               display: flex; gap: 1rem; align-items: center; flex-wrap: wrap; z-index: 1; }
.charts { display: flex; flex-wrap: wrap; gap: 1rem; }
figure.chart-box { margin: 0.5rem 0; flex: 1 1 30rem; max-width: 48rem; }
figure.chart-box.wide { max-width: 60rem; }
svg.chart { max-width: 100%; height: auto; }
[hidden] { display: none !important; }
"""


def page(title: str, body: str, script: str = "") -> str:
    """A whole HTML page: everything inline, nothing loaded from elsewhere."""
    script_tag = f"\n<script>{script}</script>" if script else ""
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{escape(title)}</title>\n<style>{CSS}</style>\n</head>\n<body>\n"
        f"{body}{script_tag}\n</body>\n</html>\n"
    )


def write_atomically(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as file:
            file.write(text)
            file.flush()
            os.fsync(file.fileno())
        os.chmod(temp_name, 0o644)
        os.replace(temp_name, path)
    except BaseException:
        Path(temp_name).unlink(missing_ok=True)
        raise
