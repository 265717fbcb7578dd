"""A multi-year archive of text reports whose comparatives agree by construction.

Per association and year: an annual report (the year and the year before) and
an interim report (January–June and the previous full year), in the tab-cell
text style of the samples. Every comparative column prints exactly what the
report whose own period it is printed, so the only comparative that can fail is
one planted on purpose with ``restate``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

ASSOCIATIONS = {
    # association_id: (name line, org.nr or None, insats names from the seed)
    "sofint": ("Samordningsförbundet i norra Örebro län", "222000-1818", ("Coachingteamet", "Samverkansteamet")),
    "lekeberg-orebro": ("Finsam Lekeberg Örebro", "222000-2493", ("Coachingteam Örebro", "Mottagningsteam Lekeberg")),
    "vastra-ostergotland": ("Samordningsförbundet Västra Östergötland", None, ()),
}


@dataclass(frozen=True)
class Income:
    income: int
    costs: int
    financial_income: int
    financial_costs: int

    @property
    def operating_result(self) -> int:
        return self.income + self.costs

    @property
    def result(self) -> int:
        return self.operating_result + self.financial_income + self.financial_costs


@dataclass(frozen=True)
class Balance:
    receivables: int
    retained: int
    result: int
    payables: int
    other_liabilities: int

    @property
    def equity(self) -> int:
        return self.retained + self.result

    @property
    def cash(self) -> int:
        return self.equity + self.payables + self.other_liabilities - self.receivables

    @property
    def total(self) -> int:
        return self.receivables + self.cash


@dataclass
class Books:
    """The true figures of one association, year by year."""

    index: int
    first_year: int
    equity_before: int = field(init=False)

    def __post_init__(self) -> None:
        self.equity_before = 2_000_000 + 100_000 * self.index

    def year_income(self, year: int) -> Income:
        income = 1_000_000 * (self.index + 2) * (4 + year % 5) + 12_345 * (self.index + 1)
        return Income(income, -(income - 100_000 * (year % 3) + 50_000), 1_234 + year % 7, -(321 + self.index))

    def half_income(self, year: int) -> Income:
        income = self.year_income(year).income // 2 - 1_000 * self.index
        return Income(income, -(income - 25_000 * (year % 4)), 500 + year % 3, -100)

    def closing_equity(self, year: int) -> int:
        equity = self.equity_before
        for y in range(self.first_year - 1, year + 1):
            equity += self.year_income(y).result
        return equity

    def year_end(self, year: int) -> Balance:
        return Balance(
            40_000 + 1_000 * (year % 9) + self.index,
            self.closing_equity(year - 1),
            self.year_income(year).result,
            300_000 + 7_000 * (year % 5),
            50_000 + 3_000 * (year % 3),
        )

    def half_year(self, year: int) -> Balance:
        return Balance(
            60_000 + 111 * self.index, self.closing_equity(year - 1), self.half_income(year).result, 200_000, 45_000
        )


def kr(amount: int) -> str:
    """Swedish grouping with a space, minus sign as '-'."""
    return ("-" if amount < 0 else "") + f"{abs(amount):,}".replace(",", " ")


def income_rows(columns: list[Income]) -> list[str]:
    rows = [
        ("Verksamhetens intäkter", lambda c: c.income),
        ("Verksamhetens kostnader", lambda c: c.costs),
        ("Verksamhetens resultat", lambda c: c.operating_result),
        ("Finansiella intäkter", lambda c: c.financial_income),
        ("Finansiella kostnader", lambda c: c.financial_costs),
        ("Resultat efter finansiella poster", lambda c: c.result),
        ("Årets resultat", lambda c: c.result),
    ]
    return [f"{label}\t\t" + "\t".join(kr(value(c)) for c in columns) for label, value in rows]


def balance_rows(columns: list[Balance]) -> list[str]:
    rows = [
        ("TILLGÅNGAR", None),
        ("Omsättningstillgångar", None),
        ("Övriga fordringar", lambda b: b.receivables),
        ("Kassa och bank", lambda b: b.cash),
        ("Summa omsättningstillgångar", lambda b: b.total),
        ("SUMMA TILLGÅNGAR", lambda b: b.total),
        ("EGET KAPITAL OCH SKULDER", None),
        ("Eget kapital", None),
        ("Balanserad vinst", lambda b: b.retained),
        ("Årets resultat", lambda b: b.result),
        ("Summa eget kapital", lambda b: b.equity),
        ("Kortfristiga skulder", None),
        ("Leverantörsskulder", lambda b: b.payables),
        ("Övriga skulder", lambda b: b.other_liabilities),
        ("Summa kortfristiga skulder", lambda b: b.payables + b.other_liabilities),
        ("SUMMA EGET KAPITAL OCH SKULDER", lambda b: b.total),
    ]
    return [f"{label}\t\t" + "\t".join(kr(value(b)) if value else "" for b in columns) for label, value in rows]


def prognos_rows(insatser: tuple[str, ...], year: int, index: int) -> list[str]:
    """A budget table (budget, outcome half year, forecast, difference) as in the samples."""
    if not insatser:
        return []
    lines = [f"Prognos {year}\t\t\t\t", "\tBudget\tUtfall\tPrognos\tDifferens",
             f"\tHelår {year}\tHalvår {year}\tHelår {year}\tbudget-prognos"]  # fmt: skip
    for n, name in enumerate(insatser):
        budget = 500_000 + 50_000 * n + 10_000 * index + 1_000 * (year % 10)
        outcome, forecast = budget // 2 - 3_000, budget - 6_000
        lines.append(f"{name}\t{kr(budget)}\t{kr(outcome)}\t{kr(forecast)}\t{kr(budget - forecast)}")
    return lines


def title_block(association_id: str, kind: str, year: int, decided: str) -> list[str]:
    name, org_nr, _ = ASSOCIATIONS[association_id]
    heading = "Årsredovisning" if kind == "annual" else "Delårsredovisning"
    period = f"1 januari-31 december {year}" if kind == "annual" else f"1 januari-30 juni {year}"
    lines = ["", name, "", heading, "", period, "", f"Beslutad av styrelsen {decided}", ""]
    if org_nr:
        lines += [f"Organisationsnummer: {org_nr}", ""]
    return lines


def annual_report(
    books: Books, association_id: str, year: int, comparative: Balance | None = None, preface: Sequence[str] = ()
) -> str:
    """``preface``: text lines printed between the title and the statements (narrative pages)."""
    previous = comparative or books.year_end(year - 1)
    lines = title_block(association_id, "annual", year, f"{year + 1}-03-15") + list(preface)
    lines += ["1. Resultaträkning", "", f"\tNot\t{year}-01-01 -{year}-12-31\t{year - 1}-01-01 -{year - 1}-12-31"]
    lines += income_rows([books.year_income(year), books.year_income(year - 1)])
    lines += ["", "2. Balansräkning", "", f"\tNot\t{year}-12-31\t{year - 1}-12-31"]
    lines += balance_rows([books.year_end(year), previous])
    return "\n".join(lines) + "\n"


def interim_report(books: Books, association_id: str, year: int, preface: Sequence[str] = ()) -> str:
    lines = title_block(association_id, "interim", year, f"{year}-09-13") + list(preface)
    lines += [
        "1. Resultaträkning",
        "",
        f"\tNot\t{year}-01-01 -{year}-06-30 (6 mån)\t{year - 1}-01-01 -{year - 1}-12-31",
    ]
    lines += income_rows([books.half_income(year), books.year_income(year - 1)])
    lines += ["", "2. Balansräkning", "", f"\tNot\t{year}-06-30\t{year - 1}-12-31"]
    lines += balance_rows([books.half_year(year), books.year_end(year - 1)])
    lines += ["", "3. Prognos", ""] + prognos_rows(ASSOCIATIONS[association_id][2], year, books.index)
    return "\n".join(lines) + "\n"


@dataclass(frozen=True)
class Restatement:
    """A comparative printed differently from the report whose own year it is."""

    association_id: str
    year: int  # the annual report that restates its comparative column
    moved: int  # kronor moved from Leverantörsskulder to Övriga skulder


def write_archive(raw: Path, years: range, restate: Restatement) -> list[Path]:
    """Writes the archive under raw/<association_id>/ and returns the files."""
    files = []
    for index, association_id in enumerate(ASSOCIATIONS):
        books = Books(index, years.start)
        folder = raw / association_id
        folder.mkdir(parents=True, exist_ok=True)
        for year in years:
            comparative = None
            if (association_id, year) == (restate.association_id, restate.year):
                original = books.year_end(year - 1)
                comparative = Balance(
                    original.receivables, original.retained, original.result,
                    original.payables - restate.moved, original.other_liabilities + restate.moved,
                )  # fmt: skip
            reports = {
                f"arsredovisning_{year}.txt": annual_report(books, association_id, year, comparative),
                f"delarsredovisning_{year}-06.txt": interim_report(books, association_id, year),
            }
            for name, text in reports.items():
                (folder / name).write_text(text, encoding="utf-8")
                files.append(folder / name)
    return files
