"""Single-use links that sign the customer into the billing system's own pages (paying, managing cards)."""

from __future__ import annotations

import datetime as dt
from typing import Protocol

import msgspec


class SsoLink(msgspec.Struct, frozen=True, kw_only=True):
    url: str  # single use; never cache or log it (it logs the customer in)
    expires_at: dt.datetime


class PaymentLinks(Protocol):
    async def create_invoice_sso_link(self, client_id: int, invoice_id: int) -> SsoLink:
        """A single-use link that signs the customer into WHMCS on that invoice's payment page.

        NotFoundError also when the invoice belongs to another client.
        """
        ...

    async def create_payment_methods_sso_link(self, client_id: int) -> SsoLink: ...
