"""Failures are never cached, outages speak of "billing", and a cache outage only means live reads."""

from __future__ import annotations

import pytest

from application.errors import NotFoundError, UpstreamUnavailableError
from application.outages import BillingUnavailableError
from tests.unit.billing.test_ttls import FRAGMENTS, READS
from tests.unit.billing.world import HANAKO_CUSTOMER, KENJI_CUSTOMER, BillingWorld


def data_keys(world: BillingWorld) -> list[str]:
    return [key for key in world.cache.live_keys() if not key.endswith((":generation", ":invalidated-at"))]


@pytest.mark.parametrize("name", READS)
async def test_an_outage_is_reported_as_billing_unavailable_and_not_cached(world: BillingWorld, name: str) -> None:
    _, operation, read = READS[name]
    world.billing.world.fail_next(operation, UpstreamUnavailableError("WHMCS", retry_after=7))
    with pytest.raises(BillingUnavailableError) as raised:
        await read(world)
    assert raised.value.code == "BILLING_UNAVAILABLE"
    assert raised.value.retry_after == 7
    assert "billing system is unavailable" in raised.value.message
    assert [key for key in data_keys(world) if FRAGMENTS[name] in key] == []
    await read(world)  # the next read goes live and succeeds
    assert world.calls(operation) == 2


async def test_an_outage_behind_a_subscription_returns_nothing_partial(world: BillingWorld) -> None:
    world.billing.world.fail_next("get_invoice", UpstreamUnavailableError("WHMCS"))
    with pytest.raises(BillingUnavailableError):
        await world.subscription().execute(HANAKO_CUSTOMER, 1)


@pytest.mark.parametrize("name", READS)
async def test_with_the_cache_down_every_read_is_live_and_succeeds(world: BillingWorld, name: str) -> None:
    _, operation, read = READS[name]
    world.cache.available = False
    first, second = await read(world), await read(world)
    assert first == second
    assert world.calls(operation) == 2


async def test_someone_elses_invoice_is_not_found_and_not_cached(world: BillingWorld) -> None:
    kenjis_invoice = 7
    for _ in range(2):
        with pytest.raises(NotFoundError, match="Invoice not found"):
            await world.get_invoice().execute(HANAKO_CUSTOMER, kenjis_invoice)
    assert world.calls("get_invoice") == 2
    assert data_keys(world) == []


@pytest.mark.parametrize("invoice_id", [0, -1])
async def test_impossible_invoice_ids_are_not_found_without_asking(world: BillingWorld, invoice_id: int) -> None:
    with pytest.raises(NotFoundError):
        await world.get_invoice().execute(HANAKO_CUSTOMER, invoice_id)
    with pytest.raises(NotFoundError):
        await world.pay_link().execute(HANAKO_CUSTOMER, invoice_id)
    assert world.billing.world.calls == []


async def test_someone_elses_subscription_is_not_found(world: BillingWorld) -> None:
    kenjis_vpn = 3
    with pytest.raises(NotFoundError, match="Subscription not found"):
        await world.subscription().execute(HANAKO_CUSTOMER, kenjis_vpn)
    assert (await world.subscription().execute(KENJI_CUSTOMER, kenjis_vpn)).service.id == kenjis_vpn


async def test_pay_and_manage_links_are_single_use_and_never_cached(world: BillingWorld) -> None:
    first = await world.pay_link().execute(HANAKO_CUSTOMER, 6)
    second = await world.pay_link().execute(HANAKO_CUSTOMER, 6)
    manage = await world.manage_link().execute(HANAKO_CUSTOMER)
    assert len({first.url, second.url, manage.url}) == 3
    assert world.cache.live_keys() == []
    with pytest.raises(NotFoundError, match="Invoice not found"):
        await world.pay_link().execute(HANAKO_CUSTOMER, 7)


async def test_a_link_outage_is_a_billing_outage(world: BillingWorld) -> None:
    world.billing.world.fail_next("create_payment_methods_sso_link", UpstreamUnavailableError("WHMCS"))
    with pytest.raises(BillingUnavailableError):
        await world.manage_link().execute(HANAKO_CUSTOMER)
