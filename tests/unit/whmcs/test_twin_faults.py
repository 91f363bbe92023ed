"""The twin's fault hooks act out what the real adapter would report."""

from __future__ import annotations

import pytest

from adapters.memory.billing_system import InMemoryBillingSystem
from adapters.memory.clock import FrozenClock
from application.errors import UpstreamUnavailableError
from application.ports.billing_models import ClientUpdate
from sandbox.whmcs import WhmcsState
from sandbox.whmcs.seed import KENJI, seed_state
from sandbox.whmcs.snapshot import snapshot


@pytest.fixture
def twin() -> InMemoryBillingSystem:
    clock = FrozenClock()
    state = WhmcsState(clock)
    seed_state(state)
    return InMemoryBillingSystem.from_snapshot(snapshot(state), clock=clock)


async def test_a_lost_reply_on_an_ordinary_write_applies_then_fails(twin: InMemoryBillingSystem) -> None:
    twin.fail_next("update_client", UpstreamUnavailableError("WHMCS"), after_apply=True)
    with pytest.raises(UpstreamUnavailableError):
        await twin.update_client(KENJI.client_id, ClientUpdate(phone="03-0000-0000"))
    assert (await twin.get_client(KENJI.client_id)).phone == "03-0000-0000"


async def test_a_fault_fires_the_given_number_of_times_then_clears(twin: InMemoryBillingSystem) -> None:
    twin.fail_next("list_payment_gateways", UpstreamUnavailableError("WHMCS"), times=2)
    for _ in range(2):
        with pytest.raises(UpstreamUnavailableError):
            await twin.list_payment_gateways()
    assert len(await twin.list_payment_gateways()) == 2
    assert twin.calls == ["list_payment_gateways"] * 3


async def test_an_empty_twin_has_nothing(twin: InMemoryBillingSystem) -> None:
    empty = InMemoryBillingSystem.empty()
    assert await empty.list_products() == ()
    assert await empty.find_client_by_email("hanako.tanaka@example.jp") is None
