"""Move the caller's eSIM to a new device: its profile reissued to the new EID (Freebit PA05-41, addKind "R").

The old profile keeps working until Freebit has activated the new one (the change shows as pending until then), so
the customer is never without service. Refused with 422 ESIM_REQUIRED for a physical SIM (a card is replaced
through support), 422 NEW_EID_INVALID for an EID that is not 32 digits, and 409 SIM_CHANGE_IN_PROGRESS while another
change runs on the line. A lost answer is reconciled from the line, so a reissue is never sent twice. The new EID
reaches the WHMCS service's EID field through the worker (`record_reissued_eid`), queued before the reissue is sent:
a queue that cannot be reached is 503 with nothing sent.
"""

from __future__ import annotations

from typing import ClassVar

from application.errors import InvalidInputError, NotFoundError, Raises
from application.identity.linked_customer import LinkedCustomer
from application.outages import SIM_OUTAGES, SimServiceUnavailableError, reported_as
from application.ports.eid_records import EidRecords
from application.ports.sim_line_changes import SimLineChanges
from application.sims.errors import EsimRequiredError, SimLineBusyError, SimNotInServiceError
from application.sims.get_sim_details import GetSimDetails
from application.sims.line_change_gate import LineChangeGate
from application.sims.views import SimDetails
from domain.sims.eid import NewEidInvalidError, parse_eid


class ReissueEsim:
    raises: ClassVar[Raises] = (
        NewEidInvalidError,
        NotFoundError,
        EsimRequiredError,
        SimLineBusyError,
        SimNotInServiceError,
        *SIM_OUTAGES,
    )

    def __init__(self, gate: LineChangeGate, changes: SimLineChanges, details: GetSimDetails, eids: EidRecords) -> None:
        self._gate = gate
        self._changes = changes
        self._details = details
        self._eids = eids

    async def execute(self, customer: LinkedCustomer, sim_id: int, new_eid: str) -> SimDetails:
        eid = parse_eid(new_eid)
        opened = await self._gate.open(customer, sim_id)
        account = opened.account
        if not account.eid:
            raise EsimRequiredError()
        if account.eid != eid:  # the same device again: its profile is already there
            service = opened.line.service
            with reported_as(SimServiceUnavailableError):
                await self._eids.record_later(
                    client_id=service.client_id, service_id=service.id, msisdn=opened.line.msisdn
                )
            try:
                async with self._gate.sending(customer, sim_id):
                    await self._changes.reissue_esim(opened.line.msisdn, eid)
            except InvalidInputError as refused:  # Freebit: not an eSIM line after all, or the EID refused
                raise EsimRequiredError(refused.message) from refused
        return await self._details.execute(customer, sim_id)
