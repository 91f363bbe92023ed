"""Money given back to a customer as credit on their billing account (WHMCS AddCredit / GetCredits).

WHMCS's API cannot refund through the payment gateway (only its admin area can); a credit is money the customer
holds with us, applied to their next invoices, and staff can pay it out to the card from the admin area.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Protocol


class AccountCredits(Protocol):
    async def add_credit(self, client_id: int, amount: Decimal, description: str) -> None:
        """Not idempotent upstream: put a unique reference in `description` and look for it before any retry."""
        ...

    async def credit_exists(self, client_id: int, reference: str) -> bool:
        """Whether a credit whose description contains `reference` was added."""
        ...
