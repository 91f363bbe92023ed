"""The billing use cases wired as the composition root wires them: the twin, an in-memory cache, a frozen clock."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field

from adapters.memory.billing_twin import InMemoryBilling
from adapters.memory.cache import InMemoryCache
from adapters.memory.clock import FrozenClock
from adapters.memory.identity_store import InMemoryIdentityStore, InMemoryUnitOfWork
from adapters.memory.webhook_receipts import InMemoryWebhookReceipts
from application.billing.apply_billing_change import ApplyBillingChange
from application.billing.cached_reads import CachedReads
from application.billing.create_invoice_pay_link import CreateInvoicePayLink
from application.billing.create_payment_methods_link import CreatePaymentMethodsLink
from application.billing.get_billing_profile import GetBillingProfile
from application.billing.get_invoice import GetInvoice
from application.billing.get_subscription import GetSubscription
from application.billing.invalidate_billing_caches import InvalidateBillingCaches
from application.billing.list_invoices import ListInvoices
from application.billing.list_payment_gateways import ListPaymentGateways
from application.billing.list_payment_methods import ListPaymentMethods
from application.billing.list_subscriptions import ListSubscriptions
from application.billing.update_billing_profile import UpdateBillingProfile
from application.identity.linked_customer import LinkedCustomer
from domain.identity.account_link import AccountLink
from domain.identity.salesforce_id import SalesforceId
from domain.identity.whmcs_client_id import WhmcsClientId
from sandbox.whmcs import WhmcsState
from sandbox.whmcs.seed import HANAKO, KENJI, seed_state
from sandbox.whmcs.snapshot import snapshot

HANAKO_CUSTOMER = LinkedCustomer(
    user_id=uuid.uuid4(), whmcs_client_id=HANAKO.client_id, sf_account_id="001MEM000000001YBA", sf_contact_id=None
)
KENJI_CUSTOMER = LinkedCustomer(
    user_id=uuid.uuid4(), whmcs_client_id=KENJI.client_id, sf_account_id="001MEM000000002YBA", sf_contact_id=None
)


def demo_billing(clock: FrozenClock) -> InMemoryBilling:
    state = WhmcsState(clock)
    seed_state(state)
    return InMemoryBilling.from_snapshot(snapshot(state), clock=clock)


@dataclass
class BillingWorld:
    clock: FrozenClock = field(default_factory=FrozenClock)

    def __post_init__(self) -> None:
        self.billing = demo_billing(self.clock)
        self.cache = InMemoryCache(self.clock)
        self.reads = CachedReads(self.cache, self.clock)
        self.receipts = InMemoryWebhookReceipts(self.clock)
        self.identity = InMemoryIdentityStore()

    async def link(self, customer: LinkedCustomer) -> None:
        """Store the portal link the webhook resolves a WHMCS client id through."""
        uow = InMemoryUnitOfWork(self.identity)
        await uow.links.add(
            AccountLink(
                user_id=customer.user_id,
                whmcs_client_id=WhmcsClientId(customer.whmcs_client_id),
                sf_account_id=SalesforceId.parse(customer.sf_account_id),
                sf_contact_id=None,
                created_at=self.clock.now(),
            )
        )
        await uow.commit()

    def calls(self, operation: str) -> int:
        return self.billing.world.calls.count(operation)

    # The use cases, built per call as a request scope would build them.
    def list_invoices(self) -> ListInvoices:
        return ListInvoices(self.billing.invoices, self.reads)

    def get_invoice(self) -> GetInvoice:
        return GetInvoice(self.billing.invoices, self.reads)

    def pay_link(self) -> CreateInvoicePayLink:
        return CreateInvoicePayLink(self.billing.payment_links)

    def manage_link(self) -> CreatePaymentMethodsLink:
        return CreatePaymentMethodsLink(self.billing.payment_links)

    def pay_methods(self) -> ListPaymentMethods:
        return ListPaymentMethods(self.billing.payment_methods, self.reads)

    def gateways(self) -> ListPaymentGateways:
        return ListPaymentGateways(self.billing.payment_methods, self.reads)

    def profile(self) -> GetBillingProfile:
        return GetBillingProfile(self.billing.clients, self.reads)

    def invalidate(self) -> InvalidateBillingCaches:
        return InvalidateBillingCaches(self.reads)

    def update_profile(self) -> UpdateBillingProfile:
        return UpdateBillingProfile(self.billing.clients, self.profile(), self.invalidate())

    def subscriptions(self) -> ListSubscriptions:
        return ListSubscriptions(self.billing.services, self.reads, self.profile())

    def subscription(self) -> GetSubscription:
        return GetSubscription(
            self.billing.services, self.reads, self.profile(), self.list_invoices(), self.get_invoice()
        )

    def apply_change(self) -> ApplyBillingChange:
        return ApplyBillingChange(self.receipts, InMemoryUnitOfWork(self.identity), self.invalidate())
