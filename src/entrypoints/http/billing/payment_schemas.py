from __future__ import annotations

from entrypoints.http.billing.invoice_schemas import View


class PaymentMethodView(View):
    """Masked as WHMCS shows it: card type, last four digits and expiry at most."""

    id: int
    type: str  # CreditCard, RemoteCreditCard, BankAccount, RemoteBankAccount
    description: str
    gateway: str
    card_type: str | None
    card_last_four: str | None
    expiry: str | None
    bank_name: str | None


class PaymentMethodsView(View):
    items: list[PaymentMethodView]


class PaymentGatewayView(View):
    module: str
    display_name: str


class PaymentGatewaysView(View):
    items: list[PaymentGatewayView]
