"""SIM details and usage: the caller's own SIMs only, cached with stated TTLs, freshness in every answer, and an
outage that shows nothing partial."""

from __future__ import annotations

import pytest

from adapters.memory.sim_provisioner import TwinFault
from application.errors import NotFoundError
from application.outages import BillingUnavailableError, SimServiceUnavailableError
from application.ports.sim_models import SimOperation
from application.sims.cache_keys import SIM_DETAIL_PENDING_TTL, SIM_DETAIL_TTL, SIM_USAGE_TTL
from tests.unit.sims.world import HANAKO_INTERNET, HANAKO_SIM, START, SimWorld


async def test_hanakos_sim_shows_number_plan_form_voice_options_and_network_type(world: SimWorld) -> None:
    details = await world.get_sim().execute(world.hanako, HANAKO_SIM)

    assert (details.msisdn, details.plan_code, details.line_state) == ("08012345678", "PNEW_10G", "active")
    assert (details.form, details.network_type, details.voice_capable) == ("physical", "4G", True)
    assert details.voice_options.voice_mail
    assert details.voice_options.call_waiting
    assert not details.voice_options.international_roaming
    assert details.product_name == "SIM 10GB Voice"
    assert details.as_of == START


@pytest.mark.parametrize("sim_id", [HANAKO_SIM, HANAKO_INTERNET, 0, 999])
async def test_another_customers_sim_a_non_sim_service_and_an_unknown_id_are_the_same_404(
    world: SimWorld, sim_id: int
) -> None:
    """Ids cannot be probed: Kenji asking for Hanako's SIM meets exactly what an unknown id meets."""
    customer = world.hanako if sim_id != HANAKO_SIM else world.kenji
    with pytest.raises(NotFoundError) as caught:
        await world.get_sim().execute(customer, sim_id)
    assert caught.value.message == "SIM not found."
    with pytest.raises(NotFoundError):
        await world.get_usage().execute(customer, sim_id)


async def test_the_detail_is_cached_for_its_ttl_and_read_again_after_it(world: SimWorld) -> None:
    await world.get_sim().execute(world.hanako, HANAKO_SIM)
    world.sims.faults.arm(SimOperation.GET_ACCOUNT, TwinFault.UNAVAILABLE, times=None)

    world.clock.advance(SIM_DETAIL_TTL - 1)
    assert (await world.get_sim().execute(world.hanako, HANAKO_SIM)).as_of == START  # from the cache

    world.clock.advance(2)
    with pytest.raises(SimServiceUnavailableError):  # expired: Freebit is asked (and is down)
        await world.get_sim().execute(world.hanako, HANAKO_SIM)


async def test_a_pending_change_makes_the_detail_short_lived_so_its_completion_shows(world: SimWorld) -> None:
    await world.sims.cancel("08012345678")  # any change Freebit runs asynchronously
    first = await world.get_sim().execute(world.hanako, HANAKO_SIM)
    assert first.pending

    world.clock.advance(SIM_DETAIL_PENDING_TTL + 1)
    again = await world.get_sim().execute(world.hanako, HANAKO_SIM)
    assert again.as_of > first.as_of


async def test_usage_says_how_fresh_it_is_and_is_served_from_the_cache_within_its_ttl(world: SimWorld) -> None:
    usage = await world.get_usage().execute(world.hanako, HANAKO_SIM)
    assert (usage.remaining_mb, usage.used_today_mb) == (10240 - 312 - 845 - 129, 312)
    assert [d.used_mb for d in usage.recent_days] == [312, 845, 129]
    assert (usage.as_of, usage.max_age_seconds) == (START, SIM_USAGE_TTL)

    world.clock.advance(SIM_USAGE_TTL - 1)
    world.sims.faults.arm(SimOperation.GET_TRAFFIC, TwinFault.UNAVAILABLE, times=None)
    cached = await world.get_usage().execute(world.hanako, HANAKO_SIM)
    assert cached.as_of == START  # the answer says it is nearly two minutes old

    world.clock.advance(2)
    with pytest.raises(SimServiceUnavailableError):
        await world.get_usage().execute(world.hanako, HANAKO_SIM)


async def test_our_own_write_clears_the_cache(world: SimWorld) -> None:
    await world.get_usage().execute(world.hanako, HANAKO_SIM)
    lines = world.lines()
    await lines.forget(world.hanako, HANAKO_SIM)
    world.clock.advance(1)
    assert (await world.get_usage().execute(world.hanako, HANAKO_SIM)).as_of > START


async def test_a_billing_outage_is_a_503_of_its_own_and_nothing_partial(world: SimWorld) -> None:
    world.billing.world.fail_next("get_service", BillingUnavailableError())
    with pytest.raises(BillingUnavailableError):
        await world.get_sim().execute(world.hanako, HANAKO_SIM)


async def test_a_failed_read_is_never_cached(world: SimWorld) -> None:
    world.sims.faults.arm(SimOperation.GET_ACCOUNT, TwinFault.UNAVAILABLE, times=3)
    with pytest.raises(SimServiceUnavailableError):
        await world.get_sim().execute(world.hanako, HANAKO_SIM)
    assert (await world.get_sim().execute(world.hanako, HANAKO_SIM)).line_state == "active"
