"""The billing system of record (WHMCS): customers' billing identity, invoices, payments, services and orders.

Errors (from `application.errors`): NotFoundError (no such record, or it belongs to another client: the two
look the same), InvalidInputError (the billing system refused the values; its message kept), ConflictError
(the email is already taken; the order or invoice is no longer in a state that allows it),
UpstreamConfigurationError (our credentials or allow-list are wrong: never retried), UpstreamUnavailableError
(down, slow or garbled: retryable).

Creating writes (`add_client`, `add_order`) are never blindly repeated: when the outcome of the call is
unknown, implementations look the record up and return it if it was created.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Protocol

from application.ports.billing_models import (
    BillingOrder,
    CatalogProduct,
    ClientProfile,
    ClientUpdate,
    Invoice,
    InvoicePage,
    InvoiceStatus,
    NewClient,
    NewInvoice,
    NewOrder,
    PaymentGateway,
    PayMethod,
    PlacedOrder,
    Service,
    SsoLink,
    ValidatedLogin,
)


class BillingSystem(Protocol):
    # --- identity -----------------------------------------------------------------------------------------
    async def find_client_by_email(self, email: str) -> ClientProfile | None: ...

    async def add_client(self, client: NewClient) -> int:
        """The new client's id.

        Idempotent on (email, customer number): a client already holding both is returned, not duplicated.
        ConflictError when the email belongs to a client with another (or no) customer number.
        """
        ...

    async def get_client(self, client_id: int) -> ClientProfile: ...

    async def update_client(self, client_id: int, update: ClientUpdate) -> None: ...

    async def validate_login(self, email: str, password: str) -> ValidatedLogin | None:
        """The client these credentials open, or None when they are wrong (never says which part was)."""
        ...

    # --- billing ------------------------------------------------------------------------------------------
    async def list_invoices(
        self, client_id: int, *, status: InvoiceStatus | None = None, offset: int = 0, limit: int = 25
    ) -> InvoicePage:
        """Newest first (by id, so paging is stable); `Overdue` means unpaid and past due."""
        ...

    async def get_invoice(self, client_id: int, invoice_id: int) -> Invoice:
        """NotFoundError also when the invoice belongs to another client."""
        ...

    async def create_invoice_sso_link(self, client_id: int, invoice_id: int) -> SsoLink:
        """A single-use link that signs the customer into WHMCS on that invoice's payment page."""
        ...

    async def create_payment_methods_sso_link(self, client_id: int) -> SsoLink: ...

    async def list_pay_methods(self, client_id: int) -> tuple[PayMethod, ...]: ...

    async def list_payment_gateways(self) -> tuple[PaymentGateway, ...]: ...

    async def list_services(self, client_id: int) -> tuple[Service, ...]:
        """Every service of the client, oldest first."""
        ...

    async def get_service(self, client_id: int, service_id: int) -> Service:
        """NotFoundError also when the service belongs to another client."""
        ...

    async def list_products(self, product_ids: tuple[int, ...] | None = None) -> tuple[CatalogProduct, ...]: ...

    # --- orders -------------------------------------------------------------------------------------------
    async def add_order(self, order: NewOrder) -> PlacedOrder:
        """Creates the order (and its invoice unless `no_invoice`); services stay Pending until accepted."""
        ...

    async def accept_order(self, order_id: int) -> None:
        """ConflictError when the order is no longer Pending (e.g. already accepted)."""
        ...

    async def get_order(self, order_id: int) -> BillingOrder: ...

    async def list_orders(self, client_id: int, *, limit: int = 25) -> tuple[BillingOrder, ...]:
        """The client's most recent orders first, for reconciliation."""
        ...

    async def update_service_custom_fields(self, service_id: int, values: Mapping[int, str]) -> None:
        """Custom field id -> value (ids from `Service.custom_fields`); other fields are left as they are."""
        ...

    async def create_invoice(self, invoice: NewInvoice) -> int:
        """The new invoice's id (status Unpaid)."""
        ...

    async def capture_payment(self, invoice_id: int) -> None:
        """Charges the client's card on file for an unpaid invoice.

        InvalidInputError when the charge fails (no card, declined); ConflictError when the invoice is not Unpaid.
        """
        ...
