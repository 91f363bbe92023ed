"""After the services exist (§5.3): the order's Opportunity learns the WHMCS service it became (`WHMCS_Service_ID__c`
and `WH_Registeration__c`, the service's registration date), then the WHMCS service learns its Opportunity (custom
field "OpportunityId"). The service is the plan's (the order item whose product is the service, not a fee or an
add-on).

Each step reads before it writes and marks itself attempted before writing: a resume after a crash or a lost answer,
and a duplicate event, find the values there and write nothing. An Opportunity of another account is never
written to (an agent may have pointed the order at the wrong one): the saga stops with `OPPORTUNITY_FOREIGN` for
staff to fix, and resumes here on their re-trigger. An order without an Opportunity (one staff created without
one) has nothing to write.
"""

from __future__ import annotations

from collections.abc import Callable, Coroutine
from typing import Any

from application.errors import InvalidInputError, NotFoundError
from application.opportunities.reserve_opportunity import same_account
from application.orders.fulfilment.outcome import StepFailedError
from application.ports.billing.services import BillingServices, Service, ServiceFields
from application.ports.catalog_source import CatalogSource
from application.ports.order_desk import Order
from application.ports.order_opportunities import OpportunityRecord, OrderOpportunities
from domain.orders.fulfilment import Fulfilment
from domain.orders.fulfilment_errors import FulfilmentErrorCode as Code

OPPORTUNITY_FIELD = "OpportunityId"  # the WHMCS service custom field that points back at the Opportunity
Save = Callable[[], Coroutine[Any, Any, None]]


class OpportunitySteps:
    def __init__(
        self,
        opportunities: OrderOpportunities,
        services: BillingServices,
        fields: ServiceFields,
        catalog: CatalogSource,
    ) -> None:
        self._opportunities = opportunities
        self._services = services
        self._fields = fields
        self._catalog = catalog

    async def write_opportunity(self, order: Order, record: Fulfilment, client_id: int, save: Save) -> None:
        if order.opportunity_id is None:
            return
        current = await self._own_opportunity(order, order.opportunity_id)
        service = await self._plan_service(order, record, client_id)
        if service is None:
            return
        wanted = (str(service.id), service.registration_date.isoformat() if service.registration_date else "")
        if (current.whmcs_service_id, current.registration or "") == wanted:
            return  # written already: an answer lost, a crash before the step was recorded, a duplicate event
        if current.whmcs_service_id and current.whmcs_service_id != wanted[0]:
            raise StepFailedError(
                Code.OPPORTUNITY_REJECTED,
                f"Opportunity {current.id} already records WHMCS service {current.whmcs_service_id}.",
            )
        record.opportunity_attempted = True
        await save()  # the recovery point before the write: a resume reads first
        try:
            await self._opportunities.record_service(current.id, *wanted)
        except (InvalidInputError, NotFoundError) as refused:
            raise StepFailedError(Code.OPPORTUNITY_REJECTED, refused.message) from refused

    async def link_service(self, order: Order, record: Fulfilment, client_id: int, save: Save) -> None:
        if order.opportunity_id is None:
            return
        opportunity = await self._own_opportunity(order, order.opportunity_id)
        service = await self._plan_service(order, record, client_id)
        if service is None:
            return
        field = next((f for f in service.custom_fields if f.name == OPPORTUNITY_FIELD), None)
        if field is None:
            raise StepFailedError(
                Code.SERVICE_LINK_REJECTED, f"WHMCS product {service.product_id} has no {OPPORTUNITY_FIELD} field."
            )
        if field.value == opportunity.id:
            return  # linked already
        record.service_link_attempted = True
        await save()
        try:
            await self._fields.update_service_custom_fields(service.id, {field.id: opportunity.id})
        except (InvalidInputError, NotFoundError) as refused:
            raise StepFailedError(Code.SERVICE_LINK_REJECTED, refused.message) from refused

    async def _own_opportunity(self, order: Order, opportunity_id: str) -> OpportunityRecord:
        try:
            current = await self._opportunities.get(opportunity_id)
        except NotFoundError:
            raise StepFailedError(Code.OPPORTUNITY_REJECTED, f"Opportunity {opportunity_id} does not exist.") from None
        if not same_account(current.account_id, order.account_id):
            raise StepFailedError(
                Code.OPPORTUNITY_FOREIGN, f"Opportunity {current.id} belongs to another account; nothing was written."
            )
        return current

    async def _plan_service(self, order: Order, record: Fulfilment, client_id: int) -> Service | None:
        skus = [item.sku for item in order.items if item.sku]
        plans = {e.sku for e in await self._catalog.find_entries(skus) if e.item_class == "Service"}
        billed = [item for item in order.items if record.item_services.get(item.id)]
        # The plan's item; an order whose plan left the catalog since falls back to its first billed item.
        item = next((i for i in billed if i.sku in plans), billed[0] if billed else None)
        if item is None:
            return None
        return await self._services.get_service(client_id, record.item_services[item.id][0])
