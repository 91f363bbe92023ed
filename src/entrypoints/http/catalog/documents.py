"""The public catalog's documents as the API sends them: JSON, camelCase, the index linking to each family.

The consumer (`portal cdc`) and the API both build catalog snapshots, and each snapshot carries these bytes, so
both processes render through this module (the API by its providers, the consumer by passing
`PublicCatalogDocuments` to the container). It imports no web framework.
"""

from __future__ import annotations

from collections.abc import Sequence

import msgspec
from dishka import Provider, Scope, provide

from application.catalog.public_renderer import FamilySummary, PublicCatalogRenderer
from application.catalog.views import CURRENCY, InternetCatalog, SimCatalog, VpnCatalog
from entrypoints.http.catalog.wire import TAX_RATE_PERCENT, family_view
from entrypoints.http.money import Money, Percent, optional_money
from entrypoints.http.routes import PUBLIC_CATALOG_URL


class ServiceSummary(msgspec.Struct, frozen=True, kw_only=True, rename="camel"):
    family: str
    path: str
    plan_count: int
    lowest_monthly_price: Money | None  # excluding tax
    etag: str


class CatalogIndex(msgspec.Struct, frozen=True, kw_only=True, rename="camel"):
    services: tuple[ServiceSummary, ...]
    tax_rate_percent: Percent = TAX_RATE_PERCENT
    prices_include_tax: bool = False


def family_url(family: str) -> str:
    return f"{PUBLIC_CATALOG_URL}/{family}"


class PublicCatalogJson:
    """`PublicCatalogRenderer` for the public API."""

    def family(self, view: InternetCatalog | SimCatalog | VpnCatalog) -> bytes:
        return msgspec.json.encode(family_view(view))

    def index(self, services: Sequence[FamilySummary]) -> bytes:
        summaries = tuple(
            ServiceSummary(
                family=s.family,
                path=family_url(s.family),
                plan_count=s.plan_count,
                lowest_monthly_price=optional_money(s.lowest_monthly_price, CURRENCY),
                etag=s.etag,
            )
            for s in services
        )
        return msgspec.json.encode(CatalogIndex(services=summaries))


class PublicCatalogDocuments(Provider):
    """Given to the container by every process that builds catalog snapshots (the API and the consumer)."""

    renderer = provide(PublicCatalogJson, provides=PublicCatalogRenderer, scope=Scope.APP)
