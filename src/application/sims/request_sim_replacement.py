"""Ask for a new physical SIM card for one of the caller's lines (lost, stolen or broken): same number, new card.

Recorded once per Idempotency-Key; the worker (`run_sim_replacement`) allocates a card from our stock and opens the
Salesforce case staff ship it from. The line keeps working on the old card (if the customer still has it) until the
new one is activated. An eSIM is 422 PHYSICAL_SIM_REQUIRED (it moves with a reissue); while the replacement is open
the line takes no other change (409 SIM_CHANGE_IN_PROGRESS).
"""

from __future__ import annotations

import uuid
from typing import ClassVar

from application.errors import STORE_OUTAGE, InvalidInputError, NotFoundError, Raises
from application.identity.linked_customer import LinkedCustomer
from application.outages import SIM_OUTAGES
from application.ports.clock import Clock
from application.ports.replacement_records import ReplacementRecords
from application.sims.errors import SimLineBusyError, SimNotInServiceError
from application.sims.line_change_gate import LineChangeGate
from application.sims.replacement_view import ReplacementView, replacement_view
from domain.sims.replacement import SimReplacement


class PhysicalSimRequiredError(InvalidInputError):
    code = "PHYSICAL_SIM_REQUIRED"
    default_message = "Only a physical SIM card is replaced; an eSIM moves to a new device with a reissue."


class RequestSimReplacement:
    raises: ClassVar[Raises] = (
        NotFoundError,
        PhysicalSimRequiredError,
        SimLineBusyError,
        SimNotInServiceError,
        *SIM_OUTAGES,
        *STORE_OUTAGE,
    )

    def __init__(self, gate: LineChangeGate, records: ReplacementRecords, clock: Clock) -> None:
        self._gate = gate
        self._records = records
        self._clock = clock

    async def execute(self, customer: LinkedCustomer, sim_id: int, reason: str, key: str) -> ReplacementView:
        earlier = await self._records.by_key(str(customer.user_id), key)
        if earlier is not None:  # the same submission again (the HTTP layer refuses a key reused for another body)
            return replacement_view(earlier)
        opened = await self._gate.open(customer, sim_id)
        if opened.account.eid or not opened.account.product_number:
            raise PhysicalSimRequiredError()
        now = self._clock.now()
        replacement = await self._records.begin(
            SimReplacement(
                id=uuid.uuid4().hex,
                user_id=str(customer.user_id),
                account_id=customer.sf_account_id,
                client_id=customer.whmcs_client_id,
                sim_id=opened.line.service.id,
                msisdn=opened.line.msisdn,
                idempotency_key=key,
                reason=reason,
                old_product_number=opened.account.product_number,
                created_at=now,
                updated_at=now,
            )
        )
        if replacement is None:
            raise SimLineBusyError("A SIM replacement is already under way on this line.")
        return replacement_view(replacement)
