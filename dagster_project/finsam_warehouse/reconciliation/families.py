"""The check families: every check the engine runs, with what it verifies."""

# Each is a Dagster asset check and a row of the report's table of families.
CHECK_FAMILIES: dict[str, str] = {
    "balance_sheet_balances": "Summa tillgångar = Summa eget kapital (, avsättningar) och skulder",
    "balance_sheet_subtotals": "The balance sheet's subtotals equal the sum of their lines",
    "income_statement_arithmetic": "Intäkter + kostnader = verksamhetens resultat, down to årets resultat",
    "result_matches_balance_sheet": "Årets resultat is the same in the income statement and the balance sheet",
    "equity_roll_forward": "Closing equity of one financial year = opening equity of the next, across columns and reports",
    "cash_flow_ties": "Cash flow sums, and its ties to kassa och bank and working capital",
    "note_sums_to_statement": "A note's lines sum to its Summa, which equals the statement line",
    "comparatives": "The same figure printed in two reports agrees",
    "table_total": "A budget table's lines sum to its totals; per insats, budget - outcome = the printed Överskott",
    "participants_sex_sum": "Women + men = all, per insats, measure and period (anonymous participants may explain a gap)",
    "statistics_vs_report": "A report's participant figure = the statistics file's for the same insats, measure and sex",
    "statistics_sex_sum": "In a statistics file, women + men = Totalt per insats and column",
    "statistics_insats_total": "In a statistics file, the insats rows sum to the row over all insatser",
    "extraction_coverage": "Each section a report must have was found, and its lines with figures read",
}
