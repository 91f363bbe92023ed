"""The twin's fault hooks act out what the real adapter would report."""

from __future__ import annotations

from zoneinfo import ZoneInfo

import pytest

from adapters.memory.billing_clients import TwinClients
from adapters.memory.billing_logins import TwinLogins
from adapters.memory.billing_twin import InMemoryBilling
from adapters.memory.billing_world import BillingTwinWorld
from adapters.memory.clock import FrozenClock
from application.errors import UpstreamUnavailableError
from application.ports.billing.clients import ClientUpdate, NewClient
from application.ports.billing.values import PostalAddress
from sandbox.whmcs import WhmcsState
from sandbox.whmcs.seed import KENJI, seed_state
from sandbox.whmcs.snapshot import snapshot


@pytest.fixture
def twin() -> InMemoryBilling:
    clock = FrozenClock()
    state = WhmcsState(clock)
    seed_state(state)
    return InMemoryBilling.from_snapshot(snapshot(state), clock=clock)


async def test_a_lost_reply_on_an_ordinary_write_applies_then_fails(twin: InMemoryBilling) -> None:
    twin.world.fail_next("update_client", UpstreamUnavailableError("WHMCS"), after_apply=True)
    with pytest.raises(UpstreamUnavailableError):
        await twin.clients.update_client(KENJI.client_id, ClientUpdate(phone="03-0000-0000"))
    assert (await twin.clients.get_client(KENJI.client_id)).phone == "03-0000-0000"


async def test_a_fault_fires_the_given_number_of_times_then_clears(twin: InMemoryBilling) -> None:
    twin.world.fail_next("list_payment_gateways", UpstreamUnavailableError("WHMCS"), times=2)
    for _ in range(2):
        with pytest.raises(UpstreamUnavailableError):
            await twin.payment_methods.list_payment_gateways()
    assert len(await twin.payment_methods.list_payment_gateways()) == 2
    assert twin.world.calls == ["list_payment_gateways"] * 3


async def test_an_empty_twin_has_nothing(twin: InMemoryBilling) -> None:
    empty = InMemoryBilling.empty()
    assert await empty.products.list_products() == ()
    assert await empty.clients.find_client_by_email("hanako.tanaka@example.jp") is None


async def test_roles_built_over_one_world_share_its_records_calls_and_faults() -> None:
    world = BillingTwinWorld(zone=ZoneInfo("Asia/Tokyo"), clock=FrozenClock())
    clients, logins = TwinClients(world), TwinLogins(world)  # built apart, as a composition root would
    address = PostalAddress(address1="1-1-1 Ebisu", city="Shibuya-ku", state="Tokyo", postcode="150-0013")
    client = NewClient(
        first_name="Yuki",
        last_name="Suzuki",
        email="yuki.suzuki@example.jp",
        password="Sakura-Yuki-2026",
        phone="03-1111-2222",
        address=address,
        customer_number="SH-100003",
    )
    client_id = await clients.add_client(client)
    login = await logins.validate_login(client.email, client.password)
    assert login is not None
    assert login.client_id == client_id
    world.fail_next("validate_login", UpstreamUnavailableError("WHMCS"))
    with pytest.raises(UpstreamUnavailableError):
        await logins.validate_login(client.email, client.password)
    assert world.calls == ["add_client", "validate_login", "validate_login"]
