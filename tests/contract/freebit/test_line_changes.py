"""Voice options (PA05-05), cancellation (PA02-04) and quota top-up (PA04-04) on a line, and the locks."""

from __future__ import annotations

from datetime import timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from application.errors import ConflictError, InvalidInputError, NotFoundError
from application.ports.sim_models import (
    PendingOperation,
    QuotaTopUp,
    QuotaTopUpReceipt,
    SimAccountState,
    SimKind,
    SimOperation,
    VoiceOptions,
)
from sandbox.freebit import seed
from tests.contract.freebit.requests import ESIM_NUMBER, FREE_SIM, esim, physical, today_in_japan
from tests.contract.freebit.worlds import COMPLETION_DELAY, World

HANAKO = seed.HANAKO_MSISDN
ROAMING_ONLY = VoiceOptions(voice_mail=False, call_waiting=False, international_roaming=True)


async def test_voice_options_wait_for_activation_then_apply_later(world: World) -> None:
    await world.provisioner.activate_physical_sim(physical())
    with pytest.raises(ConflictError, match="500-502"):  # the registration is still running
        await world.provisioner.add_voice_options(FREE_SIM.msisdn, ROAMING_ONLY)

    world.clock.advance(COMPLETION_DELAY)
    accepted = await world.provisioner.add_voice_options(FREE_SIM.msisdn, ROAMING_ONLY)
    assert accepted.operation is SimOperation.VOICE_OPTIONS

    queued = await world.provisioner.get_account(FREE_SIM.msisdn)
    assert queued.busy
    assert queued.voice_options == VoiceOptions()
    world.clock.advance(COMPLETION_DELAY)
    applied = await world.provisioner.get_account(FREE_SIM.msisdn)
    assert applied.voice_options == ROAMING_ONLY
    assert not applied.busy


async def test_scheduled_activation_is_not_in_service_yet(world: World) -> None:
    start_on = today_in_japan(world.clock) + timedelta(days=2)
    await world.provisioner.activate_physical_sim(physical(start_on=start_on))

    with pytest.raises(ConflictError, match="500-503"):
        await world.provisioner.add_voice_options(FREE_SIM.msisdn, ROAMING_ONLY)


async def test_voice_options_need_a_voice_sim(world: World) -> None:
    await world.provisioner.activate_esim(esim(sim_kind=SimKind.DATA))
    world.clock.advance(COMPLETION_DELAY)

    with pytest.raises(InvalidInputError, match="400-412"):
        await world.provisioner.add_voice_options(ESIM_NUMBER, ROAMING_ONLY)


async def test_voice_options_for_an_unknown_line(world: World) -> None:
    with pytest.raises(NotFoundError, match="300-301"):
        await world.provisioner.add_voice_options("09000000001", ROAMING_ONLY)


async def test_cancellation_now_locks_then_ends_the_line(world: World) -> None:
    accepted = await world.provisioner.cancel(HANAKO)
    assert accepted.operation is SimOperation.CANCEL

    with pytest.raises(ConflictError, match="500-502"):
        await world.provisioner.cancel(HANAKO)
    with pytest.raises(ConflictError, match="500-502"):
        await world.provisioner.add_quota(QuotaTopUp(msisdn=HANAKO, quota_mb=1024, quota_code="t-locked"))

    world.clock.advance(COMPLETION_DELAY)
    account = await world.provisioner.get_account(HANAKO)
    assert account.state is SimAccountState.CANCELLED
    assert account.cancelled_on == today_in_japan(world.clock)
    with pytest.raises(ConflictError, match="500-503"):
        await world.provisioner.cancel(HANAKO)
    with pytest.raises(ConflictError, match="500-503"):
        await world.provisioner.get_traffic(HANAKO)


async def test_scheduled_cancellation_leaves_the_line_usable_until_its_date(world: World) -> None:
    run_on = today_in_japan(world.clock) + timedelta(days=10)
    await world.provisioner.cancel(HANAKO, run_on=run_on)

    account = await world.provisioner.get_account(HANAKO)
    assert account.pending == (PendingOperation(operation=SimOperation.CANCEL, run_on=run_on),)
    assert account.state is SimAccountState.ACTIVE
    await world.provisioner.add_quota(QuotaTopUp(msisdn=HANAKO, quota_mb=100, quota_code="t-before-cancel"))
    with pytest.raises(ConflictError, match="500-504"):
        await world.provisioner.cancel(HANAKO)

    world.clock.advance(timedelta(days=10).total_seconds() + COMPLETION_DELAY)
    assert (await world.provisioner.get_account(HANAKO)).cancelled_on == run_on


async def test_cancelling_an_unknown_line_is_not_found(world: World) -> None:
    with pytest.raises(NotFoundError, match="300-301"):
        await world.provisioner.cancel("09000000002")


async def test_quota_top_up_adds_to_the_remaining_quota(world: World) -> None:
    before = (await world.provisioner.get_traffic(HANAKO)).remaining_mb
    top_up = QuotaTopUp(msisdn=HANAKO, quota_mb=2048, quota_code="topup-1", expires_on=today_in_japan(world.clock))

    receipt = await world.provisioner.add_quota(top_up)

    assert receipt == QuotaTopUpReceipt(msisdn=HANAKO, quota_mb=2048, quota_code="topup-1")
    assert (await world.provisioner.get_traffic(HANAKO)).remaining_mb == before + 2048


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(quota_mb=st.one_of(st.integers(max_value=0), st.integers(min_value=512_001)))
async def test_quota_outside_1_to_512000_mb_is_refused(world: World, quota_mb: int) -> None:
    # Freebit reads quota as 1-6 digits: a sign or a 7th digit is a format error, the rest a range error.
    code = "400-407" if 0 <= quota_mb <= 999_999 else "400-402"
    with pytest.raises(InvalidInputError, match=code):
        await world.provisioner.add_quota(QuotaTopUp(msisdn=HANAKO, quota_mb=quota_mb, quota_code="t-range"))


async def test_quota_for_a_line_not_in_service(world: World) -> None:
    await world.provisioner.activate_physical_sim(physical())
    world.clock.advance(COMPLETION_DELAY)
    await world.provisioner.cancel(FREE_SIM.msisdn)
    world.clock.advance(COMPLETION_DELAY)

    with pytest.raises(ConflictError, match="500-503"):
        await world.provisioner.add_quota(QuotaTopUp(msisdn=FREE_SIM.msisdn, quota_mb=100, quota_code="t-gone"))
