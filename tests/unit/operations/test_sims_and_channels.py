"""Quarantined SIM cards are listed and restocked with a reason (once: a second restock changes nothing); a CDC
channel's position is shown, and a reset is one request however often it is asked."""

from __future__ import annotations

import datetime as dt

import pytest

from adapters.memory.cdc_stores import InMemoryChannelLeases, InMemoryResyncRequests
from adapters.memory.clock import FrozenClock
from adapters.memory.sim_inventory import InMemorySimInventory
from adapters.memory.stream_positions import InMemoryStreamPositions
from application.cdc.channels import CONSUMED, ORDER, PRODUCT
from application.errors import InvalidInputError, NotFoundError
from application.operations.channels import ListChannelPositions, ResetChannel
from application.operations.sims import ListQuarantinedSims, RestockSim
from domain.orders.fulfilment import SimCard
from tests.unit.operations.audit import admin_lines

GOOD, BAD, OTHER = (SimCard(kind="physical", msisdn=f"0709999000{i}", product_number=f"PN{i}") for i in range(3))


@pytest.fixture
def stock() -> InMemorySimInventory:
    return InMemorySimInventory([GOOD, BAD, OTHER], clock=FrozenClock(dt.datetime(2026, 12, 1, tzinfo=dt.UTC)))


async def test_a_quarantined_card_is_listed_with_why_and_restocked_at_the_back_once(
    stock: InMemorySimInventory, caplog: pytest.LogCaptureFixture
) -> None:
    assert await stock.assign("801A", "physical") == GOOD
    assert await stock.quarantine("801A", GOOD.msisdn, "Freebit 300-302: unknown card (order 801A)")
    [listed] = await ListQuarantinedSims(stock).execute()
    assert (listed.msisdn, listed.reason) == (GOOD.msisdn, "Freebit 300-302: unknown card (order 801A)")

    caplog.set_level("INFO", logger="portal.admin")
    first = await RestockSim(stock).execute(GOOD.msisdn, reason="  reseated;  Freebit support confirmed it  ")
    second = await RestockSim(stock).execute(GOOD.msisdn, reason="again")

    assert (first.outcome, second.outcome) == ("restocked", "not_quarantined")
    assert stock.restocks[GOOD.msisdn] == "reseated; Freebit support confirmed it"
    assert await ListQuarantinedSims(stock).execute() == ()
    assert [await stock.assign(o, "physical") for o in ("801B", "801C", "801D")] == [BAD, OTHER, GOOD]
    assert [(x["action"], x["outcome"], x["msisdn"]) for x in admin_lines(caplog)] == [
        ("sims.restock", "restocked", GOOD.msisdn),
        ("sims.restock", "not_quarantined", GOOD.msisdn),
    ]


async def test_a_restock_needs_a_reason_and_a_known_number(stock: InMemorySimInventory) -> None:
    for msisdn, reason in ((GOOD.msisdn, "   "), (GOOD.msisdn, "x" * 501), ("07O9", "fine")):
        with pytest.raises(InvalidInputError):
            await RestockSim(stock).execute(msisdn, reason=reason)
    with pytest.raises(NotFoundError):
        await RestockSim(stock).execute("08000000000", reason="fine")


async def test_every_channel_shows_its_position_leader_and_pending_reset() -> None:
    positions, leases, resyncs = (
        InMemoryStreamPositions(FrozenClock()),
        InMemoryChannelLeases(),
        InMemoryResyncRequests(),
    )
    await positions.save(ORDER, 4_211)
    await leases.acquire(ORDER, "cdc-a", 60_000)
    await resyncs.request(PRODUCT)
    shown = {p.channel: p for p in await ListChannelPositions(positions, leases, resyncs).execute()}
    assert list(shown) == list(CONSUMED)
    assert (shown[ORDER].replay_id, shown[ORDER].leader, shown[ORDER].reset_pending) == (4_211, "cdc-a", False)
    assert (shown[PRODUCT].replay_id, shown[PRODUCT].leader, shown[PRODUCT].reset_pending) == (None, None, True)


async def test_a_reset_is_requested_once_and_names_who_carries_it_out(caplog: pytest.LogCaptureFixture) -> None:
    leases, resyncs = InMemoryChannelLeases(), InMemoryResyncRequests()
    await leases.acquire(ORDER, "cdc-a", 60_000)
    caplog.set_level("INFO", logger="portal.admin")
    first = await ResetChannel(leases, resyncs).execute(ORDER)
    second = await ResetChannel(leases, resyncs).execute(ORDER)
    assert (first.outcome, first.leader, second.outcome) == ("requested", "cdc-a", "already_requested")
    assert await resyncs.pending(ORDER)
    with pytest.raises(InvalidInputError):
        await ResetChannel(leases, resyncs).execute("/data/AccountChangeEvent")
    assert [(x["outcome"], x["channel"]) for x in admin_lines(caplog)] == [
        ("requested", ORDER),
        ("already_requested", ORDER),
    ]
