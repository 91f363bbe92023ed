"""Each billing read is served from the cache for exactly its TTL (time is moved, never slept)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

import pytest

from tests.unit.billing.world import HANAKO_CUSTOMER, BillingWorld

Read = Callable[[BillingWorld], Awaitable[Any]]

# name: (TTL in seconds from the brief, the upstream operation it saves, the read)
READS: dict[str, tuple[int, str, Read]] = {
    "invoice list": (90, "list_invoices", lambda w: w.list_invoices().execute(HANAKO_CUSTOMER)),
    "one invoice": (5 * 60, "get_invoice", lambda w: w.get_invoice().execute(HANAKO_CUSTOMER, 6)),
    "subscription list": (5 * 60, "list_services", lambda w: w.subscriptions().execute(HANAKO_CUSTOMER)),
    "one subscription": (10 * 60, "get_service", lambda w: w.subscription().execute(HANAKO_CUSTOMER, 1)),
    "payment methods": (15 * 60, "list_pay_methods", lambda w: w.pay_methods().execute(HANAKO_CUSTOMER)),
    "payment gateways": (60 * 60, "list_payment_gateways", lambda w: w.gateways().execute()),
    "profile": (30 * 60, "get_client", lambda w: w.profile().execute(HANAKO_CUSTOMER)),
}


@pytest.mark.parametrize("name", READS)
async def test_a_read_is_cached_for_exactly_its_ttl(world: BillingWorld, name: str) -> None:
    ttl, operation, read = READS[name]
    live = await read(world)
    assert world.calls(operation) == 1
    world.clock.advance(ttl - 1)
    assert await read(world) == live  # from the cache, identical to the live value
    assert world.calls(operation) == 1
    world.clock.advance(1)
    await read(world)
    assert world.calls(operation) == 2


# The key each read fills (the registry's names), to see the store itself let go of it.
FRAGMENTS = {
    "invoice list": ":billing:invoices:",
    "one invoice": ":billing:invoice:6",
    "subscription list": ":billing:subscriptions",
    "one subscription": ":billing:subscription:",
    "payment methods": ":billing:pay-methods",
    "payment gateways": "billing:gateways",
    "profile": ":billing:profile",
}


@pytest.mark.parametrize("name", READS)
async def test_the_cache_store_forgets_the_entry_after_the_ttl_too(world: BillingWorld, name: str) -> None:
    ttl, _, read = READS[name]
    await read(world)

    def filled() -> list[str]:
        return [k for k in world.cache.live_keys() if FRAGMENTS[name] in k and not k.endswith(":generation")]

    assert len(filled()) == 1
    world.clock.advance(ttl - 1)
    assert len(filled()) == 1
    world.clock.advance(1)
    assert filled() == []


async def test_each_page_and_filter_of_the_invoice_list_is_its_own_entry(world: BillingWorld) -> None:
    invoices = world.list_invoices()
    first = await invoices.execute(HANAKO_CUSTOMER, limit=2)
    second = await invoices.execute(HANAKO_CUSTOMER, offset=2, limit=2)
    overdue = await invoices.execute(HANAKO_CUSTOMER, status="Overdue")
    assert [i.id for i in first.items] == [6, 5]
    assert [i.id for i in second.items] == [4, 3]
    assert [i.id for i in overdue.items] == [5]
    assert first.total == second.total == 6
    await invoices.execute(HANAKO_CUSTOMER, limit=2)
    assert world.calls("list_invoices") == 3


async def test_page_sizes_are_clamped_to_what_the_api_allows(world: BillingWorld) -> None:
    page = await world.list_invoices().execute(HANAKO_CUSTOMER, offset=-5, limit=10_000)
    assert (page.offset, page.limit) == (0, 100)


async def test_customers_never_share_entries(world: BillingWorld) -> None:
    await world.pay_methods().execute(HANAKO_CUSTOMER)
    assert all(key.startswith(f"{HANAKO_CUSTOMER.cache_scope}:") for key in world.cache.live_keys())
