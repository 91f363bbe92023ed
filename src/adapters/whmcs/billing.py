"""Every billing role over WHMCS, built from one httpx client: the composition root's entry.

whmcs = WhmcsBilling(client, config, clock=clock)
page = await whmcs.invoices.list_invoices(client_id)

The roles share one `WhmcsApi` (transport, guard, clock). A new role: a class over `WhmcsApi`, one attribute here.
"""

from __future__ import annotations

import httpx

from adapters.resilience import UpstreamGuard
from adapters.whmcs.api import WhmcsApi
from adapters.whmcs.charges import WhmcsInvoiceCharges
from adapters.whmcs.clients import WhmcsClients
from adapters.whmcs.config import WhmcsConfig
from adapters.whmcs.invoices import WhmcsInvoices
from adapters.whmcs.logins import WhmcsLogins
from adapters.whmcs.orders import WhmcsOrders
from adapters.whmcs.payment_links import WhmcsPaymentLinks
from adapters.whmcs.payment_methods import WhmcsPaymentMethods
from adapters.whmcs.products import WhmcsProducts
from adapters.whmcs.services import WhmcsServices
from application.ports.billing.charges import InvoiceCharges
from application.ports.billing.clients import BillingClients
from application.ports.billing.invoices import BillingInvoices
from application.ports.billing.logins import BillingLogins
from application.ports.billing.orders import BillingOrders
from application.ports.billing.payment_links import PaymentLinks
from application.ports.billing.payment_methods import PaymentMethods
from application.ports.billing.products import BillingProducts
from application.ports.billing.services import BillingServices, ServiceFields
from application.ports.clock import Clock


class WhmcsBilling:
    """Each attribute typed by its port, so the type checker proves the adapter implements every role."""

    def __init__(
        self,
        client: httpx.AsyncClient,
        config: WhmcsConfig,
        *,
        guard: UpstreamGuard | None = None,
        clock: Clock | None = None,
    ) -> None:
        api = WhmcsApi(client, config, guard=guard, clock=clock)
        self.clients: BillingClients = WhmcsClients(api)
        self.logins: BillingLogins = WhmcsLogins(api)
        self.invoices: BillingInvoices = WhmcsInvoices(api)
        self.payment_links: PaymentLinks = WhmcsPaymentLinks(api)
        self.payment_methods: PaymentMethods = WhmcsPaymentMethods(api)
        services = WhmcsServices(api)
        self.services: BillingServices = services
        self.service_fields: ServiceFields = services
        self.products: BillingProducts = WhmcsProducts(api)
        self.orders: BillingOrders = WhmcsOrders(api)
        self.charges: InvoiceCharges = WhmcsInvoiceCharges(api)
