"""The caller's own service behind a subscription id, as cancellation needs it: the kind it is cancelled as.

Read through the subscription cache the subscriptions API fills (WHMCS webhooks clear it). Another customer's
service and an unknown id are the same 404.
"""

from __future__ import annotations

import re

from application.billing.cache_keys import BillingKeys
from application.billing.cached_reads import CachedReads
from application.cancellations.errors import CancellationNotOfferedError
from application.errors import NotFoundError
from application.identity.linked_customer import LinkedCustomer
from application.outages import BillingUnavailableError, reported_as
from application.ports.billing.services import BillingServices, Service
from application.sims.sim_lines import SIM_GROUP, msisdn_of
from domain.cancellation.cancellation import CancellationKind

SUBSCRIPTION_NOT_FOUND = "Subscription not found."
# The Internet line plans ("Home 1G Pro", "Apartment 1G Standard"…); installation instalments and add-ons billed in
# the same group end with the line, not on their own.
INTERNET_LINE_PLAN = re.compile(r"^(Apartment|Home) \d+G\b")


class CancellableServices:
    def __init__(self, services: BillingServices, reads: CachedReads) -> None:
        self._services = services
        self._reads = reads

    async def service(self, customer: LinkedCustomer, service_id: int) -> Service:
        if service_id <= 0:
            raise NotFoundError(SUBSCRIPTION_NOT_FOUND)
        keys = BillingKeys(customer.cache_scope)
        try:
            with reported_as(BillingUnavailableError):
                generation = await self._reads.generation(keys.subscription_generation)
                return await self._reads.read(
                    keys.subscription(generation, service_id),
                    Service,
                    lambda: self._services.get_service(customer.whmcs_client_id, service_id),
                    fence=keys.fence,
                )
        except NotFoundError as error:
            raise NotFoundError(SUBSCRIPTION_NOT_FOUND) from error


def kind_of(service: Service) -> CancellationKind:
    """A SIM line (a SIM service with its number) or an Internet line plan; anything else is not cancelled here."""
    if service.group_name == SIM_GROUP and msisdn_of(service) is not None:
        return CancellationKind.SIM
    if service.group_name == "Internet" and INTERNET_LINE_PLAN.match(service.name):
        return CancellationKind.INTERNET
    raise CancellationNotOfferedError()
