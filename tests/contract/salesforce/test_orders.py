from __future__ import annotations

import datetime as dt
from decimal import Decimal

import msgspec
import pytest

from application.errors import InvalidInputError, NotFoundError
from application.ports.crm_models import CrmAddress
from application.ports.order_desk import ActivationUpdate, NewOrder, NewOrderItem, OrderOptions
from tests.contract.salesforce.conftest import Crm

ADDRESS = CrmAddress(street="2-21-1 Shibuya", city="Shibuya-ku", prefecture="Tokyo", postcode="150-0002")


def internet_order(crm: Crm, *, key: str = "order-1", skus: tuple[str, ...] = ()) -> NewOrder:
    prices = {"INTERNET-HOME-1G-PRO": Decimal(6300), "INTERNET-INSTALL-ONCE": Decimal(22000)}
    chosen = skus or tuple(prices)
    return NewOrder(
        key=key,
        account_id=crm.ids.accounts["SH-100001"],
        order_type="Internet",
        effective_date=dt.date(2026, 11, 1),
        items=tuple(
            NewOrderItem(entry_id=crm.ids.portal_entries[sku], unit_price=prices.get(sku, Decimal(1000)))
            for sku in chosen
        ),
        billing_address=ADDRESS,
        activation_type="Scheduled",
        activation_scheduled_at=dt.datetime(2026, 12, 1, 1, 0, tzinfo=dt.UTC),
        options=OrderOptions(access_mode="IPoE Home Gateway", internet_plan_tier="Pro"),
    )


async def test_creates_an_order_pending_review_with_its_items(crm: Crm) -> None:
    order = await crm.orders.create_order(internet_order(crm))

    assert order.id.startswith("801")
    assert (order.status, order.order_type, order.account_id) == (
        "Pending Review",
        "Internet",
        crm.ids.accounts["SH-100001"],
    )
    assert order.total_amount == Decimal(28300)
    assert order.activation_scheduled_at == dt.datetime(2026, 12, 1, 1, 0, tzinfo=dt.UTC)
    assert [(i.sku, i.quantity, i.unit_price, i.whmcs_product_id) for i in order.items] == [
        ("INTERNET-HOME-1G-PRO", 1, Decimal(6300), 112),
        ("INTERNET-INSTALL-ONCE", 1, Decimal(22000), 131),
    ]
    assert await crm.orders.get_order(order.id) == order


async def test_lists_an_accounts_orders_newest_first(crm: Crm) -> None:
    first = await crm.orders.create_order(internet_order(crm, key="a"))
    second = await crm.orders.create_order(internet_order(crm, key="b"))

    listed = await crm.orders.list_orders(crm.ids.accounts["SH-100001"])

    assert [o.id for o in listed] == [second.id, first.id]
    assert listed[0].items == second.items
    assert await crm.orders.list_orders(crm.ids.accounts["SH-100005"]) == ()


async def test_the_same_key_never_creates_a_second_order(crm: Crm) -> None:
    first = await crm.orders.create_order(internet_order(crm, key="retry-me"))

    again = await crm.orders.create_order(internet_order(crm, key="retry-me"))

    assert again.id == first.id
    assert len(await crm.orders.list_orders(crm.ids.accounts["SH-100001"])) == 1


async def test_another_accounts_order_is_not_found(crm: Crm) -> None:
    order = await crm.orders.create_order(internet_order(crm))

    with pytest.raises(NotFoundError):
        await crm.orders.get_order(order.id, account_id=crm.ids.accounts["SH-100004"])
    assert (await crm.orders.get_order(order.id, account_id=crm.ids.accounts["SH-100001"][:15])).id == order.id


@pytest.mark.parametrize("order_id", ["801RO00000000ZZYAA", "801RO0000000999", "x' OR Id != 'y"])
async def test_unknown_orders_are_not_found(crm: Crm, order_id: str) -> None:
    with pytest.raises(NotFoundError):
        await crm.orders.get_order(order_id)


async def test_an_inactive_entry_refuses_the_whole_order_and_leaves_nothing_behind(crm: Crm) -> None:
    order = internet_order(crm, skus=("INTERNET-HOME-1G-PRO", "SIM-1GB-DATA"))

    with pytest.raises(InvalidInputError) as refused:
        await crm.orders.create_order(order)

    assert "PricebookEntryId" in refused.value.fields
    assert await crm.orders.list_orders(crm.ids.accounts["SH-100001"]) == ()


async def test_an_order_needs_items_and_at_most_24_of_them(crm: Crm) -> None:
    with pytest.raises(InvalidInputError):
        await crm.orders.create_order(msgspec.structs.replace(internet_order(crm), items=()))
    too_many = internet_order(crm).items[0:1] * 25
    with pytest.raises(InvalidInputError):
        await crm.orders.create_order(msgspec.structs.replace(internet_order(crm), items=too_many))


async def test_fulfilment_writes_back_activation_fields_and_service_ids(crm: Crm) -> None:
    order = await crm.orders.create_order(internet_order(crm))

    await crm.orders.update_activation(
        order.id, ActivationUpdate(activation_status="Failed", error_code="PAYMENT_METHOD_MISSING", error_message="x")
    )
    await crm.orders.update_activation(
        order.id,
        ActivationUpdate(activation_status="Activated", error_code=None, error_message=None, whmcs_order_id="77"),
    )
    await crm.orders.update_item_service(order.items[0].id, "9001")

    updated = await crm.orders.get_order(order.id)
    assert (updated.activation_status, updated.activation_error_code, updated.whmcs_order_id) == (
        "Activated",
        None,
        "77",
    )
    assert updated.status == "Pending Review"  # UNSET fields are left alone
    assert [i.whmcs_service_id for i in updated.items] == ["9001", None]


async def test_writing_back_to_an_unknown_order_is_not_found(crm: Crm) -> None:
    with pytest.raises(NotFoundError):
        await crm.orders.update_activation("801RO00000000ZZYAA", ActivationUpdate(activation_status="Activated"))


async def test_an_order_reads_back_its_options_address_snapshot_and_key(crm: Crm) -> None:
    sim = msgspec.structs.replace(
        internet_order(crm, key="sim-options"),
        order_type="SIM",
        options=OrderOptions(
            sim_type="eSIM",
            eid="89049032000001000000012345678901",
            sim_voice_mail=True,
            mnp_reservation_number="4012345678",
            mnp_expiry_date=dt.date(2026, 11, 20),
            mnp_phone_number="09098765432",
        ),
    )
    order = await crm.orders.create_order(sim)

    read = await crm.orders.get_order(order.id)
    assert read.options == sim.options
    assert read.billing_address == ADDRESS
    assert read.key == "sim-options"


async def test_locates_the_account_of_an_order_and_of_its_items(crm: Crm) -> None:
    order = await crm.orders.create_order(internet_order(crm))
    account = crm.ids.accounts["SH-100001"]

    assert await crm.orders.locate(order.id) == account
    assert await crm.orders.locate(order.items[1].id) == account
    assert await crm.orders.locate("801RO00000000ZZYAA") is None


async def test_finds_orders_awaiting_fulfilment(crm: Crm) -> None:
    waiting = await crm.orders.create_order(internet_order(crm, key="waiting"))
    pending = await crm.orders.create_order(internet_order(crm, key="pending"))
    done = await crm.orders.create_order(internet_order(crm, key="done"))
    await crm.orders.update_activation(waiting.id, ActivationUpdate(status="Processed", activation_status="Activating"))
    await crm.orders.update_activation(
        done.id, ActivationUpdate(status="Processed", activation_status="Activating", whmcs_order_id="5")
    )

    assert await crm.orders.find_awaiting_fulfilment(("Processed", "Reactivate")) == (waiting.id,)
    assert await crm.orders.find_awaiting_fulfilment(("Reactivate",)) == ()
    assert pending.id not in await crm.orders.find_awaiting_fulfilment(("Pending Review",))
