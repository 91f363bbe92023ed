"""Moving a line to another physical card (Freebit; no public source names the call: configurable path).

Asynchronous: returning means Freebit accepted it; the old card keeps working until the new one is active, and the
line shows the swap as pending until then. Errors as `SimProvisioner`'s (`SimLineBusyError` while another change
runs). A lost answer is reconciled from the account (its card, or the swap pending on it) before anything is sent
again.
"""

from __future__ import annotations

from typing import Protocol

from application.ports.sim_models import AcceptedOperation


class SimCardSwaps(Protocol):
    async def swap_card(self, msisdn: str, old_product_number: str, new_product_number: str) -> AcceptedOperation:
        """Move the line from the card `old_product_number` to `new_product_number` (from our stock)."""
        ...
