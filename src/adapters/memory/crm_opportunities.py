"""In-memory twin of `OrderOpportunities`: Opportunities on the CRM twin, the orders pointing at them found among
its orders (as the `Orders` child relationship does)."""

from __future__ import annotations

from adapters.memory.crm_data import InMemoryCrmData, StoredOpportunity, to_18
from application.errors import NotFoundError
from application.ports.order_opportunities import OPEN_STAGES, OpportunityProduct, OpportunityRecord


class InMemoryOrderOpportunities:
    def __init__(self, data: InMemoryCrmData) -> None:
        self._data = data

    async def open_for(self, account_id: str, product: OpportunityProduct) -> tuple[OpportunityRecord, ...]:
        data = self._data
        data.check_failure()
        account = to_18(account_id)
        found = [
            self._record(oid, o)
            for oid, o in data.opportunities.items()
            if o.account_id == account and o.product == product and o.stage in OPEN_STAGES and not o.whmcs_service_id
        ]
        return tuple(reversed(found))  # newest first

    async def get(self, opportunity_id: str) -> OpportunityRecord:
        self._data.check_failure()
        return self._record(opportunity_id, self._stored(opportunity_id))

    async def create(self, account_id: str, product: OpportunityProduct, stage: str) -> str:
        data = self._data
        data.check_failure()
        account = data.account(account_id)
        opportunity_id = data.new_id("006")
        data.opportunities[opportunity_id] = StoredOpportunity(account.id, stage, product)
        return opportunity_id

    async def move_to(self, opportunity_id: str, stage: str) -> None:
        self._data.check_failure()
        self._stored(opportunity_id).stage = stage

    async def record_service(self, opportunity_id: str, whmcs_service_id: str, registration: str) -> None:
        self._data.check_failure()
        stored = self._stored(opportunity_id)
        stored.whmcs_service_id, stored.registration = whmcs_service_id, registration
        self._data.opportunity_writes.append(opportunity_id)

    def _stored(self, opportunity_id: str) -> StoredOpportunity:
        try:
            return self._data.opportunities[to_18(opportunity_id)]
        except (KeyError, ValueError):
            raise NotFoundError("Opportunity not found.") from None

    def _record(self, opportunity_id: str, stored: StoredOpportunity) -> OpportunityRecord:
        keys = tuple(o.key for o in self._data.orders.values() if o.order.opportunity_id == opportunity_id)
        return OpportunityRecord(
            id=opportunity_id,
            account_id=stored.account_id,
            stage=stored.stage,
            product=stored.product,
            whmcs_service_id=stored.whmcs_service_id,
            registration=stored.registration,
            order_keys=keys,
        )
