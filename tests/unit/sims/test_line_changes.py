"""Voice options and network type on the caller's own SIM: refused on plans that lack them, one change at a time
per line (409 with a stable code, never half-applied), pending until Freebit applies it, never applied twice."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from adapters.memory.sim_provisioner import TwinFault
from application.errors import NotFoundError, UpstreamUnavailableError
from application.ports.sim_models import ContractLine, SimKind, SimOperation, VoiceOptionChange, VoiceOptions
from application.sims.errors import (
    NetworkTypeNotAvailableError,
    NothingToChangeError,
    SimLineBusyError,
    VoiceOptionsNotAvailableError,
)
from tests.unit.sims.world import HANAKO_MSISDN, HANAKO_SIM, SimWorld

ROAMING_ON = VoiceOptionChange(international_roaming=True)


async def test_switching_roaming_on_shows_pending_then_applied_and_leaves_the_others(world: SimWorld) -> None:
    details = await world.change_voice_options().execute(world.hanako, HANAKO_SIM, ROAMING_ON)
    assert [p.operation for p in details.pending] == [SimOperation.VOICE_OPTIONS]

    world.clock.advance(121)
    world.clock.advance(30)  # past the short cache of a line with a pending change
    after = await world.get_sim().execute(world.hanako, HANAKO_SIM)
    assert after.pending == ()
    assert after.voice_options == VoiceOptions(voice_mail=True, call_waiting=True, international_roaming=True)


async def test_asking_for_what_is_already_so_sends_nothing(world: SimWorld) -> None:
    await world.change_voice_options().execute(world.hanako, HANAKO_SIM, VoiceOptionChange(voice_mail=True))
    assert world.sims.changes == []


async def test_an_empty_change_is_refused(world: SimWorld) -> None:
    with pytest.raises(NothingToChangeError):
        await world.change_voice_options().execute(world.hanako, HANAKO_SIM, VoiceOptionChange())


async def test_voice_options_are_refused_on_a_data_only_plan(world: SimWorld) -> None:
    service = world.billing.world.services[HANAKO_SIM]
    service.product_id = 206  # SIM 10GB Data: no voice line
    number = next(f.id for f in world.billing.world.products[206].custom_fields if f.name == "SIM Number")
    service.custom_fields[number] = HANAKO_MSISDN
    with pytest.raises(VoiceOptionsNotAvailableError):
        await world.change_voice_options().execute(world.hanako, HANAKO_SIM, ROAMING_ON)
    assert world.sims.changes == []


async def test_freebit_saying_data_sim_decides_over_the_product_name(world: SimWorld) -> None:
    world.sims.world.lines[HANAKO_MSISDN].sim_kind = SimKind.DATA
    with pytest.raises(VoiceOptionsNotAvailableError):
        await world.change_voice_options().execute(world.hanako, HANAKO_SIM, ROAMING_ON)


@settings(max_examples=15, deadline=None)
@given(first=st.sampled_from(["voice", "network"]), second=st.sampled_from(["voice", "network"]))
async def test_one_change_at_a_time_a_second_is_409_and_nothing_of_it_is_applied(first: str, second: str) -> None:
    world = SimWorld()
    run = {
        "voice": lambda: world.change_voice_options().execute(world.hanako, HANAKO_SIM, ROAMING_ON),
        "network": lambda: world.change_network_type().execute(world.hanako, HANAKO_SIM, ContractLine.FIVE_G),
    }
    await run[first]()
    with pytest.raises(SimLineBusyError) as refused:
        await run[second]()
    assert refused.value.code == "SIM_CHANGE_IN_PROGRESS"
    assert len(world.sims.changes) == 1


async def test_freebits_own_lock_is_the_same_409_when_two_requests_race_past_the_read(world: SimWorld) -> None:
    """Both read an idle line; the first change locks it; Freebit refuses the second with the same code."""
    await world.sims.change_network_type(HANAKO_MSISDN, ContractLine.FIVE_G)
    world.sims.world.lines[HANAKO_MSISDN].orders.clear()  # the second request's stale read of an idle line
    line = world.sims.world.lines[HANAKO_MSISDN]
    world.sims.world.schedule(line, SimOperation.NETWORK_TYPE, delay_seconds=1800)
    with pytest.raises(SimLineBusyError):
        await world.sims.change_voice_options(HANAKO_MSISDN, ROAMING_ON)


async def test_a_network_switch_locks_the_line_for_its_thirty_minutes_then_shows_5g(world: SimWorld) -> None:
    details = await world.change_network_type().execute(world.hanako, HANAKO_SIM, ContractLine.FIVE_G)
    assert [p.operation for p in details.pending] == [SimOperation.NETWORK_TYPE]
    world.clock.advance(20 * 60)
    with pytest.raises(SimLineBusyError):
        await world.change_voice_options().execute(world.hanako, HANAKO_SIM, ROAMING_ON)
    world.clock.advance(11 * 60)
    assert (await world.get_sim().execute(world.hanako, HANAKO_SIM)).network_type == "5G"


async def test_5g_only_where_the_plan_allows(world: SimWorld) -> None:
    world.sims.world.lines[HANAKO_MSISDN].plan_code = "PNEW_3G"
    with pytest.raises(NetworkTypeNotAvailableError):
        await world.change_network_type().execute(world.hanako, HANAKO_SIM, ContractLine.FIVE_G)


async def test_a_lost_answer_is_reconciled_and_the_change_is_not_sent_twice(world: SimWorld) -> None:
    world.sims.faults.arm(SimOperation.VOICE_OPTIONS, TwinFault.APPLY_THEN_TIMEOUT)
    await world.change_voice_options().execute(world.hanako, HANAKO_SIM, ROAMING_ON)
    assert world.sims.changes == [(SimOperation.VOICE_OPTIONS, HANAKO_MSISDN)]
    # The customer retries: the change is pending, so nothing more is sent.
    with pytest.raises(SimLineBusyError):
        await world.change_voice_options().execute(world.hanako, HANAKO_SIM, ROAMING_ON)
    assert len(world.sims.changes) == 1


async def test_an_outage_is_a_503_and_nothing_was_sent(world: SimWorld) -> None:
    world.sims.faults.arm(SimOperation.NETWORK_TYPE, TwinFault.UNAVAILABLE)
    with pytest.raises(UpstreamUnavailableError) as failed:
        await world.change_network_type().execute(world.hanako, HANAKO_SIM, ContractLine.FIVE_G)
    assert failed.value.code == "SIM_SERVICE_UNAVAILABLE"
    assert world.sims.changes == []


async def test_another_customers_sim_is_not_found(world: SimWorld) -> None:
    with pytest.raises(NotFoundError):
        await world.change_voice_options().execute(world.kenji, HANAKO_SIM, ROAMING_ON)
    with pytest.raises(NotFoundError):
        await world.change_network_type().execute(world.kenji, HANAKO_SIM, ContractLine.FIVE_G)
