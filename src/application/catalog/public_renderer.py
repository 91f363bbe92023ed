"""How the anonymous catalog is written on the wire: the HTTP side's format, used by the catalog's projection.

The projection pre-serialises every public document once per build (the API then sends stored bytes and strong
ETags without encoding anything per request); which fields and links those bytes carry is the public API's
business, so the projection asks this port for them.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import Protocol

import msgspec

from application.catalog.views import InternetCatalog, SimCatalog, VpnCatalog


class FamilySummary(msgspec.Struct, frozen=True, kw_only=True):
    family: str  # "internet", "sim", "vpn"
    plan_count: int
    lowest_monthly_price: Decimal | None
    etag: str  # the strong ETag of the family's own document


class PublicCatalogRenderer(Protocol):
    def family(self, view: InternetCatalog | SimCatalog | VpnCatalog) -> bytes:
        """The public document of one service family."""
        ...

    def index(self, services: Sequence[FamilySummary]) -> bytes:
        """The index of the families, each with a link to its document."""
        ...
