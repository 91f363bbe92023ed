"""`OrderOpportunities` on both sides: the real adapter against the emulator and the twin behave alike."""

from __future__ import annotations

import msgspec
import pytest

from application.errors import NotFoundError
from tests.contract.salesforce.conftest import Crm
from tests.contract.salesforce.test_orders import internet_order

HANAKO, DAICHI = "SH-100001", "SH-100004"


async def test_the_demo_worlds_introduction_opportunity_is_open_for_internet(crm: Crm) -> None:
    account = crm.ids.accounts[DAICHI]
    [found] = await crm.opportunities.open_for(account, "Internet")
    assert (found.id, found.account_id, found.stage, found.product) == (
        crm.ids.opportunities[DAICHI],
        account,
        "Introduction",
        "Internet",
    )
    assert (found.whmcs_service_id, found.registration, found.order_keys) == (None, None, ())
    assert await crm.opportunities.open_for(account, "SIM") == ()
    assert await crm.opportunities.open_for(crm.ids.accounts[HANAKO], "Internet") == ()


async def test_created_ones_are_listed_newest_first_and_move_forward(crm: Crm) -> None:
    account = crm.ids.accounts[HANAKO]
    first = await crm.opportunities.create(account, "VPN", "Introduction")
    second = await crm.opportunities.create(account, "VPN", "Ready")
    assert first.startswith("006")
    assert [o.id for o in await crm.opportunities.open_for(account, "VPN")] == [second, first]
    await crm.opportunities.move_to(first, "Ready")
    assert (await crm.opportunities.get(first)).stage == "Ready"
    await crm.opportunities.move_to(second, "Closed Lost")
    assert [o.id for o in await crm.opportunities.open_for(account, "VPN")] == [first]


async def test_an_opportunity_knows_the_orders_pointing_at_it(crm: Crm) -> None:
    account = crm.ids.accounts[HANAKO]
    opportunity = await crm.opportunities.create(account, "Internet", "Ready")
    order = msgspec.structs.replace(internet_order(crm, key="linked"), opportunity_id=opportunity)
    created = await crm.orders.create_order(order)
    assert created.opportunity_id == opportunity
    assert (await crm.opportunities.get(opportunity)).order_keys == ("linked",)


async def test_a_recorded_service_closes_it_for_reuse(crm: Crm) -> None:
    account = crm.ids.accounts[HANAKO]
    opportunity = await crm.opportunities.create(account, "SIM", "Ready")
    await crm.opportunities.record_service(opportunity, "42", "2026-11-02")
    await crm.opportunities.record_service(opportunity, "42", "2026-11-02")  # again: nothing changes
    found = await crm.opportunities.get(opportunity)
    assert (found.whmcs_service_id, found.registration, found.account_id) == ("42", "2026-11-02", account)
    assert await crm.opportunities.open_for(account, "SIM") == ()


@pytest.mark.parametrize("unknown", ["006RO00000000ZZYAA", "not-an-id", "001' OR Name != '"])
async def test_an_unknown_or_malformed_id_is_not_found(crm: Crm, unknown: str) -> None:
    with pytest.raises(NotFoundError):
        await crm.opportunities.get(unknown)
    with pytest.raises(NotFoundError):
        await crm.opportunities.record_service(unknown, "1", "2026-11-02")


async def test_an_unknown_account_gets_no_opportunity(crm: Crm) -> None:
    with pytest.raises(NotFoundError):
        await crm.opportunities.create("001RO00000000ZZYAA", "SIM", "Ready")
