"""Outages, lost replies and refused credentials, as the port promises them in both worlds."""

from __future__ import annotations

import pytest

from application.errors import UpstreamConfigurationError, UpstreamUnavailableError
from application.ports.billing.orders import NewOrder, NewOrderItem
from sandbox.whmcs.seed import HANAKO, KENJI
from tests.contract.whmcs.test_identity import new_client
from tests.contract.whmcs.worlds import Trouble, World

ORDER = NewOrder(
    client_id=KENJI.client_id,
    payment_method="stripe",
    items=(
        NewOrderItem(product_id=301, billing_cycle="monthly"),
        NewOrderItem(product_id=310, billing_cycle="onetime"),
    ),
)


async def test_an_outage_is_unavailable_and_nothing_partial_comes_back(world: World) -> None:
    world.inject("list_invoices", Trouble.OUTAGE)
    with pytest.raises(UpstreamUnavailableError):
        await world.billing.invoices.list_invoices(HANAKO.client_id)


async def test_refused_credentials_are_a_configuration_error(world: World) -> None:
    world.inject("get_client", Trouble.AUTH)
    with pytest.raises(UpstreamConfigurationError):
        await world.billing.clients.get_client(HANAKO.client_id)


async def test_an_order_whose_reply_was_lost_is_found_not_repeated(world: World) -> None:
    before = world.order_count(KENJI.client_id)
    world.inject("add_order", Trouble.LOST_REPLY)
    placed = await world.billing.orders.add_order(ORDER)
    assert world.order_count(KENJI.client_id) == before + 1
    order = await world.billing.orders.get_order(placed.order_id)
    assert order.invoice_id == placed.invoice_id is not None
    assert [line.service_id for line in order.lines] == list(placed.service_ids)


async def test_an_order_that_never_happened_is_reported_unavailable(world: World) -> None:
    before = world.order_count(KENJI.client_id)
    world.inject("add_order", Trouble.NO_REPLY)
    with pytest.raises(UpstreamUnavailableError):
        await world.billing.orders.add_order(ORDER)
    assert world.order_count(KENJI.client_id) == before


async def test_a_client_whose_reply_was_lost_is_found_not_repeated(world: World) -> None:
    world.inject("add_client", Trouble.LOST_REPLY)
    client_id = await world.billing.clients.add_client(new_client())
    assert world.clients_with_email("yuki.suzuki@example.jp") == 1
    assert (await world.billing.clients.get_client(client_id)).customer_number == "SH-100003"


async def test_a_client_that_never_happened_is_reported_unavailable(world: World) -> None:
    world.inject("add_client", Trouble.NO_REPLY)
    with pytest.raises(UpstreamUnavailableError):
        await world.billing.clients.add_client(new_client())
    assert world.clients_with_email("yuki.suzuki@example.jp") == 0
