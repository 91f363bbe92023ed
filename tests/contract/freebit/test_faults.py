"""Injected faults: lost answers are reconciled (never a second activation), outages map to retryable errors."""

from __future__ import annotations

import pytest

from application.errors import UpstreamConfigurationError, UpstreamUnavailableError
from application.ports.sim_models import QuotaTopUp, SimOperation, VoiceOptions
from sandbox.faults import FaultKind
from sandbox.freebit import seed
from tests.contract.freebit.requests import ESIM_NUMBER, FREE_SIM, esim, physical
from tests.contract.freebit.worlds import COMPLETION_DELAY, World

HANAKO = seed.HANAKO_MSISDN
OUTAGES = [FaultKind.HTTP_ERROR, FaultKind.NON_JSON, FaultKind.TIMEOUT]


async def test_lost_answer_to_a_physical_activation_is_reconciled(world: World) -> None:
    world.inject(SimOperation.ACTIVATE_PHYSICAL, FaultKind.APPLY_THEN_TIMEOUT)

    accepted = await world.provisioner.activate_physical_sim(physical())

    assert accepted.reconciled is True
    assert world.activations(FREE_SIM.msisdn) == 1
    assert (await world.provisioner.get_account(FREE_SIM.msisdn)).activation_pending


async def test_lost_answer_to_an_esim_activation_is_reconciled(world: World) -> None:
    world.inject(SimOperation.ACTIVATE_ESIM, FaultKind.APPLY_THEN_TIMEOUT)

    accepted = await world.provisioner.activate_esim(esim())

    assert accepted.reconciled is True
    assert world.activations(ESIM_NUMBER) == 1


async def test_lost_answers_to_line_changes_are_reconciled(world: World) -> None:
    world.inject(SimOperation.VOICE_OPTIONS, FaultKind.APPLY_THEN_TIMEOUT)
    assert (await world.provisioner.add_voice_options(HANAKO, VoiceOptions())).reconciled
    world.clock.advance(COMPLETION_DELAY)
    assert (await world.provisioner.get_account(HANAKO)).voice_options == VoiceOptions()

    world.inject(SimOperation.CANCEL, FaultKind.APPLY_THEN_TIMEOUT)
    assert (await world.provisioner.cancel(HANAKO)).reconciled


async def test_lost_answer_to_a_top_up_is_found_in_the_quota_history(world: World) -> None:
    before = (await world.provisioner.get_traffic(HANAKO)).remaining_mb
    world.inject(SimOperation.ADD_QUOTA, FaultKind.APPLY_THEN_TIMEOUT)

    receipt = await world.provisioner.add_quota(QuotaTopUp(msisdn=HANAKO, quota_mb=1024, quota_code="topup-lost"))

    assert receipt.reconciled is True
    assert (await world.provisioner.get_traffic(HANAKO)).remaining_mb == before + 1024  # added once


@pytest.mark.parametrize("kind", OUTAGES)
async def test_an_activation_that_failed_is_reported_retryable_and_not_applied(world: World, kind: FaultKind) -> None:
    world.inject(SimOperation.ACTIVATE_PHYSICAL, kind)

    with pytest.raises(UpstreamUnavailableError, match="not applied"):
        await world.provisioner.activate_physical_sim(physical())
    assert world.activations(FREE_SIM.msisdn) == 0

    accepted = await world.provisioner.activate_physical_sim(physical())
    assert accepted.reconciled is False
    assert world.activations(FREE_SIM.msisdn) == 1


async def test_a_top_up_that_failed_is_not_applied(world: World) -> None:
    before = (await world.provisioner.get_traffic(HANAKO)).remaining_mb
    world.inject(SimOperation.ADD_QUOTA, FaultKind.HTTP_ERROR)

    with pytest.raises(UpstreamUnavailableError, match="not applied"):
        await world.provisioner.add_quota(QuotaTopUp(msisdn=HANAKO, quota_mb=1024, quota_code="topup-failed"))
    assert (await world.provisioner.get_traffic(HANAKO)).remaining_mb == before


@pytest.mark.parametrize("kind", [FaultKind.HTTP_ERROR, FaultKind.NON_JSON])
async def test_reads_survive_one_outage_and_report_a_lasting_one(world: World, kind: FaultKind) -> None:
    world.inject(SimOperation.GET_ACCOUNT, kind, times=1)
    assert (await world.provisioner.get_account(HANAKO)).msisdn == HANAKO

    world.inject(SimOperation.GET_TRAFFIC, kind, times=None)
    with pytest.raises(UpstreamUnavailableError):
        await world.provisioner.get_traffic(HANAKO)


async def test_a_read_that_times_out_once_is_retried(world: World) -> None:
    world.inject(SimOperation.GET_ACCOUNT, FaultKind.TIMEOUT, times=1)

    assert (await world.provisioner.get_account(HANAKO)).msisdn == HANAKO


async def test_a_refused_auth_key_is_renewed_once(world: World) -> None:
    world.inject(SimOperation.ACTIVATE_PHYSICAL, FaultKind.AUTH_FAILURE, times=1)

    accepted = await world.provisioner.activate_physical_sim(physical())

    assert accepted.reconciled is False
    assert world.activations(FREE_SIM.msisdn) == 1


async def test_a_key_refused_twice_is_a_configuration_error_and_nothing_is_applied(world: World) -> None:
    world.inject(SimOperation.ACTIVATE_PHYSICAL, FaultKind.AUTH_FAILURE, times=None)

    with pytest.raises(UpstreamConfigurationError):
        await world.provisioner.activate_physical_sim(physical())
    assert world.activations(FREE_SIM.msisdn) == 0


async def test_an_expired_auth_key_is_renewed_transparently(world: World) -> None:
    await world.provisioner.get_account(HANAKO)
    world.clock.advance(3_600)  # past the emulator's key lifetime, within the adapter's cache age

    assert (await world.provisioner.get_account(HANAKO)).msisdn == HANAKO
