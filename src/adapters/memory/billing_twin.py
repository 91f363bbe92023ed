"""Every billing role in memory, for unit tests without WHMCS: same rules, same errors, no wire.

billing = InMemoryBilling.from_snapshot(snapshot, clock=clock)  # the emulator's `/_sandbox/state` document
ListInvoices(billing.invoices, reads)
billing.world.fail_next("list_invoices", UpstreamUnavailableError("WHMCS"))

The roles share one `BillingTwinWorld` (tables, clock, faults). A new role: a class over the world, one attribute.
"""

from __future__ import annotations

from typing import Any
from zoneinfo import ZoneInfo

from adapters.memory.billing_cancel_requests import TwinCancelRequests
from adapters.memory.billing_charges import TwinCredits, TwinInvoiceCharges
from adapters.memory.billing_clients import TwinClients
from adapters.memory.billing_invoices import TwinInvoices
from adapters.memory.billing_logins import TwinLogins
from adapters.memory.billing_orders import TwinOrders
from adapters.memory.billing_payments import TwinPaymentLinks, TwinPaymentMethods
from adapters.memory.billing_services import TwinProducts, TwinServices
from adapters.memory.billing_snapshot import load_snapshot
from adapters.memory.billing_world import BillingTwinWorld
from adapters.system_clock import SystemClock
from application.ports.billing.cancel_requests import BillingCancelRequests
from application.ports.billing.charges import InvoiceCharges
from application.ports.billing.clients import BillingClients
from application.ports.billing.credits import AccountCredits
from application.ports.billing.invoices import BillingInvoices
from application.ports.billing.logins import BillingLogins
from application.ports.billing.orders import BillingOrders
from application.ports.billing.payment_links import PaymentLinks
from application.ports.billing.payment_methods import PaymentMethods
from application.ports.billing.products import BillingProducts
from application.ports.billing.service_products import ServiceProducts
from application.ports.billing.services import BillingServices, ServiceFields
from application.ports.clock import Clock


class InMemoryBilling:
    """Each attribute typed by its port, so the type checker proves the twin implements every role."""

    def __init__(self, world: BillingTwinWorld) -> None:
        self.world = world
        self.clients: BillingClients = TwinClients(world)
        self.logins: BillingLogins = TwinLogins(world)
        self.invoices: BillingInvoices = TwinInvoices(world)
        self.payment_links: PaymentLinks = TwinPaymentLinks(world)
        self.payment_methods: PaymentMethods = TwinPaymentMethods(world)
        services = TwinServices(world)
        self.services: BillingServices = services
        self.service_fields: ServiceFields = services
        self.service_products: ServiceProducts = services
        self.products: BillingProducts = TwinProducts(world)
        self.orders: BillingOrders = TwinOrders(world)
        self.charges: InvoiceCharges = TwinInvoiceCharges(world)
        self.credits: AccountCredits = TwinCredits(world)
        self.cancel_requests: BillingCancelRequests = TwinCancelRequests(world)

    @classmethod
    def empty(cls, *, clock: Clock | None = None, timezone: str = "Asia/Tokyo") -> InMemoryBilling:
        return cls(BillingTwinWorld(zone=ZoneInfo(timezone), clock=clock or SystemClock()))

    @classmethod
    def from_snapshot(cls, snapshot: dict[str, Any], *, clock: Clock | None = None) -> InMemoryBilling:
        world = BillingTwinWorld(zone=ZoneInfo(snapshot.get("timezone", "Asia/Tokyo")), clock=clock or SystemClock())
        load_snapshot(snapshot, world)
        return cls(world)
