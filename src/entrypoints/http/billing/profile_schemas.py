from __future__ import annotations

from typing import Annotated

import msgspec

from entrypoints.http.billing.invoice_schemas import View

Line = Annotated[str, msgspec.Meta(min_length=1, max_length=200)]


class AddressView(View):
    postcode: str
    prefecture: str
    city: str
    street: str
    street2: str
    country: str


class ProfileView(View):
    first_name: str
    last_name: str
    company_name: str
    email: str  # changed through the login settings, not here
    phone: str
    address: AddressView
    customer_number: str | None
    currency_code: str


class Input(msgspec.Struct, kw_only=True, rename="camel"):
    """Unknown fields are ignored (never applied), as in every request body of this API."""


class AddressInput(Input):
    postcode: Annotated[str, msgspec.Meta(min_length=1, max_length=16, examples=["150-0001"])]
    prefecture: Annotated[str, msgspec.Meta(min_length=1, max_length=16, examples=["Tokyo"])]
    city: Line
    street: Line
    street2: Annotated[str, msgspec.Meta(max_length=200)] | None = (
        None  # building and room; left out or empty: kept as it is
    )


class ProfilePatch(Input):
    """Only the fields sent change; an address is sent whole."""

    first_name: Annotated[str, msgspec.Meta(min_length=1, max_length=60)] | None = None
    last_name: Annotated[str, msgspec.Meta(min_length=1, max_length=60)] | None = None
    phone: Annotated[str, msgspec.Meta(min_length=1, max_length=32, examples=["090-1234-5678"])] | None = None
    address: AddressInput | None = None
