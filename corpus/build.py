"""Render the corpus: every spec through every producer, into ``<out>/<producer>/<association_id>/``.

    python -m corpus.build --out data/corpus [--only SPEC ...] [--producers NAME ...]

A file already rendered from the same spec, books and renderer code is kept
(the key is stored in ``<out>/.keys/``), so a second run only renders what changed.
"""

from __future__ import annotations

import argparse
import hashlib
import importlib
import sys
import time
from pathlib import Path

from corpus.document import build_document
from corpus.render import PRODUCERS
from corpus.spec import CORPUS_DIR, ReportSpec, books_text, load_spec, spec_paths
from corpus.truth import derive

BATCHED = {"libreoffice", "pdftotext"}  # one LibreOffice start-up for many documents


def code_hash() -> str:
    digest = hashlib.sha256()
    for source in sorted([*CORPUS_DIR.glob("*.py"), *(CORPUS_DIR / "render").glob("*.py")]):
        digest.update(source.name.encode())
        digest.update(source.read_bytes())
    return digest.hexdigest()


def render_key(spec: ReportSpec, producer: str, code: str) -> str:
    digest = hashlib.sha256()
    for part in (producer, code, spec.source_text, books_text(spec.association_id)):
        digest.update(part.encode())
    return digest.hexdigest()


def output_path(out: Path, producer: str, spec: ReportSpec) -> Path:
    return out / producer / spec.association_id / f"{spec.spec_id}{PRODUCERS[producer][1]}"


def _render_one(producer: str, spec: ReportSpec, path: Path) -> None:
    module = importlib.import_module(PRODUCERS[producer][0])
    doc = build_document(derive(spec))
    if producer in BATCHED:
        module.render_many([(doc, path, spec.libreoffice_tables)])
    else:
        module.render(doc, path, producer)


def build(out: Path, only: list[str] | None = None, producers: list[str] | None = None,
          log=print) -> list[Path]:
    """Render what is missing or stale; returns every file of the selection."""
    specs = [load_spec(p) for p in spec_paths(only)]
    chosen = producers or list(PRODUCERS)
    unknown = set(chosen) - set(PRODUCERS)
    if unknown:
        raise SystemExit(f"unknown producer: {', '.join(sorted(unknown))} (known: {', '.join(PRODUCERS)})")
    code = code_hash()
    files: list[Path] = []
    for producer in chosen:
        stale = []
        for spec in specs:
            path = output_path(out, producer, spec)
            key_file = out / ".keys" / producer / f"{spec.spec_id}.key"
            key = render_key(spec, producer, code)
            files.append(path)
            if not (path.exists() and key_file.exists() and key_file.read_text() == key):
                stale.append((spec, path, key_file, key))
        started = time.monotonic()
        if producer in BATCHED and stale:
            module = importlib.import_module(PRODUCERS[producer][0])
            for _, path, _, _ in stale:
                path.parent.mkdir(parents=True, exist_ok=True)
            module.render_many([(build_document(derive(s)), p, s.libreoffice_tables) for s, p, _, _ in stale])
        else:
            for spec, path, _, _ in stale:
                path.parent.mkdir(parents=True, exist_ok=True)
                _render_one(producer, spec, path)
        for _, _, key_file, key in stale:
            key_file.parent.mkdir(parents=True, exist_ok=True)
            key_file.write_text(key)
        log(f"{producer:12} {len(stale):3} rendered, {len(specs) - len(stale):3} reused "
            f"({time.monotonic() - started:.1f} s)")
    return files


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=Path("data/corpus"))
    parser.add_argument("--only", nargs="+", metavar="SPEC", help="spec names (file stems)")
    parser.add_argument("--producers", nargs="+", metavar="NAME", help=f"of {', '.join(PRODUCERS)}")
    args = parser.parse_args(argv)
    started = time.monotonic()
    files = build(args.out, args.only, args.producers)
    print(f"{len(files)} files in {args.out} ({time.monotonic() - started:.0f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
