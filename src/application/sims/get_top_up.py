"""One top-up of one of the caller's SIMs, as it stands (another customer's is the same 404 as none)."""

from __future__ import annotations

from typing import ClassVar

from application.errors import STORE_OUTAGE, NotFoundError, Raises
from application.identity.linked_customer import LinkedCustomer
from application.ports.top_up_records import TopUpRecords
from application.sims.top_up_view import TopUpView, top_up_view

TOP_UP_NOT_FOUND = "Top-up not found."


class GetTopUp:
    raises: ClassVar[Raises] = (NotFoundError, *STORE_OUTAGE)

    def __init__(self, records: TopUpRecords) -> None:
        self._records = records

    async def execute(self, customer: LinkedCustomer, sim_id: int, top_up_id: str) -> TopUpView:
        top_up = await self._records.get(top_up_id) if len(top_up_id) == 32 and top_up_id.isalnum() else None
        if top_up is None or top_up.account_id != customer.sf_account_id or top_up.sim_id != sim_id:
            raise NotFoundError(TOP_UP_NOT_FOUND)
        return top_up_view(top_up)
