"""How customers pay: the cards and accounts on file, and the gateways the installation offers."""

from __future__ import annotations

from typing import Protocol

import msgspec


class PayMethod(msgspec.Struct, frozen=True, kw_only=True):
    """Masked: the last four digits at most; no card data ever leaves WHMCS."""

    id: int
    type: str  # CreditCard, RemoteCreditCard, BankAccount, RemoteBankAccount
    description: str
    gateway: str
    card_type: str | None = None
    card_last_four: str | None = None
    expiry: str | None = None  # MM/YY as WHMCS shows it
    bank_name: str | None = None


class PaymentGateway(msgspec.Struct, frozen=True, kw_only=True):
    module: str
    display_name: str


class PaymentMethods(Protocol):
    async def list_pay_methods(self, client_id: int) -> tuple[PayMethod, ...]: ...

    async def list_payment_gateways(self) -> tuple[PaymentGateway, ...]: ...
