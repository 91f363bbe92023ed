"""Every billing role over WHMCS, built over one `WhmcsApi`: the composition root's entry.

whmcs = WhmcsBilling(WhmcsApi(client, config, clock=clock))
page = await whmcs.invoices.list_invoices(client_id)

The roles share the one `WhmcsApi` (transport, guard, clock). A new role: a class over it, one attribute here.
"""

from __future__ import annotations

from adapters.whmcs.api import WhmcsApi
from adapters.whmcs.cancel_requests import WhmcsCancelRequests
from adapters.whmcs.charges import WhmcsCredits, WhmcsInvoiceCharges
from adapters.whmcs.clients import WhmcsClients
from adapters.whmcs.invoices import WhmcsInvoices
from adapters.whmcs.logins import WhmcsLogins
from adapters.whmcs.orders import WhmcsOrders
from adapters.whmcs.payment_links import WhmcsPaymentLinks
from adapters.whmcs.payment_methods import WhmcsPaymentMethods
from adapters.whmcs.products import WhmcsProducts
from adapters.whmcs.services import WhmcsServices
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


class WhmcsBilling:
    """Each attribute typed by its port, so the type checker proves the adapter implements every role."""

    def __init__(self, api: WhmcsApi) -> None:
        self.clients: BillingClients = WhmcsClients(api)
        self.logins: BillingLogins = WhmcsLogins(api)
        self.invoices: BillingInvoices = WhmcsInvoices(api)
        self.payment_links: PaymentLinks = WhmcsPaymentLinks(api)
        self.payment_methods: PaymentMethods = WhmcsPaymentMethods(api)
        services = WhmcsServices(api)
        self.services: BillingServices = services
        self.service_fields: ServiceFields = services
        self.service_products: ServiceProducts = services
        self.products: BillingProducts = WhmcsProducts(api)
        self.orders: BillingOrders = WhmcsOrders(api)
        self.charges: InvoiceCharges = WhmcsInvoiceCharges(api)
        self.credits: AccountCredits = WhmcsCredits(api)
        self.cancel_requests: BillingCancelRequests = WhmcsCancelRequests(api)
