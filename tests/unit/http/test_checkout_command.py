"""The checkout body reaches the use case whole: the command has the request's members by the same names, so the
controller converts instead of copying field by field, and nothing a client sends is dropped on the way."""

from __future__ import annotations

import dataclasses
import datetime as dt

import msgspec
import pytest

from application.orders.checkout_command import CartItem, PlaceOrderCommand, SimChoice
from application.ports.crm_models import CrmAddress
from domain.orders.sim_request import MnpHolder, MnpRequest
from entrypoints.http.orders.controller import command
from entrypoints.http.orders.schemas import AddressIn, CartItemIn, MnpHolderIn, MnpIn, PlaceOrderRequest, SimIn

# wire shape → the application's shape, and the application's members the wire does not carry
PAIRS: list[tuple[type, type, set[str]]] = [
    (PlaceOrderRequest, PlaceOrderCommand, {"idempotency_key"}),  # from the Idempotency-Key header
    (CartItemIn, CartItem, set()),
    (SimIn, SimChoice, set()),
    (MnpIn, MnpRequest, set()),
    (MnpHolderIn, MnpHolder, set()),
    (AddressIn, CrmAddress, {"country"}),  # orders ship within Japan
]


def _names(kind: type) -> set[str]:
    if dataclasses.is_dataclass(kind):
        return {f.name for f in dataclasses.fields(kind)}
    return {f.name for f in msgspec.structs.fields(kind)}


@pytest.mark.parametrize(("wire", "shape", "not_sent"), PAIRS, ids=[wire.__name__ for wire, _, _ in PAIRS])
def test_every_member_sent_has_its_namesake_in_the_command(wire: type, shape: type, not_sent: set[str]) -> None:
    assert _names(wire) == _names(shape) - not_sent


def test_a_full_checkout_body_arrives_unchanged() -> None:
    body = {
        "orderType": "SIM", "items": [{"sku": "SIM-10GB-VOICE"}, {"sku": "SIM-ACTIVATION-FEE", "quantity": 2}],
        "activationType": "Scheduled", "activationScheduledAt": "2027-01-04T10:00:00+09:00", "accessMode": "PPPoE",
        "sim": {"type": "eSIM", "eid": "8904", "mnp": {
            "reservationNumber": "1234567890", "expiresOn": "2027-01-31", "phoneNumber": "090-1234-5678",
            "holder": {"lastNameKanji": "田中", "firstNameKanji": "花子", "lastNameKana": "タナカ",
                       "firstNameKana": "ハナコ", "gender": "W", "birthday": "1990-04-01"}}},
        "address": {"postcode": "150-0001", "prefecture": "Tokyo", "city": "Shibuya", "street": "1-2-3"},
    }  # fmt: skip
    data = msgspec.json.decode(msgspec.json.encode(body), type=PlaceOrderRequest)

    holder = MnpHolder(
        last_name_kanji="田中", first_name_kanji="花子", last_name_kana="タナカ", first_name_kana="ハナコ", gender="W",
        birthday=dt.date(1990, 4, 1),
    )  # fmt: skip
    assert command(data, "key-1") == PlaceOrderCommand(
        idempotency_key="key-1", order_type="SIM",
        items=(CartItem(sku="SIM-10GB-VOICE"), CartItem(sku="SIM-ACTIVATION-FEE", quantity=2)),
        activation_type="Scheduled",
        activation_scheduled_at=dt.datetime(2027, 1, 4, 10, tzinfo=dt.timezone(dt.timedelta(hours=9))),
        sim=SimChoice(type="eSIM", eid="8904", mnp=MnpRequest(
            reservation_number="1234567890", expires_on=dt.date(2027, 1, 31), phone_number="090-1234-5678",
            holder=holder)),
        access_mode="PPPoE",
        address=CrmAddress(street="1-2-3", city="Shibuya", prefecture="Tokyo", postcode="150-0001"),
    )  # fmt: skip
