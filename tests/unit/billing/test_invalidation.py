"""Each WHMCS change clears exactly the keys it makes stale, once per delivery, for the account it concerns."""

from __future__ import annotations

import pytest

from application.billing.billing_changes import BillingChange, BillingChangeKind
from application.billing.cache_keys import BillingKeys
from application.ports.account_links import AccountLinkRepository
from tests.unit.billing.world import HANAKO_CUSTOMER, KENJI_CUSTOMER, BillingWorld

HANAKO = HANAKO_CUSTOMER.whmcs_client_id
CHANGES: dict[BillingChangeKind, BillingChange] = {
    "invoice.created": BillingChange(kind="invoice.created", client_id=HANAKO, invoice_id=99),
    "invoice.paid": BillingChange(kind="invoice.paid", client_id=HANAKO, invoice_id=6),
    "invoice.cancelled": BillingChange(kind="invoice.cancelled", client_id=HANAKO, invoice_id=6),
    "client.updated": BillingChange(kind="client.updated", client_id=HANAKO),
    "service.created": BillingChange(kind="service.created", client_id=HANAKO, service_id=9),
    "service.updated": BillingChange(kind="service.updated", client_id=HANAKO, service_id=1),
    "paymethod.updated": BillingChange(kind="paymethod.updated", client_id=HANAKO),
}
EXPECTED: dict[BillingChangeKind, set[str]] = {
    "invoice.created": {"invoice list", "invoice list, first page"},
    "invoice.paid": {
        "invoice list",
        "invoice list, first page",
        "invoice 6",
        "subscription list",
        "every subscription",
    },
    "invoice.cancelled": {"invoice list", "invoice list, first page", "invoice 6"},
    "client.updated": {"profile", "subscription list", "every subscription"},
    "service.created": {"subscription list"},
    "service.updated": {"subscription list", "subscription 1"},
    "paymethod.updated": {"payment methods"},
}


async def fill_everything(world: BillingWorld) -> dict[str, str]:
    """Every billing cache of Hanako (and one of Kenji's); the logical name of each key."""
    await world.list_invoices().execute(HANAKO_CUSTOMER)
    await world.list_invoices().execute(HANAKO_CUSTOMER, status="Unpaid")
    for invoice_id in (5, 6):
        await world.get_invoice().execute(HANAKO_CUSTOMER, invoice_id)
    await world.subscriptions().execute(HANAKO_CUSTOMER)
    for service_id in (1, 2):
        await world.subscription().execute(HANAKO_CUSTOMER, service_id)
    await world.pay_methods().execute(HANAKO_CUSTOMER)
    await world.pay_methods().execute(KENJI_CUSTOMER)
    await world.gateways().execute()
    keys = BillingKeys(HANAKO_CUSTOMER.cache_scope)
    generation = (await world.cache.get(keys.subscription_generation) or b"").decode()
    return {
        keys.invoice_list_generation: "invoice list",
        keys.invoice_first_page.key: "invoice list, first page",
        keys.invoice(5).key: "invoice 5",
        keys.invoice(6).key: "invoice 6",
        keys.subscription_list.key: "subscription list",
        keys.subscription_generation: "every subscription",
        keys.subscription(generation, 1).key: "subscription 1",
        keys.subscription(generation, 2).key: "subscription 2",
        keys.pay_methods.key: "payment methods",
        keys.profile.key: "profile",
    }


@pytest.mark.parametrize("kind", CHANGES)
async def test_each_change_clears_exactly_what_it_made_stale(world: BillingWorld, kind: BillingChangeKind) -> None:
    await world.link(HANAKO_CUSTOMER)
    names = await fill_everything(world)
    before = set(world.cache.live_keys())
    assert set(names) <= before

    assert await world.apply_change().execute(f"msg_{kind}", CHANGES[kind]) == "applied"

    after = set(world.cache.live_keys())
    cleared = {names.get(key, key) for key in before - after}
    assert cleared == EXPECTED[kind]
    assert after - before == {BillingKeys(HANAKO_CUSTOMER.cache_scope).fence}  # the stamp against racing fills


async def test_a_cleared_invoice_list_refetches_every_page_and_filter(world: BillingWorld) -> None:
    await world.link(HANAKO_CUSTOMER)
    await fill_everything(world)
    await world.apply_change().execute("msg_1", CHANGES["invoice.created"])
    calls = world.calls("list_invoices")
    await world.list_invoices().execute(HANAKO_CUSTOMER)
    await world.list_invoices().execute(HANAKO_CUSTOMER, status="Unpaid")
    assert world.calls("list_invoices") == calls + 2


async def test_a_repeated_delivery_is_applied_once(world: BillingWorld) -> None:
    await world.link(HANAKO_CUSTOMER)
    assert await world.apply_change().execute("msg_1", CHANGES["paymethod.updated"]) == "applied"
    world.clock.advance(2)  # past the fence: a fill right after an invalidation is served but not stored
    await world.pay_methods().execute(HANAKO_CUSTOMER)
    assert await world.apply_change().execute("msg_1", CHANGES["paymethod.updated"]) == "duplicate"
    assert BillingKeys(HANAKO_CUSTOMER.cache_scope).pay_methods.key in world.cache.live_keys()


async def test_with_the_receipt_store_down_deliveries_are_still_applied(world: BillingWorld) -> None:
    await world.link(HANAKO_CUSTOMER)
    world.receipts.available = False
    for _ in range(2):
        world.clock.advance(2)
        await world.pay_methods().execute(HANAKO_CUSTOMER)
        assert await world.apply_change().execute("msg_1", CHANGES["paymethod.updated"]) == "applied"
        assert BillingKeys(HANAKO_CUSTOMER.cache_scope).pay_methods.key not in world.cache.live_keys()


async def test_a_client_nobody_linked_has_nothing_to_clear(world: BillingWorld) -> None:
    await world.pay_methods().execute(HANAKO_CUSTOMER)
    before = world.cache.live_keys()
    assert await world.apply_change().execute("msg_1", CHANGES["paymethod.updated"]) == "not-linked"
    unattributed = BillingChange(kind="service.updated", client_id=0, service_id=5)
    assert await world.apply_change().execute("msg_2", unattributed) == "not-linked"
    assert world.cache.live_keys() == before


class BrokenLinks:
    async def get_by_whmcs_client(self, *_: object) -> None:
        raise ConnectionError("database down")


async def test_a_delivery_that_failed_is_applied_when_retried(world: BillingWorld) -> None:
    await world.link(HANAKO_CUSTOMER)
    failing = world.apply_change()
    links: AccountLinkRepository = BrokenLinks()  # type: ignore[assignment]
    failing._uow.links = links  # type: ignore[misc]
    with pytest.raises(ConnectionError):
        await failing.execute("msg_1", CHANGES["paymethod.updated"])
    assert await world.apply_change().execute("msg_1", CHANGES["paymethod.updated"]) == "applied"
