"""The orders API's request bodies (camelCase on the wire; the frontend generates its client from these)"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

import msgspec

Text = Annotated[str, msgspec.Meta(min_length=1, max_length=100)]
Name = Annotated[str, msgspec.Meta(min_length=1, max_length=40)]


class Camel(msgspec.Struct, kw_only=True, rename="camel"):
    pass


class CartItemIn(Camel):
    sku: Annotated[str, msgspec.Meta(min_length=1, max_length=80)]
    quantity: Annotated[int, msgspec.Meta(ge=1, le=99)] = 1


class MnpHolderIn(Camel):
    """The holder as the current carrier registered them (names in kanji and full-width katakana)."""

    last_name_kanji: Name
    first_name_kanji: Name
    last_name_kana: Name
    first_name_kana: Name
    gender: Annotated[str, msgspec.Meta(description="M, W or C (corporate)", min_length=1, max_length=1)]
    birthday: dt.date


class MnpIn(Camel):
    reservation_number: Annotated[
        str, msgspec.Meta(min_length=1, max_length=20, description="10 digits from your carrier")
    ]
    expires_on: dt.date
    phone_number: Annotated[str, msgspec.Meta(min_length=1, max_length=20, description="the mobile number to bring")]
    holder: MnpHolderIn


class SimIn(Camel):
    type: Annotated[str, msgspec.Meta(max_length=16, description="physical or eSIM")] | None = None
    eid: Annotated[str, msgspec.Meta(max_length=64, description="eSIM: the 32-digit EID")] | None = None
    mnp: MnpIn | None = None


class AddressIn(Camel):
    postcode: Annotated[str, msgspec.Meta(min_length=1, max_length=8)]
    prefecture: Text
    city: Text
    street: Annotated[str, msgspec.Meta(min_length=1, max_length=255)]


class PlaceOrderRequest(Camel):
    order_type: Annotated[str, msgspec.Meta(min_length=1, max_length=16, description="Internet, SIM or VPN")]
    items: Annotated[list[CartItemIn], msgspec.Meta(min_length=1, max_length=24)]
    activation_type: Literal["Immediate", "Scheduled"] = "Immediate"
    activation_scheduled_at: dt.datetime | None = None
    sim: SimIn | None = None
    access_mode: Annotated[str, msgspec.Meta(max_length=40)] | None = None
    address: AddressIn | None = None  # default: the billing address WHMCS holds
    opportunity_id: (
        Annotated[
            str,
            msgspec.Meta(
                min_length=15, max_length=18, pattern="^[a-zA-Z0-9]+$",
                description="The account's Opportunity to continue (e.g. from an availability check); default: the "
                "open one for this service, or a new one",
            ),
        ]
        | None
    ) = None  # fmt: skip
