"""Which product (and monthly price) a service is billed as: a plan change in billing (WHMCS UpdateClientProduct).

Errors: `NotFoundError` (no such service), `InvalidInputError` (the product refused), `UpstreamUnavailableError`
(for this write: it may or may not have happened; read the service before sending it again).
"""

from __future__ import annotations

from decimal import Decimal
from typing import Protocol


class ServiceProducts(Protocol):
    async def change_product(self, service_id: int, product_id: int, recurring_amount: Decimal) -> None:
        """Bill the service as `product_id` at `recurring_amount` per cycle from now on; its custom fields (SIM
        number, serial, EID...) are carried over to the new product's fields of the same name."""
        ...
