"""The dbt project builds the marts from the raw tables and honours the contract.

One module-scoped fixture fills a throwaway warehouse with a few raw rows, runs
`dbt seed` and `dbt build` against it (all models and data tests), and the
tests read the result.
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import duckdb
import pytest

from finsam_warehouse.warehouse.raw_schema import RAW_TABLES, create_table_sql
from finsam_warehouse.warehouse.reconciliation_io import CHECK_RESULTS_COLUMNS

DBT_DIR = Path(__file__).resolve().parents[1] / "dbt"
DBT = Path(sys.executable).parent / "dbt"


# The public contract of the marts (CONTRACT.md): column -> DuckDB type, in order.
CONTRACT: dict[str, list[tuple[str, str]]] = {
    "dim_association": [
        ("association_id", "VARCHAR"),
        ("name", "VARCHAR"),
        ("org_nr", "VARCHAR"),
    ],
    "dim_report": [
        ("report_id", "VARCHAR"),
        ("association_id", "VARCHAR"),
        ("report_type", "VARCHAR"),
        ("period_start", "DATE"),
        ("period_end", "DATE"),
        ("decided_on", "DATE"),
        ("source_file", "VARCHAR"),
        ("source_sha256", "VARCHAR"),
        ("source_format", "VARCHAR"),
    ],
    "fct_financial_statement": [
        ("report_id", "VARCHAR"),
        ("association_id", "VARCHAR"),
        ("statement", "VARCHAR"),
        ("line_item", "VARCHAR"),
        ("label", "VARCHAR"),
        ("period_start", "DATE"),
        ("period_end", "DATE"),
        ("amount_sek", "DECIMAL(18,2)"),
        ("is_comparative", "BOOLEAN"),
        ("source_page", "INTEGER"),
        ("source_line", "INTEGER"),
    ],
    "fct_budget_vs_outcome": [
        ("report_id", "VARCHAR"),
        ("association_id", "VARCHAR"),
        ("fiscal_year", "INTEGER"),
        ("period_end", "DATE"),
        ("budget_line", "VARCHAR"),
        ("insats_id", "VARCHAR"),
        ("category", "VARCHAR"),
        ("is_total", "BOOLEAN"),
        ("budget_full_year_sek", "DECIMAL(18,2)"),
        ("budget_period_sek", "DECIMAL(18,2)"),
        ("outcome_sek", "DECIMAL(18,2)"),
        ("forecast_full_year_sek", "DECIMAL(18,2)"),
        ("utilization_pct", "DECIMAL(9,2)"),
    ],
    "fct_participants": [
        ("report_id", "VARCHAR"),
        ("association_id", "VARCHAR"),
        ("period_start", "DATE"),
        ("period_end", "DATE"),
        ("insats_id", "VARCHAR"),
        ("measure", "VARCHAR"),
        ("sex", "VARCHAR"),
        ("outcome", "VARCHAR"),
        ("participant_count", "INTEGER"),
        ("share_pct", "DECIMAL(9,2)"),
    ],
    "dq_reconciliation": [
        ("check_name", "VARCHAR"),
        ("report_id", "VARCHAR"),
        ("association_id", "VARCHAR"),
        ("period_end", "DATE"),
        ("subject", "VARCHAR"),
        ("expected", "DECIMAL(18,2)"),
        ("actual", "DECIMAL(18,2)"),
        ("difference", "DECIMAL(18,2)"),
        ("status", "VARCHAR"),
        ("detail", "VARCHAR"),
    ],
}

D = Decimal
SUBJECT = "Summa tillgångar vs Summa eget kapital och skulder"
CHECKED_AT = dt.datetime(2024, 3, 1, 2, 0, 0)


def _report(report_id, association_id, report_type, start, end, status="ok", **extra):
    row = {
        "report_id": report_id,
        "association_id": association_id,
        "source_file": f"{association_id}/{report_id}.txt",
        "source_sha256": report_id * 8,
        "source_format": "text",
        "report_type": report_type,
        "period_start": start,
        "period_end": end,
        "decided_on": None,
        "page_count": None,
        "line_count": 400,
        "parse_status": status,
        "parser_version": "1",
        "parsed_at": CHECKED_AT,
    }
    row.update(extra)
    return row


def _fact(report_id, association_id, statement, line_item, label, end, amount, *,
          start=None, comparative=False, unit="kr", line_order, page=None, line):
    return {
        "report_id": report_id,
        "association_id": association_id,
        "statement": statement,
        "line_item": line_item,
        "label": label,
        "label_printed": label,
        "period_start": start,
        "period_end": end,
        "is_comparative": comparative,
        "amount_sek": amount,
        "amount_printed": str(amount),
        "unit": unit,
        "is_repaired": False,
        "line_order": line_order,
        "source_page": page,
        "source_line": line,
        "raw_text": f"{label} {amount}",
    }


JUN_2023 = dt.date(2023, 6, 30)
DEC_2022 = dt.date(2022, 12, 31)
DEC_2021 = dt.date(2021, 12, 31)

RAW_ROWS: dict[str, list[dict]] = {
    "reports": [
        _report("r1", "lekeberg-orebro", "interim", dt.date(2023, 1, 1), JUN_2023,
                decided_on=dt.date(2023, 8, 24)),
        _report("r2", "sofint", "annual", dt.date(2022, 1, 1), DEC_2022, page_count=14,
                source_format="pdf"),
        _report("r3", "vastra-ostergotland", None, None, None, status="error",
                error_message="no text layer"),
    ],
    "statement_facts": [
        # r1, in kr: off by one krona at 2023-06-30, balanced at 2022-12-31.
        _fact("r1", "lekeberg-orebro", "income_statement", "operating_income",
              "Verksamhetens intäkter", JUN_2023, D("3100000.00"),
              start=dt.date(2023, 1, 1), line_order=1, line=301),
        _fact("r1", "lekeberg-orebro", "income_statement", "operating_income",
              "Verksamhetens intäkter", JUN_2023 - dt.timedelta(days=365), D("2950000.00"),
              start=dt.date(2022, 1, 1), comparative=True, line_order=1, line=301),
        _fact("r1", "lekeberg-orebro", "balance_sheet", "total_assets",
              "Summa tillgångar", JUN_2023, D("6290501.00"), line_order=8, line=331),
        _fact("r1", "lekeberg-orebro", "balance_sheet", "total_assets",
              "Summa tillgångar", DEC_2022, D("5800000.00"), comparative=True,
              line_order=8, line=331),
        _fact("r1", "lekeberg-orebro", "balance_sheet", "total_equity_and_liabilities",
              "Summa eget kapital och skulder", JUN_2023, D("6290500.00"),
              line_order=12, line=335),
        _fact("r1", "lekeberg-orebro", "balance_sheet", "total_equity_and_liabilities",
              "Summa eget kapital och skulder", DEC_2022, D("5800000.00"), comparative=True,
              line_order=12, line=335),
        # r2, in tkr: 2 tkr apart at 2022-12-31; the total of equity and
        # liabilities is missing at 2021-12-31.
        _fact("r2", "sofint", "balance_sheet", "total_assets", "Summa tillgångar",
              DEC_2022, D("5123000.00"), unit="tkr", line_order=7, page=9, line=412),
        _fact("r2", "sofint", "balance_sheet", "total_equity_and_liabilities",
              "Summa eget kapital och skulder", DEC_2022, D("5125000.00"), unit="tkr",
              line_order=14, page=9, line=425),
        _fact("r2", "sofint", "balance_sheet", "total_assets", "Summa tillgångar",
              DEC_2021, D("4900000.00"), comparative=True, unit="tkr", line_order=7,
              page=9, line=412),
        _fact("r2", "sofint", "balance_sheet", "cash_and_bank", "Kassa och bank",
              DEC_2021, D("4700000.00"), comparative=True, unit="tkr", line_order=5,
              page=9, line=410),
        # r3 failed to parse: its stray rows must not reach the marts.
        _fact("r3", "vastra-ostergotland", "balance_sheet", "total_assets",
              "Summa tillgångar", DEC_2022, D("1.00"), line_order=1, line=1),
    ],
    "note_lines": [
        {
            "report_id": "r2", "association_id": "sofint", "note_number": "1",
            "note_title": "Medlemsavgifter", "explains_statement": "income_statement",
            "explains_line_item": "operating_income", "label": "Försäkringskassan",
            "is_total": False, "period_start": dt.date(2022, 1, 1), "period_end": DEC_2022,
            "is_comparative": False, "amount_sek": D("1500000.00"), "amount_printed": "1 500",
            "line_order": 1, "source_page": 11, "source_line": 520,
            "raw_text": "Försäkringskassan 1 500",
        },
    ],
    "budget_lines": [
        {
            "report_id": "r1", "association_id": "lekeberg-orebro",
            "table_title": "Driftredovisning", "fiscal_year": 2023, "period_end": JUN_2023,
            "budget_line": "Coachingteam Örebro", "section": "Individinriktade insatser",
            "category": "individual", "is_total": False,
            "budget_full_year_sek": D("2000000.00"), "budget_period_sek": D("1000000.00"),
            "outcome_sek": D("812345.00"), "forecast_full_year_sek": D("1900000.00"),
            "unit": "kr", "line_order": 3, "source_line": 210,
            "raw_text": "Coachingteam Örebro 2 000 000 1 000 000 812 345 1 900 000",
        },
        {
            "report_id": "r1", "association_id": "lekeberg-orebro",
            "table_title": "Driftredovisning", "fiscal_year": 2023, "period_end": JUN_2023,
            "budget_line": "Kansli", "section": "Administration",
            "category": "administration", "is_total": False,
            "budget_full_year_sek": D("600000.00"), "budget_period_sek": None,
            "outcome_sek": D("250000.00"), "unit": "kr", "line_order": 5, "source_line": 214,
            "raw_text": "Kansli 600 000 250 000",
        },
        {
            "report_id": "r1", "association_id": "lekeberg-orebro",
            "table_title": "Driftredovisning", "fiscal_year": 2023, "period_end": JUN_2023,
            "budget_line": "Övrigt", "category": None, "is_total": False,
            "budget_full_year_sek": D("0.00"), "budget_period_sek": None,
            "outcome_sek": D("1200.00"), "unit": "kr", "line_order": 6, "source_line": 215,
            "raw_text": "Övrigt 0 1 200",
        },
    ],
    "participant_counts": [
        {
            "report_id": "r1", "association_id": "lekeberg-orebro",
            "period_start": dt.date(2023, 1, 1), "period_end": JUN_2023,
            "insats_label": "Coachingteam Örebro", "insats_key": "coachingteam orebro",
            "measure": "participants", "sex": "female", "measure_printed": "Kvinnor",
            "participant_count": 41, "is_target": False, "figure_group": 2, "source_line": 150,
            "raw_text": "Kvinnor 41",
        },
        {
            "report_id": "r1", "association_id": "lekeberg-orebro",
            "period_start": dt.date(2023, 1, 1), "period_end": JUN_2023,
            "insats_label": "Coachingteam Örebro", "insats_key": "coachingteam orebro",
            "measure": "ended", "sex": "all", "outcome_text": "Arbete", "outcome_key": "arbete",
            "participant_count": 9, "share_pct": D("22.50"), "is_target": False,
            "figure_group": 3, "source_line": 160, "raw_text": "Arbete 9 22,5 %",
        },
        {
            "report_id": "r1", "association_id": "lekeberg-orebro",
            "period_start": dt.date(2023, 1, 1), "period_end": dt.date(2023, 12, 31),
            "insats_label": "Coachingteam Örebro", "insats_key": "coachingteam orebro",
            "measure": "participants", "sex": "all", "participant_count": 80, "is_target": True,
            "figure_group": 1, "source_line": 140,
            "raw_text": "Målet är 80 deltagare under året.",
        },
    ],
}

CHECK_RESULTS = [
    ("balance_sheet_balances", "r1", "lekeberg-orebro", JUN_2023, SUBJECT,
     D("6290501.00"), D("6290500.00"), D("-1.00"), D("1.00"), "warn",
     "Summa tillgångar (line 331) vs Summa eget kapital och skulder (line 335)", CHECKED_AT, None, "fp1"),
    ("balance_sheet_balances", "r1", "lekeberg-orebro", DEC_2022, SUBJECT,
     D("5800000.00"), D("5800000.00"), D("0.00"), D("1.00"), "pass",
     "Summa tillgångar (line 331) vs Summa eget kapital och skulder (line 335)", CHECKED_AT, None, "fp2"),
    ("balance_sheet_balances", "r2", "sofint", DEC_2022, SUBJECT,
     D("5123000.00"), D("5125000.00"), D("2000.00"), D("1000.00"), "fail",
     "Summa tillgångar (page 9, line 412) vs Summa eget kapital och skulder (page 9, line 425)",
     CHECKED_AT, None, "fp3"),
    ("balance_sheet_balances", "r2", "sofint", DEC_2021, SUBJECT,
     D("4900000.00"), None, None, D("1000.00"), "not_run",
     "total_equity_and_liabilities not found", CHECKED_AT, None, "fp4"),
]


def _insert(con: duckdb.DuckDBPyConnection, schema: str, table: str, columns: list[str],
            rows: list[tuple]) -> None:
    placeholders = ", ".join("?" for _ in columns)
    con.executemany(
        f"INSERT INTO {schema}.{table} ({', '.join(columns)}) VALUES ({placeholders})", rows
    )


def _fill_raw(build_file: Path) -> None:
    con = duckdb.connect(str(build_file))
    try:
        con.execute("CREATE SCHEMA raw")
        con.execute("CREATE SCHEMA reconciliation")
        for table in RAW_TABLES:
            con.execute(create_table_sql(table))
            columns = [name for name, _ in RAW_TABLES[table]]
            rows = [tuple(row.get(c) for c in columns) for row in RAW_ROWS.get(table, [])]
            if rows:
                _insert(con, "raw", table, columns, rows)
        con.execute(
            "CREATE TABLE reconciliation.check_results ("
            + ", ".join(f"{name} {sql_type}" for name, sql_type in CHECK_RESULTS_COLUMNS)
            + ")"
        )
        _insert(con, "reconciliation", "check_results",
                [name for name, _ in CHECK_RESULTS_COLUMNS], CHECK_RESULTS)
        con.execute("CHECKPOINT")
    finally:
        con.close()


def _dbt(command: str, tmp: Path, env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run(
        [
            str(DBT), command,
            "--profiles-dir", ".",
            "--target-path", str(tmp / "dbt_target"),
            "--log-path", str(tmp / "dbt_logs"),
        ],
        cwd=DBT_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )


@pytest.fixture(scope="module")
def built_warehouse(tmp_path_factory) -> Path:
    tmp = tmp_path_factory.mktemp("dbt_build").resolve()
    warehouse = tmp / "warehouse.duckdb"
    build_file = tmp / "warehouse.duckdb.build"
    _fill_raw(build_file)

    env = dict(os.environ)
    env["FINSAM_WAREHOUSE"] = str(warehouse)
    env["DBT_SEND_ANONYMOUS_USAGE_STATS"] = "false"
    for command in ("seed", "build"):
        result = _dbt(command, tmp, env)
        assert result.returncode == 0, (
            f"dbt {command} failed:\n{result.stdout}\n{result.stderr}"
        )
    assert not warehouse.exists(), "dbt must build into the .build file only"
    return build_file


@pytest.fixture()
def con(built_warehouse: Path):
    connection = duckdb.connect(str(built_warehouse), read_only=True)
    yield connection
    connection.close()


def test_reconciliation_inputs(con):
    rows = con.execute(
        """
        select report_id, association_id, period_end, check_name, subject,
               expected, actual, tolerance, detail, missing_inputs
        from intermediate.int_reconciliation_inputs
        order by report_id, period_end
        """
    ).fetchall()
    assert rows == [
        ("r1", "lekeberg-orebro", DEC_2022, "balance_sheet_balances", SUBJECT,
         D("5800000.00"), D("5800000.00"), D("1.00"),
         "Summa tillgångar (line 331) vs Summa eget kapital och skulder (line 335)", None),
        ("r1", "lekeberg-orebro", JUN_2023, "balance_sheet_balances", SUBJECT,
         D("6290501.00"), D("6290500.00"), D("1.00"),
         "Summa tillgångar (line 331) vs Summa eget kapital och skulder (line 335)", None),
        ("r2", "sofint", DEC_2021, "balance_sheet_balances", SUBJECT,
         D("4900000.00"), None, D("1000.00"),
         "Summa tillgångar (page 9, line 412) vs total_equity_and_liabilities not found",
         "total_equity_and_liabilities not found"),
        ("r2", "sofint", DEC_2022, "balance_sheet_balances", SUBJECT,
         D("5123000.00"), D("5125000.00"), D("1000.00"),
         "Summa tillgångar (page 9, line 412) vs "
         "Summa eget kapital och skulder (page 9, line 425)", None),
    ]


def test_financial_statement_has_the_facts_of_parsed_reports(con):
    rows = con.execute(
        """
        select report_id, statement, line_item, period_end, is_comparative, amount_sek,
               source_line
        from marts.fct_financial_statement
        order by report_id, statement, period_end, line_order
        """
    ).fetchall()
    expected = sorted(
        (f["report_id"], f["statement"], f["line_item"], f["period_end"],
         f["is_comparative"], f["amount_sek"], f["source_line"])
        for f in RAW_ROWS["statement_facts"]
        if f["report_id"] != "r3"
    )
    assert sorted(rows) == expected
    assert ("r1", "balance_sheet", "total_assets", JUN_2023, False, D("6290501.00"), 331) in rows


def test_dimensions(con):
    assert con.execute("select count(*) from marts.dim_association").fetchone() == (3,)
    assert con.execute(
        "select org_nr, short_name from marts.dim_association "
        "where association_id = 'lekeberg-orebro'"
    ).fetchone() == ("222000-2493", "Finsam Lekeberg Örebro")
    assert con.execute(
        "select report_id, report_type, decided_on from marts.dim_report order by report_id"
    ).fetchall() == [("r1", "interim", dt.date(2023, 8, 24)), ("r2", "annual", None)]


def test_budget_vs_outcome_utilization(con):
    rows = con.execute(
        "select budget_line, insats_id, utilization_pct from marts.fct_budget_vs_outcome "
        "order by budget_line"
    ).fetchall()
    assert rows == [
        ("Coachingteam Örebro", None, D("81.23")),  # against the period budget
        ("Kansli", None, D("41.67")),  # no period budget: against the full year
        ("Övrigt", None, None),  # zero budget
    ]


def test_participants_split_results_and_targets(con):
    results = con.execute(
        "select insats_id, measure, sex, outcome, participant_count, share_pct "
        "from marts.fct_participants order by measure"
    ).fetchall()
    assert results == [
        ("coachingteam-orebro", "ended", "all", "work", 9, D("22.50")),  # "Arbete", via the outcome seed
        ("coachingteam-orebro", "participants", "female", None, 41, None),
    ]
    targets = con.execute(
        "select measure, sex, participant_count, period_end from marts.fct_participant_targets"
    ).fetchall()
    assert targets == [("participants", "all", 80, dt.date(2023, 12, 31))]


def test_dq_reconciliation(con):
    rows = con.execute(
        "select report_id, period_end, status, difference, tolerance "
        "from marts.dq_reconciliation order by report_id, period_end"
    ).fetchall()
    assert rows == [
        ("r1", DEC_2022, "pass", D("0.00"), D("1.00")),
        ("r1", JUN_2023, "warn", D("-1.00"), D("1.00")),
        ("r2", DEC_2021, "not_run", None, D("1000.00")),
        ("r2", DEC_2022, "fail", D("2000.00"), D("1000.00")),
    ]


@pytest.mark.parametrize("mart", sorted(CONTRACT))
def test_mart_columns_follow_the_contract(con, mart):
    described = [
        (name, sql_type)
        for name, sql_type, *_ in con.execute(f"describe marts.{mart}").fetchall()
    ]
    contract = CONTRACT[mart]
    assert described[: len(contract)] == contract


def test_schemas_are_used_as_named(con):
    schemas = {
        row[0]
        for row in con.execute(
            "select distinct table_schema from information_schema.tables"
        ).fetchall()
    }
    assert {"raw", "reconciliation", "seeds", "staging", "intermediate", "marts"} <= schemas
    assert con.execute(
        "select table_type from information_schema.tables "
        "where table_schema = 'staging' and table_name = 'stg_reports'"
    ).fetchone() == ("VIEW",)
