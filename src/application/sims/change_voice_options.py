"""Switch voicemail, call waiting or international roaming on one of the caller's SIMs (Freebit PA05-06).

Refused with 422 VOICE_OPTIONS_NOT_AVAILABLE on plans without a voice line, and with 409 SIM_CHANGE_IN_PROGRESS
while another change runs on the line. Accepted changes show as pending in the SIM's details until Freebit has
applied them (minutes); the SIM's cache is cleared so the next read shows that.
"""

from __future__ import annotations

from typing import ClassVar

from application.errors import ConflictError, InvalidInputError, NotFoundError, Raises
from application.identity.linked_customer import LinkedCustomer
from application.outages import SIM_OUTAGES, SimServiceUnavailableError, reported_as
from application.ports.sim_line_changes import SimLineChanges
from application.ports.sim_models import VoiceOptionChange
from application.ports.sim_provisioner import SimProvisioner
from application.sims.errors import (
    NothingToChangeError,
    SimLineBusyError,
    SimNotInServiceError,
    VoiceOptionsNotAvailableError,
)
from application.sims.get_sim_details import GetSimDetails
from application.sims.line_change_gate import as_sim_refusal, changeable_account
from application.sims.sim_lines import SimLines
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

    def __init__(self, lines: SimLines, sims: SimProvisioner, changes: SimLineChanges, details: GetSimDetails) -> None:
        self._lines = lines
        self._sims = sims
        self._changes = changes
        self._details = details

    async def execute(self, customer: LinkedCustomer, sim_id: int, change: VoiceOptionChange) -> SimDetails:
        if change.empty:
            raise NothingToChangeError()
        line = await self._lines.line(customer, sim_id)
        account = await changeable_account(self._sims, line)
        if not voice_capable(line.service.name, account.sim_kind):
            raise VoiceOptionsNotAvailableError()
        if change.applied_to(account.voice_options) != account.voice_options:  # already so: nothing to send
            try:
                with reported_as(SimServiceUnavailableError):
                    await self._changes.change_voice_options(line.msisdn, change)
            except ConflictError as refused:
                raise as_sim_refusal(refused) from refused
            except InvalidInputError as refused:  # Freebit: not a voice SIM after all
                raise VoiceOptionsNotAvailableError() from refused
            finally:
                await self._lines.forget(customer, sim_id)
        return await self._details.execute(customer, sim_id)
