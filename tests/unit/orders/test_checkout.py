"""Checkout on twins: what a valid order becomes in the CRM, and each validator's own code."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import msgspec
import pytest

from application.errors import ApplicationError
from application.identity.linked_customer import LinkedCustomer
from application.orders.checkout_command import CartItem, PlaceOrderCommand, SimChoice
from application.ports.crm_models import CrmAddress
from domain.errors import DomainError
from domain.orders.sim_request import MnpHolder, MnpRequest
from tests.unit.orders.world import EID, OrdersWorld, sim_order

HOLDER = MnpHolder(
    last_name_kanji="鈴木", first_name_kanji="由紀", last_name_kana="スズキ", first_name_kana="ユキ", gender="W",
    birthday=dt.date(1992, 8, 20),
)  # fmt: skip


def internet(*skus: str, key: str = "net", access_mode: str | None = None) -> PlaceOrderCommand:
    return PlaceOrderCommand(
        idempotency_key=key, order_type="Internet", items=tuple(CartItem(sku=s) for s in skus), access_mode=access_mode
    )


def vpn(*skus: str) -> PlaceOrderCommand:
    return PlaceOrderCommand(idempotency_key="vpn", order_type="VPN", items=tuple(CartItem(sku=s) for s in skus))


async def refusal(
    world: OrdersWorld, customer: LinkedCustomer, command: PlaceOrderCommand
) -> tuple[str, dict[str, str]]:
    with pytest.raises((ApplicationError, DomainError)) as refused:
        await world.place_order().execute(customer, command)
    error = refused.value
    return str(getattr(error, "code", "")), dict(getattr(error, "fields", {}) or {})


async def test_a_sim_order_is_created_pending_review_with_catalog_prices_options_and_address(
    world: OrdersWorld,
) -> None:
    hanako = world.customers["SH-100001"]
    command = sim_order("sim", skus=("SIM-10GB-VOICE", "SIM-ACTIVATION-FEE", "SIM-ADDON-CALL-WAITING"))

    view = await world.place_order().execute(hanako, command)

    order = await world.order(view.id)
    assert (order.status, order.order_type, order.account_id) == ("Pending Review", "SIM", hanako.sf_account_id)
    assert [(i.sku, i.unit_price, i.billing_cycle) for i in order.items] == [
        ("SIM-10GB-VOICE", Decimal(2480), "Monthly"),
        ("SIM-ACTIVATION-FEE", Decimal(3300), "Onetime"),
        ("SIM-ADDON-CALL-WAITING", Decimal(200), "Monthly"),
    ]
    assert (order.options.sim_type, order.options.sim_call_waiting, order.options.sim_voice_mail) == (
        "physical", True, False,
    )  # fmt: skip
    billing = (await world.billing.clients.get_client(hanako.whmcs_client_id)).address
    assert order.billing_address == CrmAddress(
        street=billing.address1, city=billing.city, prefecture=billing.state, postcode=billing.postcode
    )  # WHMCS's billing address (authoritative), as it is at checkout
    assert order.activation_type == "Immediate"
    assert view.total_amount == 2480 + 3300 + 200
    assert [o.id for o in await world.list_orders().execute(hanako)] == [view.id]


async def test_a_port_in_keeps_the_holder_for_fulfilment_and_the_reservation_on_the_order(world: OrdersWorld) -> None:
    mnp = MnpRequest(reservation_number="4012345678", expires_on=dt.date(2026, 11, 15), phone_number="090-9876-5432",
                     holder=HOLDER)  # fmt: skip
    command = sim_order("mnp", sim=SimChoice(type="eSIM", eid=EID, mnp=mnp))

    view = await world.place_order().execute(world.customers["SH-100001"], command)

    order = await world.order(view.id)
    assert (order.options.mnp_reservation_number, order.options.mnp_phone_number) == ("4012345678", "09098765432")
    assert order.key is not None
    assert await world.port_ins.get(order.key) == HOLDER


async def test_an_internet_order_for_an_eligible_customer_without_internet(world: OrdersWorld) -> None:
    world.billing.world.pay_methods.update(
        {(9000 + k): (6, m) for k, (owner, m) in enumerate(world.billing.world.pay_methods.values()) if owner == 1}
    )
    command = internet(
        "INTERNET-APT-1G-PRO", "INTERNET-INSTALL-12M", "INTERNET-INSTALL-WEEKEND", "INTERNET-ADDON-HOME-PHONE",
        "INTERNET-ADDON-PHONE-SETUP", access_mode="PPPoE",
    )  # fmt: skip
    view = await world.place_order().execute(world.customers["SH-100006"], command)

    options = (await world.order(view.id)).options
    assert (options.internet_plan_tier, options.installation_type, options.weekend_install) == (
        "Pro", "INTERNET-INSTALL-12M", True,
    )  # fmt: skip
    assert (options.hikari_denwa, options.access_mode) == (True, "PPPoE")


@pytest.mark.parametrize(
    ("number", "command", "code", "field"),
    [
        ("SH-100006", sim_order("a"), "PAYMENT_METHOD_MISSING", None),
        ("SH-100001", sim_order("b", skus=("SIM-10GB-VOICE", "SIM-ACTIVATION-FEE", "NO-SUCH-SKU")), "SKU_NOT_ORDERABLE",
         "items[2].sku"),
        ("SH-100001", sim_order("c", skus=("SIM-1GB-DATA", "SIM-ACTIVATION-FEE")), "SKU_NOT_ORDERABLE", "items[0].sku"),
        ("SH-100001", sim_order("d", skus=("SIM-10GB-VOICE", "VPN-ACTIVATION-FEE")), "ORDER_TYPE_MISMATCH",
         "items[1].sku"),
        ("SH-100001", sim_order("e", skus=("SIM-ACTIVATION-FEE",)), "PLAN_REQUIRED", "items"),
        ("SH-100001", sim_order("f", skus=("SIM-10GB-VOICE", "SIM-3GB-DATA", "SIM-ACTIVATION-FEE")), "PLAN_REQUIRED",
         "items"),
        ("SH-100001", sim_order("g", skus=("SIM-10GB-VOICE",)), "ACTIVATION_FEE_MISSING", "items"),
        ("SH-100001", vpn("VPN-USA-SF"), "ACTIVATION_FEE_MISSING", "items"),
        ("SH-100001", sim_order("h", skus=("SIM-10GB-DATA", "SIM-ACTIVATION-FEE", "SIM-ADDON-VOICEMAIL")),
         "ADDON_NOT_ALLOWED", "items[2]"),
        ("SH-100001", internet("INTERNET-HOME-1G-PRO", "INTERNET-INSTALL-ONCE"), "INTERNET_SERVICE_EXISTS", "items"),
        ("SH-100001", internet("INTERNET-APT-1G-PRO", "INTERNET-INSTALL-ONCE"), "INTERNET_NOT_ELIGIBLE", "items"),
        ("SH-100005", internet("INTERNET-APT-1G-PRO", "INTERNET-INSTALL-ONCE"), "INTERNET_NOT_ELIGIBLE", "items"),
        ("SH-100004", internet("INTERNET-HOME-1G-PRO", "INTERNET-INSTALL-ONCE"), "INTERNET_NOT_ELIGIBLE", "items"),
        ("SH-100001", internet("INTERNET-HOME-1G-PRO"), "INSTALLATION_REQUIRED", "items"),
        ("SH-100001", internet("INTERNET-HOME-1G-PRO", "INTERNET-INSTALL-ONCE", "INTERNET-INSTALL-24M"),
         "INSTALLATION_REQUIRED", "items"),
        ("SH-100001", internet("INTERNET-HOME-1G-PRO", "INTERNET-INSTALL-ONCE", "INTERNET-ADDON-HOME-PHONE"),
         "ADDON_REQUIRES_PRODUCT", "items[2]"),
        ("SH-100001", internet("INTERNET-HOME-1G-PRO", "INTERNET-INSTALL-ONCE", "INTERNET-ADDON-PHONE-SETUP"),
         "ADDON_REQUIRES_PRODUCT", "items[2]"),
        ("SH-100004", sim_order("i"), "ID_VERIFICATION_REQUIRED", None),
        ("SH-100001", sim_order("j", sim=SimChoice(type="eSIM", eid="1234")), "INVALID_EID", "sim.eid"),
        ("SH-100001", sim_order("k", sim=SimChoice(type="nano")), "SIM_TYPE_REQUIRED", "sim.type"),
        ("SH-100001", sim_order("l", sim=SimChoice(type="physical", eid=EID)), "INVALID_EID", "sim.eid"),
        ("SH-100001", PlaceOrderCommand(idempotency_key="m", order_type="Mobile", items=(CartItem(sku="x"),)),
         "INVALID_INPUT", "orderType"),
        ("SH-100001", PlaceOrderCommand(idempotency_key="n", order_type="VPN", items=(
            CartItem(sku="VPN-USA-SF"), CartItem(sku="VPN-ACTIVATION-FEE", quantity=2))),
         "ACTIVATION_FEE_DUPLICATED", "items[1]"),
        ("SH-100001", PlaceOrderCommand(idempotency_key="o", order_type="VPN", items=(
            CartItem(sku="VPN-USA-SF"), CartItem(sku="VPN-ACTIVATION-FEE")), activation_type="Scheduled"),
         "INVALID_ACTIVATION_DATE", "activationScheduledAt"),
        ("SH-100001", PlaceOrderCommand(idempotency_key="p", order_type="VPN", items=(
            CartItem(sku="VPN-USA-SF"), CartItem(sku="VPN-ACTIVATION-FEE")), access_mode="PPPoE"),
         "INVALID_INPUT", "accessMode"),
    ],
)  # fmt: skip
async def test_each_validator_refuses_with_its_own_code(
    world: OrdersWorld, number: str, command: PlaceOrderCommand, code: str, field: str | None
) -> None:
    found_code, fields = await refusal(world, world.customers[number], command)

    assert found_code == code
    if field is not None:
        assert field in fields
    assert world.crm.orders == {}  # nothing created


async def test_family_plans_are_for_customers_with_an_active_sim(world: OrdersWorld) -> None:
    family = sim_order("fam", skus=("SIM-10GB-VOICE-FAMILY", "SIM-ACTIVATION-FEE"))
    assert await world.place_order().execute(world.customers["SH-100001"], family)  # Hanako has a SIM
    sota = world.customers["SH-100006"]
    world.billing.world.pay_methods.update(
        {(9000 + k): (6, m) for k, (owner, m) in enumerate(world.billing.world.pay_methods.values()) if owner == 1}
    )
    assert (await refusal(world, sota, family))[0] == "FAMILY_DISCOUNT_NOT_AVAILABLE"


@pytest.mark.parametrize(
    ("mnp", "field"),
    [
        (MnpRequest(reservation_number="12345", expires_on=dt.date(2026, 11, 15), phone_number="09098765432",
                    holder=HOLDER), "sim.mnp.reservationNumber"),
        (MnpRequest(reservation_number="4012345678", expires_on=dt.date(2026, 11, 1), phone_number="09098765432",
                    holder=HOLDER), "sim.mnp.expiresOn"),
        (MnpRequest(reservation_number="4012345678", expires_on=dt.date(2026, 11, 15), phone_number="0312345678",
                    holder=HOLDER), "sim.mnp.phoneNumber"),
        (MnpRequest(reservation_number="4012345678", expires_on=dt.date(2026, 11, 15), phone_number="09098765432",
                    holder=MnpHolder("鈴木", "由紀", "suzuki", "ユキ", "W", dt.date(1992, 8, 20))),
         "sim.mnp.lastNameKana"),
        (MnpRequest(reservation_number="4012345678", expires_on=dt.date(2026, 11, 15), phone_number="09098765432",
                    holder=MnpHolder("鈴木", "由紀", "スズキ", "ユキ", "X", dt.date(1992, 8, 20))), "sim.mnp.gender"),
    ],
)  # fmt: skip
async def test_mnp_details_are_checked_field_by_field(world: OrdersWorld, mnp: MnpRequest, field: str) -> None:
    command = sim_order("mnp", sim=SimChoice(type="eSIM", eid=EID, mnp=mnp))

    code, fields = await refusal(world, world.customers["SH-100001"], command)

    assert (code, list(fields)) == ("INVALID_MNP", [field])


async def test_sim_checkout_reads_the_verification_read_model_the_decision_event_refreshes(world: OrdersWorld) -> None:
    daichi = world.customers["SH-100004"]
    assert (await refusal(world, daichi, sim_order("before")))[0] == "ID_VERIFICATION_REQUIRED"  # stored now
    account = world.crm.accounts[daichi.sf_account_id]
    world.crm.accounts[account.id] = msgspec.structs.replace(account, id_verification="Verified")
    # Until the decision's event, checkout goes by the stored status (no CRM read per checkout).
    assert (await refusal(world, daichi, sim_order("stale")))[0] == "ID_VERIFICATION_REQUIRED"
    await world.verification.invalidate(daichi.sf_account_id, once_for="event-1")
    assert await world.place_order().execute(daichi, sim_order("after"))
