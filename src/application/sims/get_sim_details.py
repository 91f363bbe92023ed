"""One of the caller's SIMs: number, plan, state, form, voice options and network type (WHMCS + Freebit)."""

from __future__ import annotations

from typing import ClassVar

from application.errors import STORE_OUTAGE, NotFoundError, Raises
from application.identity.linked_customer import LinkedCustomer
from application.outages import SIM_OUTAGES
from application.ports.clock import Clock
from application.ports.plan_change_records import PlanChangeRecords
from application.ports.replacement_records import ReplacementRecords
from application.sims.plan_change_view import plan_change_view
from application.sims.replacement_view import replacement_view
from application.sims.sim_lines import SimLines
from application.sims.views import SimDetails
from domain.sims.plans import voice_capable


class GetSimDetails:
    raises: ClassVar[Raises] = (NotFoundError, *SIM_OUTAGES, *STORE_OUTAGE)

    def __init__(
        self, lines: SimLines, plan_changes: PlanChangeRecords, replacements: ReplacementRecords, clock: Clock
    ) -> None:
        self._lines = lines
        self._plan_changes = plan_changes
        self._replacements = replacements
        self._clock = clock

    async def execute(self, customer: LinkedCustomer, sim_id: int) -> SimDetails:
        line = await self._lines.line(customer, sim_id)
        snapshot = await self._lines.detail(customer, line)
        account = snapshot.account
        plan_change = await self._plan_changes.open_for_sim(line.service.id)
        replacement = await self._replacements.open_for_sim(line.service.id)
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
            plan_change=plan_change_view(plan_change, self._clock.now()) if plan_change else None,
            replacement=replacement_view(replacement) if replacement else None,
            started_on=account.started_on,
            as_of=snapshot.read_at,
        )
