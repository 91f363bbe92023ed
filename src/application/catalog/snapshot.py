"""One build of the catalog: the grouped catalog, the public documents as ready-to-send bytes with strong ETags,
and which CRM records it was built from (so change events about anything else can be ignored).

The bytes are made here, once per build, so no API process encodes anything per request; their wire format
(field names, links) comes from the `PublicCatalogRenderer` the HTTP side implements."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from datetime import datetime
from decimal import Decimal

import msgspec

from application.catalog.grouping import group_catalog
from application.catalog.public_renderer import FamilySummary, PublicCatalogRenderer
from application.catalog.views import FAMILIES, InternetCatalog, Offer, PortalCatalog, SimCatalog, VpnCatalog
from application.ports.catalog_source import CatalogEntry

INDEX = "index"


class CatalogSnapshot(msgspec.Struct, frozen=True, kw_only=True):
    catalog: PortalCatalog
    documents: dict[str, bytes]  # "index", "internet", "sim", "vpn": the public responses, byte for byte
    etags: dict[str, str]
    pricebook_ids: tuple[str, ...]
    entry_ids: tuple[str, ...]  # every entry of the portal price book, orderable or not
    product_ids: tuple[str, ...]
    built_at: datetime
    build_seconds: float


def strong_etag(body: bytes) -> str:
    return '"' + hashlib.sha256(body).hexdigest()[:32] + '"'


def public_view(catalog: PortalCatalog, family: str) -> InternetCatalog | SimCatalog | VpnCatalog:
    """Never personalised: family-discount SIM plans need an existing SIM service, so anonymous visitors lack them."""
    if family == "sim":
        return msgspec.structs.replace(catalog.sim, family_plans=())
    view: InternetCatalog | VpnCatalog = getattr(catalog, family)
    return view


def build_snapshot(
    entries: Sequence[CatalogEntry], renderer: PublicCatalogRenderer, *, built_at: datetime, build_seconds: float
) -> CatalogSnapshot:
    catalog = group_catalog(entries)
    documents = {family: renderer.family(public_view(catalog, family)) for family in FAMILIES}
    etags = {family: strong_etag(body) for family, body in documents.items()}
    summaries = [
        FamilySummary(
            family=family,
            plan_count=_plan_count(catalog, family),
            lowest_monthly_price=_lowest_monthly(catalog, family),
            etag=etags[family],
        )
        for family in FAMILIES
    ]
    documents[INDEX] = renderer.index(summaries)
    etags[INDEX] = strong_etag(documents[INDEX])
    return CatalogSnapshot(
        catalog=catalog,
        documents=documents,
        etags=etags,
        pricebook_ids=tuple(sorted({e.pricebook_id for e in entries})),
        entry_ids=tuple(sorted(e.entry_id for e in entries)),
        product_ids=tuple(sorted({e.product_id for e in entries})),
        built_at=built_at,
        build_seconds=build_seconds,
    )


def _plans(catalog: PortalCatalog, family: str) -> tuple[Offer, ...]:
    if family == "internet":
        return tuple(plan for offering in catalog.internet.offerings for plan in offering.plans)
    return catalog.sim.plans if family == "sim" else catalog.vpn.plans


def _plan_count(catalog: PortalCatalog, family: str) -> int:
    return len(_plans(catalog, family))


def _lowest_monthly(catalog: PortalCatalog, family: str) -> Decimal | None:
    prices = [plan.price for plan in _plans(catalog, family) if plan.billing_cycle == "Monthly"]
    return min(prices) if prices else None


def encode_snapshot(snapshot: CatalogSnapshot) -> bytes:
    return msgspec.msgpack.encode(snapshot)


def decode_snapshot(data: bytes) -> CatalogSnapshot:
    return msgspec.msgpack.decode(data, type=CatalogSnapshot)
