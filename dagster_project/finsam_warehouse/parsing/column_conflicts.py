"""Statement columns whose periods were misread: the statement is not read rather than guessed.

Headers the column reader dates wrongly (a header wrapped over two lines read
as its first date only, year-only headers over three columns) give two columns
one period, or a period of one day to a statement of a period (income
statement, cash flow). Then which figure belongs to which period cannot be
known. Such a statement's figures are dropped and its lines listed as not read
(``extraction_coverage``), so its checks do not run and the data-quality
report names it: a wrong figure in the marts is worse than a missing one.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import replace

from finsam_warehouse.parsing.models import SectionCoverage, StatementFact, UnreadLine

SAME_PERIOD = "two columns were dated alike: which figure belongs to which period cannot be told"
ONE_DAY_PERIOD = "a column was dated as one day, not a period: its header was not understood"
DURATION_STATEMENTS = {"income_statement", "cash_flow"}  # their columns are periods, not dates


def _key(fact: StatementFact) -> tuple:
    """The key a printed figure has in the marts (see assert_financial_statement_figures_unique)."""
    return (fact.statement, fact.line_order, fact.line_item, fact.label, fact.period_start, fact.period_end,
            fact.is_comparative)  # fmt: skip


def misread_statements(facts: Iterable[StatementFact]) -> dict[str, str]:
    """Statement → why its columns cannot be trusted, for each statement with misread columns."""
    facts = list(facts)
    reasons: dict[str, str] = {}
    for fact in facts:
        one_day = fact.period_start is not None and fact.period_start >= fact.period_end
        if fact.statement in DURATION_STATEMENTS and one_day:
            reasons.setdefault(fact.statement, ONE_DAY_PERIOD)
    for key, count in Counter(_key(fact) for fact in facts).items():
        if count > 1:
            reasons[key[0]] = SAME_PERIOD
    return reasons


def split_misread(
    facts: list[StatementFact], reasons: dict[str, str]
) -> tuple[list[StatementFact], list[StatementFact]]:
    """(facts kept, facts of the misread statements)."""
    kept = [fact for fact in facts if fact.statement not in reasons]
    return kept, [fact for fact in facts if fact.statement in reasons]


def mark_unread(
    coverage: list[SectionCoverage], unread: list[UnreadLine], dropped: list[StatementFact], reasons: dict[str, str]
) -> tuple[list[SectionCoverage], list[UnreadLine]]:
    """Coverage and unread lines with the dropped statements' lines counted as not read."""
    dropped_lines: dict[tuple[str, int], StatementFact] = {}
    for fact in dropped:
        dropped_lines.setdefault((fact.statement, fact.source_line), fact)
    kept_unread = [line for line in unread if (line.section, line.source_line) not in dropped_lines]
    new_unread = [
        UnreadLine(statement, None, fact.label_printed, reasons[statement], fact.source_page, line, fact.raw_text)
        for (statement, line), fact in sorted(dropped_lines.items(), key=lambda item: item[0][1])
    ]
    per_statement = Counter(statement for statement, _ in dropped_lines)
    adjusted = [
        replace(section, lines_read=max(0, section.lines_read - per_statement[section.section]))
        if section.section in per_statement
        else section
        for section in coverage
    ]
    return adjusted, kept_unread + new_unread
