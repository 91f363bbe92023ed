"""Switch voicemail, call waiting or international roaming on one of the caller's SIMs (Freebit PA05-06).

Refused with 422 VOICE_OPTIONS_NOT_AVAILABLE on plans without a voice line, and with 409 SIM_CHANGE_IN_PROGRESS
while another change runs on the line. Accepted changes show as pending in the SIM's details until Freebit has
applied them (minutes); the SIM's cache is cleared so the next read shows that.
"""

from __future__ import annotations

from typing import ClassVar

from application.errors import InvalidInputError, NotFoundError, Raises
from application.identity.linked_customer import LinkedCustomer
from application.outages import SIM_OUTAGES
from application.ports.sim_line_changes import SimLineChanges
from application.ports.sim_models import VoiceOptionChange
from application.sims.errors import (
    NothingToChangeError,
    SimLineBusyError,
    SimNotInServiceError,
    VoiceOptionsNotAvailableError,
)
from application.sims.get_sim_details import GetSimDetails
from application.sims.line_change_gate import LineChangeGate
from application.sims.views import SimDetails
from domain.sims.plans import voice_capable


class ChangeVoiceOptions:
    raises: ClassVar[Raises] = (
        NotFoundError,
        NothingToChangeError,
        VoiceOptionsNotAvailableError,
        SimLineBusyError,
        SimNotInServiceError,
        *SIM_OUTAGES,
    )

    def __init__(self, gate: LineChangeGate, changes: SimLineChanges, details: GetSimDetails) -> None:
        self._gate = gate
        self._changes = changes
        self._details = details

    async def execute(self, customer: LinkedCustomer, sim_id: int, change: VoiceOptionChange) -> SimDetails:
        if change.empty:
            raise NothingToChangeError()
        opened = await self._gate.open(customer, sim_id)
        account = opened.account
        if not voice_capable(opened.line.service.name, account.sim_kind):
            raise VoiceOptionsNotAvailableError()
        if change.applied_to(account.voice_options) != account.voice_options:  # already so: nothing to send
            try:
                async with self._gate.sending(customer, sim_id):
                    await self._changes.change_voice_options(opened.line.msisdn, change)
            except InvalidInputError as refused:  # Freebit: not a voice SIM after all
                raise VoiceOptionsNotAvailableError() from refused
        return await self._details.execute(customer, sim_id)
