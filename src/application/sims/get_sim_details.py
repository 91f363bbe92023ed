"""One of the caller's SIMs: number, plan, state, form, voice options and network type (WHMCS + Freebit)."""

from __future__ import annotations

from typing import ClassVar

from application.errors import NotFoundError, Raises
from application.identity.linked_customer import LinkedCustomer
from application.outages import SIM_OUTAGES
from application.sims.sim_lines import SimLines
from application.sims.views import SimDetails
from domain.sims.plans import voice_capable


class GetSimDetails:
    raises: ClassVar[Raises] = (NotFoundError, *SIM_OUTAGES)

    def __init__(self, lines: SimLines) -> None:
        self._lines = lines

    async def execute(self, customer: LinkedCustomer, sim_id: int) -> SimDetails:
        line = await self._lines.line(customer, sim_id)
        snapshot = await self._lines.detail(customer, line)
        account = snapshot.account
        return SimDetails(
            sim_id=line.service.id,
            msisdn=line.msisdn,
            product_name=line.service.name,
            plan_code=account.plan_code,
            billing_status=line.service.status,
            line_state=account.state.value,
            form="esim" if account.eid else "physical",
            voice_capable=voice_capable(line.service.name, account.sim_kind),
            voice_options=account.voice_options,
            network_type=account.contract_line.value,
            pending=account.pending,
            started_on=account.started_on,
            as_of=snapshot.read_at,
        )
