"""Account detail and traffic: Hanako's seeded line, unknown and malformed numbers."""

from __future__ import annotations

from datetime import timedelta

import pytest

from application.errors import ConflictError, InvalidInputError, NotFoundError
from application.ports.sim_models import ContractLine, SimAccountState, VoiceOptions
from sandbox.freebit import seed
from tests.contract.freebit.requests import physical, today_in_japan
from tests.contract.freebit.worlds import World


async def test_hanakos_line_is_in_service_with_voice_options(world: World) -> None:
    account = await world.provisioner.get_account(seed.HANAKO_MSISDN)

    assert account.state is SimAccountState.ACTIVE
    assert account.activation_complete
    assert not account.activation_pending
    assert not account.busy
    assert account.plan_code == seed.HANAKO_PLAN_CODE
    assert account.product_number == seed.HANAKO_PRODUCT_NUMBER
    assert account.eid is None
    assert account.sim_kind is None
    assert account.contract_line is ContractLine.LTE
    assert account.voice_options == VoiceOptions(voice_mail=True, call_waiting=True, international_roaming=False)
    assert account.started_on == seed.HANAKO_STARTED_ON
    assert account.cancelled_on is None


async def test_unknown_account_is_not_found(world: World) -> None:
    with pytest.raises(NotFoundError, match="300-301"):
        await world.provisioner.get_account("09000000000")


@pytest.mark.parametrize("msisdn", ["080-1234-5678", "0801234", "08012345678901234", "abcdefghijk"])
async def test_malformed_number_is_invalid_input(world: World, msisdn: str) -> None:
    with pytest.raises(InvalidInputError, match="400-402"):
        await world.provisioner.get_account(msisdn)


async def test_traffic_shows_remaining_quota_and_recent_days(world: World) -> None:
    traffic = await world.provisioner.get_traffic(seed.HANAKO_MSISDN)

    today = today_in_japan(world.clock)
    used = seed.HANAKO_USED_MB_RECENT_DAYS
    assert traffic.msisdn == seed.HANAKO_MSISDN
    assert traffic.remaining_mb == seed.PLAN_QUOTAS_MB[seed.HANAKO_PLAN_CODE] - sum(used)
    assert traffic.used_today_mb == used[0]
    assert [(d.day, d.used_mb) for d in traffic.recent_days] == [
        (today - timedelta(days=n), mb) for n, mb in enumerate(used)
    ]


async def test_traffic_of_a_line_not_yet_in_service_is_refused(world: World) -> None:
    await world.provisioner.activate_physical_sim(physical())

    with pytest.raises(ConflictError, match="500-503"):
        await world.provisioner.get_traffic(physical().msisdn)


async def test_traffic_of_unknown_account_is_not_found(world: World) -> None:
    with pytest.raises(NotFoundError):
        await world.provisioner.get_traffic("07099999999")
