"""Voice option changes (PA05-06) and the 4G/5G switch (PA05-38), the same in both worlds: asynchronous, only the
named options change, the switch locks the line for its 30 minutes, and a lost answer is reconciled, not resent."""

from __future__ import annotations

from typing import cast

import pytest

from application.errors import InvalidInputError
from application.ports.sim_line_changes import SimLineChanges
from application.ports.sim_models import ContractLine, SimOperation, VoiceOptionChange, VoiceOptions
from application.sims.errors import SimLineBusyError
from sandbox.faults import Fault, FaultKind
from sandbox.freebit import seed
from tests.contract.freebit.requests import ESIM_NUMBER, esim
from tests.contract.freebit.worlds import COMPLETION_DELAY, HANG_MS, EmulatorWorld, World

HANAKO = seed.HANAKO_MSISDN
LINE_CHANGE = 1800.0


def changes(world: World) -> SimLineChanges:
    return cast(SimLineChanges, world.provisioner)


async def test_a_voice_option_change_touches_only_the_options_it_names(world: World) -> None:
    accepted = await changes(world).change_voice_options(HANAKO, VoiceOptionChange(international_roaming=True))
    assert accepted.operation is SimOperation.VOICE_OPTIONS
    assert [p.operation for p in (await world.provisioner.get_account(HANAKO)).pending] == [SimOperation.VOICE_OPTIONS]

    world.clock.advance(COMPLETION_DELAY)
    account = await world.provisioner.get_account(HANAKO)
    assert account.voice_options == VoiceOptions(voice_mail=True, call_waiting=True, international_roaming=True)


async def test_an_empty_voice_option_change_is_refused(world: World) -> None:
    with pytest.raises(InvalidInputError, match="400-409"):
        await changes(world).change_voice_options(HANAKO, VoiceOptionChange())


async def test_the_network_switch_locks_the_line_until_it_is_done(world: World) -> None:
    await changes(world).change_network_type(HANAKO, ContractLine.FIVE_G)
    assert [p.operation for p in (await world.provisioner.get_account(HANAKO)).pending] == [SimOperation.NETWORK_TYPE]
    world.clock.advance(COMPLETION_DELAY)  # other orders would be done by now; this one still locks the line
    with pytest.raises(SimLineBusyError, match="500-502"):
        await changes(world).change_voice_options(HANAKO, VoiceOptionChange(voice_mail=False))

    world.clock.advance(LINE_CHANGE - COMPLETION_DELAY)
    account = await world.provisioner.get_account(HANAKO)
    assert (account.contract_line, account.pending) == (ContractLine.FIVE_G, ())


async def test_a_lost_answer_to_a_change_is_found_on_the_line(world: World) -> None:
    if isinstance(world, EmulatorWorld):  # the change has its own path (EMULATOR_PATHS maps PA05-05's)
        fault = Fault(operation="mvno/talkoption/changeOrder", kind=FaultKind.APPLY_THEN_TIMEOUT, delay_ms=HANG_MS)
        world.state.faults.arm(fault)
    else:
        world.inject(SimOperation.VOICE_OPTIONS, FaultKind.APPLY_THEN_TIMEOUT)

    accepted = await changes(world).change_voice_options(HANAKO, VoiceOptionChange(international_roaming=True))

    assert accepted.reconciled
    pending = (await world.provisioner.get_account(HANAKO)).pending
    assert [p.operation for p in pending] == [SimOperation.VOICE_OPTIONS]  # applied once, not sent again


async def test_an_esim_is_reissued_to_a_new_eid_once_the_new_profile_is_active(world: World) -> None:
    await world.provisioner.activate_esim(esim())
    world.clock.advance(COMPLETION_DELAY)
    new_eid = "89049032000001000000012345678999"

    accepted = await changes(world).reissue_esim(ESIM_NUMBER, new_eid)

    assert accepted.operation is SimOperation.REISSUE_ESIM
    pending = await world.provisioner.get_account(ESIM_NUMBER)
    assert [p.operation for p in pending.pending] == [SimOperation.REISSUE_ESIM]
    assert pending.eid != new_eid  # the old profile until the new one is active
    world.clock.advance(COMPLETION_DELAY)
    assert (await world.provisioner.get_account(ESIM_NUMBER)).eid == new_eid


async def test_a_physical_line_is_not_reissued_as_an_esim(world: World) -> None:
    with pytest.raises(InvalidInputError, match="400-356"):
        await changes(world).reissue_esim(HANAKO, "89049032000001000000012345678999")
