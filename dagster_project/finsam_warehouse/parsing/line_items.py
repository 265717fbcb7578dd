"""Label → canonical code, per statement (see CONTRACT.md for the codes).

Each code lists the Swedish labels reports print for it; a matched label is
also the spelling shown when an OCR-damaged label is repaired. Add new
wordings here; a label that matches nothing is kept as ``other``.
"""

from __future__ import annotations

from pathlib import Path

from finsam_warehouse.parsing.ocr_repair import Vocabulary, WordRepair

INCOME_STATEMENT = "income_statement"
BALANCE_SHEET = "balance_sheet"
CASH_FLOW = "cash_flow"
OTHER = "other"

LINE_ITEM_LABELS: dict[str, dict[str, list[str]]] = {
    INCOME_STATEMENT: {
        "operating_income": [
            "Verksamhetens intäkter",
            "Verksamhetens medlemsavgifter",
            "Medlemsavgifter",
            "Medlemsbidrag",
            "Summa verksamhetens intäkter",
        ],
        "operating_expenses": ["Verksamhetens kostnader", "Summa verksamhetens kostnader"],
        "depreciation": ["Avskrivningar"],
        "operating_result": ["Verksamhetens resultat", "Verksamhetens nettokostnad"],
        "financial_income": ["Finansiella intäkter"],
        "financial_expenses": ["Finansiella kostnader"],
        "result_after_financial_items": ["Resultat efter finansiella poster"],
        "extraordinary_items": ["Extraordinära poster", "Extraordinära intäkter", "Extraordinära kostnader"],
        "net_result": ["Årets resultat", "Periodens resultat", "Resultat"],
        OTHER: ["Summa finansiella poster"],
    },
    BALANCE_SHEET: {
        "fixed_assets_total": ["Anläggningstillgångar", "Summa anläggningstillgångar"],
        "receivables": ["Fordringar", "Övriga fordringar", "Kortfristiga fordringar"],
        "prepaid_expenses_and_accrued_income": ["Förutbetalda kostnader och upplupna intäkter"],
        "cash_and_bank": ["Kassa och bank", "Kassa och banktillgodohavande", "Kassa och bankmedel"],
        "current_assets_total": ["Summa omsättningstillgångar", "Omsättningstillgångar"],
        "total_assets": ["Summa tillgångar"],
        "retained_earnings": [
            "Balanserad vinst",
            "Övrigt eget kapital",
            "Balanserat resultat",
            "Balanserat eget kapital",
        ],
        "net_result": ["Årets resultat", "Periodens resultat"],
        "equity_total": ["Summa eget kapital", "Eget kapital"],
        "provisions_total": ["Summa avsättningar", "Avsättningar"],
        "accounts_payable": ["Leverantörsskulder"],
        "other_liabilities": ["Övriga skulder", "Övriga kortfristiga skulder"],
        "accrued_expenses_and_deferred_income": ["Förutbetalda intäkter och upplupna kostnader"],
        "current_liabilities_total": ["Summa kortfristiga skulder", "Kortfristiga skulder"],
        "total_equity_and_liabilities": [
            "Summa eget kapital och skulder",
            "Summa eget kapital, avsättningar och skulder",
            "Summa skulder och eget kapital",
        ],
        OTHER: ["Avsättningar för pensioner", "Avsättningar för pensioner och liknande förpliktelser"],
    },
    CASH_FLOW: {
        "cash_flow_operating": [
            "Kassaflöde från den löpande verksamheten",
            "Kassaflöde från löpande verksamhet",
        ],
        "cash_flow_investing": ["Kassaflöde från investeringsverksamheten"],
        "cash_flow_financing": ["Kassaflöde från finansieringsverksamheten"],
        "net_cash_flow": ["Årets kassaflöde", "Periodens kassaflöde"],
        "cash_at_start": ["Likvida medel vid årets början", "Likvida medel vid periodens början"],
        "cash_at_end": ["Likvida medel vid årets slut", "Likvida medel vid periodens slut"],
        OTHER: [
            "Årets resultat",
            "Periodens resultat",
            "Justering för ej likviditetspåverkande poster",
            "Medel från verksamheten före förändring av rörelsekapital",
            "Ökning/minskning kortfristiga fordringar",
            "Ökning/minskning kortfristiga skulder",
            "Ökning/minskning av kortfristiga fordringar",
            "Ökning/minskning av kortfristiga skulder",
        ],
    },
}

# Balance-sheet headings that open a section and carry no figure of their own
# where the report prints a "Summa" line for it.
BALANCE_SHEET_SECTIONS = [
    "Tillgångar",
    "Anläggningstillgångar",
    "Omsättningstillgångar",
    "Eget kapital och skulder",
    "Eget kapital",
    "Avsättningar",
    "Skulder",
    "Långfristiga skulder",
    "Kortfristiga skulder",
]

# Identities a statement's own figures obey: total = sum of parts (a part not
# printed counts as 0). Used to restore minus signs that OCR lost.
STATEMENT_IDENTITIES: dict[str, list[tuple[str, list[str]]]] = {
    INCOME_STATEMENT: [
        ("operating_result", ["operating_income", "operating_expenses", "depreciation"]),
        ("result_after_financial_items", ["operating_result", "financial_income", "financial_expenses"]),
        ("net_result", ["result_after_financial_items", "extraordinary_items"]),
    ],
    BALANCE_SHEET: [
        ("equity_total", ["retained_earnings", "net_result"]),
    ],
    CASH_FLOW: [
        ("net_cash_flow", ["cash_flow_operating", "cash_flow_investing", "cash_flow_financing"]),
        ("cash_at_end", ["cash_at_start", "net_cash_flow"]),
    ],
}

# Headings that open each statement.
STATEMENT_HEADINGS: dict[str, list[str]] = {
    INCOME_STATEMENT: ["Resultaträkning"],
    BALANCE_SHEET: ["Balansräkning"],
    CASH_FLOW: ["Kassaflödesanalys", "Finansieringsanalys"],
}


LINE_ITEM_VOCABULARY: dict[str, Vocabulary[tuple[str, str]]] = {
    statement: Vocabulary(
        (label, (code, label)) for code, labels in codes.items() for label in labels
    )
    for statement, codes in LINE_ITEM_LABELS.items()
}

SECTION_VOCABULARY: Vocabulary[str] = Vocabulary(
    ((label, label) for label in BALANCE_SHEET_SECTIONS), min_score=88.0
)

STATEMENT_HEADING_VOCABULARY: Vocabulary[str] = Vocabulary(
    (heading, statement) for statement, headings in STATEMENT_HEADINGS.items() for heading in headings
)


def _word_list() -> list[str]:
    listed = (Path(__file__).with_name("swedish_words.txt")).read_text(encoding="utf-8").splitlines()
    words = [w.strip() for w in listed if w.strip() and not w.startswith("#")]
    for codes in LINE_ITEM_LABELS.values():
        for labels in codes.values():
            for label in labels:
                words.extend(w for w in label.replace("/", " ").replace(",", " ").split() if len(w) > 2)
    return words


# Word-by-word repair for labels no vocabulary phrase matches (note lines, `other` lines).
LABEL_WORD_REPAIR = WordRepair(_word_list())
