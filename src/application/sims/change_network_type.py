"""Switch one of the caller's SIMs between 4G and 5G where its plan allows (Freebit PA05-38).

Freebit takes about 30 minutes and locks the line meanwhile: the switch shows as pending, and any other change in
that time is refused with 409 SIM_CHANGE_IN_PROGRESS.
"""

from __future__ import annotations

from typing import ClassVar

from application.errors import NotFoundError, Raises
from application.identity.linked_customer import LinkedCustomer
from application.outages import SIM_OUTAGES
from application.ports.sim_line_changes import SimLineChanges
from application.ports.sim_models import ContractLine
from application.sims.errors import NetworkTypeNotAvailableError, SimLineBusyError, SimNotInServiceError
from application.sims.get_sim_details import GetSimDetails
from application.sims.line_change_gate import LineChangeGate
from application.sims.views import SimDetails
from domain.sims.plans import network_types


class ChangeNetworkType:
    raises: ClassVar[Raises] = (
        NotFoundError,
        NetworkTypeNotAvailableError,
        SimLineBusyError,
        SimNotInServiceError,
        *SIM_OUTAGES,
    )

    def __init__(self, gate: LineChangeGate, changes: SimLineChanges, details: GetSimDetails) -> None:
        self._gate = gate
        self._changes = changes
        self._details = details

    async def execute(self, customer: LinkedCustomer, sim_id: int, network: ContractLine) -> SimDetails:
        opened = await self._gate.open(customer, sim_id)
        account = opened.account
        if network.value not in network_types(account.plan_code):
            raise NetworkTypeNotAvailableError(f"The {account.plan_code} plan runs on 4G only.")
        if account.contract_line is not network:
            async with self._gate.sending(customer, sim_id):
                await self._changes.change_network_type(opened.line.msisdn, network)
        return await self._details.execute(customer, sim_id)
