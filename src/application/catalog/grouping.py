"""From price-book entries to the per-family catalog: only orderable entries, in display order."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from decimal import Decimal

from application.catalog.views import InternetCatalog, Offer, Offering, PortalCatalog, SimCatalog, VpnCatalog
from application.ports.catalog_source import CatalogEntry


def to_offer(entry: CatalogEntry) -> Offer:
    return Offer(
        sku=entry.sku,
        name=entry.name,
        price=_plain(entry.unit_price),
        billing_cycle=entry.billing_cycle,
        item_class=entry.item_class,
        display_order=entry.display_order,
        is_default=entry.is_default,
        auto_add=entry.auto_add,
        required_skus=entry.required_skus,
        dependent_skus=entry.dependent_skus,
        exclusive_skus=entry.exclusive_skus,
        offering_type=entry.internet_offering_type,
        tier=entry.internet_plan_tier,
        installment_months=entry.installment_months,
        data_size=entry.sim_data_size,
        plan_type=entry.sim_plan_type,
        family_discount=entry.sim_family_discount,
        region=entry.vpn_region,
    )


def _plain(price: Decimal) -> Decimal:
    """5300.0 → 5300 (yen have no minor unit), keeping real fractions as they are."""
    return price.to_integral_value() if price == price.to_integral_value() else price


def _ordered(entries: Iterable[CatalogEntry]) -> tuple[Offer, ...]:
    def rank(e: CatalogEntry) -> tuple[int, Decimal, str]:
        return (e.display_order if e.display_order is not None else 1_000_000, e.unit_price, e.sku)

    chosen = sorted(entries, key=rank)
    return tuple(to_offer(e) for e in chosen)


def _of(entries: list[CatalogEntry], category: str, item_class: str) -> list[CatalogEntry]:
    return [
        e
        for e in entries
        if (e.category or "").casefold() == category and (e.item_class or "").casefold() == item_class
    ]


def _single(offers: tuple[Offer, ...]) -> Offer | None:
    return offers[0] if offers else None


def group_catalog(entries: Iterable[CatalogEntry]) -> PortalCatalog:
    orderable = [e for e in entries if e.orderable]
    internet_plans = _of(orderable, "internet", "service")
    offering_types = sorted(
        {e.internet_offering_type or "" for e in internet_plans}, key=_offering_rank(internet_plans)
    )
    internet = InternetCatalog(
        offerings=tuple(
            Offering(
                offering_type=o, plans=_ordered(e for e in internet_plans if (e.internet_offering_type or "") == o)
            )
            for o in offering_types
        ),
        installations=_ordered(_of(orderable, "internet", "installation")),
        addons=_ordered(_of(orderable, "internet", "add-on")),
    )
    sim_plans = _of(orderable, "sim", "service")
    sim = SimCatalog(
        plans=_ordered(e for e in sim_plans if not e.sim_family_discount),
        family_plans=_ordered(e for e in sim_plans if e.sim_family_discount),
        activation_fee=_single(_ordered(_of(orderable, "sim", "activation"))),
        addons=_ordered(_of(orderable, "sim", "add-on")),
    )
    vpn = VpnCatalog(
        plans=_ordered(_of(orderable, "vpn", "service")),
        activation_fee=_single(_ordered(_of(orderable, "vpn", "activation"))),
    )
    return PortalCatalog(internet=internet, sim=sim, vpn=vpn)


def _offering_rank(plans: list[CatalogEntry]) -> Callable[[str], tuple[Decimal, str]]:
    """Offerings from the most affordable up (Apartment before Home before 10G), as customers compare them."""
    cheapest: dict[str, Decimal] = {}
    for e in plans:
        key = e.internet_offering_type or ""
        cheapest[key] = min(cheapest.get(key, e.unit_price), e.unit_price)
    return lambda offering: (cheapest[offering], offering)
