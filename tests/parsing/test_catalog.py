"""The parser reads the vocabulary it is handed, and never looks for the dbt project itself."""

from __future__ import annotations

import ast
import shutil
from pathlib import Path

from finsam_warehouse import settings
from finsam_warehouse.parsing.budget import read_budget_tables
from finsam_warehouse.parsing.catalog import Catalog
from finsam_warehouse.parsing.report import parser_version

from tests.parsing.test_budget_tables import META, _lines

PARSING_DIR = Path(settings.__file__).parent / "parsing"
TABLE = _lines(
    "Prognos 2024",
    "\tBudget\tUtfall\tPrognos",
    "\tHelår 2024\tHalvår 2024\tHelår 2024",
    "Coachingteam Örebro\t100 000\t40 000\t90 000",
    "Glanshammarsprojektet\t50 000\t10 000\t50 000",
    "Summa\t150 000\t50 000\t140 000",
)


def _catalog_with_new_insats(folder: Path) -> Catalog:
    for source in settings.PARSER_CATALOG.files:
        shutil.copy(source, folder / source.name)
    catalog = Catalog.in_folder(folder)
    with catalog.insats.open("a", encoding="utf-8") as handle:
        handle.write("lekeberg-orebro,glanshammar,Glanshammarsprojektet,individual,Glanshammarsprojektet\n")
    return catalog


def test_an_insats_added_to_the_catalog_is_resolved(tmp_path: Path) -> None:
    catalog = _catalog_with_new_insats(tmp_path)
    before = {
        r["budget_line"]: r["insats_id"]
        for r in read_budget_tables(TABLE, META, settings.SEEDS_DIR / "insats.csv", "lekeberg-orebro")
    }
    after = {
        r["budget_line"]: r["insats_id"] for r in read_budget_tables(TABLE, META, catalog.insats, "lekeberg-orebro")
    }
    assert before["Glanshammarsprojektet"] is None
    assert after["Glanshammarsprojektet"] == "glanshammar"
    assert before["Coachingteam Örebro"] == after["Coachingteam Örebro"] == "coachingteam-orebro"


def test_the_parser_version_covers_the_catalog(tmp_path: Path) -> None:
    assert parser_version(_catalog_with_new_insats(tmp_path)) != parser_version(settings.PARSER_CATALOG)


def test_the_parsing_library_does_not_import_the_project_settings() -> None:
    for module in PARSING_DIR.rglob("*.py"):
        for node in ast.walk(ast.parse(module.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom):
                names = [f"{node.module}.{alias.name}" for alias in node.names]
            elif isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            else:
                continue
            assert not any(name.startswith(("finsam_warehouse.settings", "dagster")) for name in names), module
