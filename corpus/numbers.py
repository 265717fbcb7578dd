"""How a report prints an amount: unit, thousands separator, negative style."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

UNIT_MULTIPLIER = {"kr": 1, "tkr": 1000, "mnkr": 1_000_000}
THOUSANDS = {"space": " ", "nbsp": "\u00a0", "none": ""}
NEGATIVE_STYLES = ("hyphen", "minus", "parens", "trailing")


@dataclass(frozen=True)
class NumberStyle:
    unit: str = "kr"
    thousands: str = "space"
    negative: str = "hyphen"
    decimals: int = 0  # printed decimals (mnkr prints one or two)

    def __post_init__(self) -> None:
        if self.unit not in UNIT_MULTIPLIER or self.thousands not in THOUSANDS or self.negative not in NEGATIVE_STYLES:
            raise ValueError(f"unknown number style {self}")

    def printed_value(self, amount_kr: int | Decimal) -> Decimal:
        """The figure as printed, in the printed unit (rounded half up)."""
        quantum = Decimal(1).scaleb(-self.decimals)
        return (Decimal(amount_kr) / UNIT_MULTIPLIER[self.unit]).quantize(quantum, rounding=ROUND_HALF_UP)

    def kronor(self, amount_kr: int | Decimal) -> Decimal:
        """What a reader of the printed figure holds, in kronor."""
        return self.printed_value(amount_kr) * UNIT_MULTIPLIER[self.unit]

    def format(self, amount_kr: int | Decimal) -> str:
        value = self.printed_value(amount_kr)
        digits = f"{abs(value):,.{self.decimals}f}".replace(",", "\x00").replace(".", ",")
        digits = digits.replace("\x00", THOUSANDS[self.thousands])
        if value >= 0:
            return digits
        return {
            "hyphen": f"-{digits}",
            "minus": f"\u2212{digits}",
            "parens": f"({digits})",
            "trailing": f"{digits}-",
        }[self.negative]
