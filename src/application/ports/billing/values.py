"""Values several billing roles share."""

from __future__ import annotations

import msgspec


class PostalAddress(msgspec.Struct, frozen=True, kw_only=True):
    address1: str
    city: str
    state: str  # the prefecture
    postcode: str  # NNN-NNNN
    country: str = "JP"  # ISO 3166-1 alpha-2
    address2: str = ""


class CustomFieldValue(msgspec.Struct, frozen=True, kw_only=True):
    id: int
    value: str
    name: str = ""  # present where WHMCS sends it (service fields); client fields carry only ids
