"""The catalog on the wire (camelCase): every price `Money`, the tax rate a percentage.

Both the public documents (rendered once per build, `documents.py`) and the signed-in customer's catalog
(`account.py`) are written through these, so a plan looks the same wherever it appears.
"""

from __future__ import annotations

import msgspec

from application.catalog.account_catalog import AccountInternetCatalog, AccountSimCatalog
from application.catalog.views import CURRENCY, TAX_RATE, InternetCatalog, Offer, Offering, SimCatalog, VpnCatalog
from application.eligibility.views import EligibilityView
from entrypoints.http.money import Money, Percent, money, percent_of_fraction

TAX_RATE_PERCENT = percent_of_fraction(TAX_RATE)


class OfferView(msgspec.Struct, frozen=True, kw_only=True, rename="camel", omit_defaults=True):
    sku: str
    name: str
    price: Money  # per billing cycle, excluding tax
    billing_cycle: str | None = None  # Monthly / Onetime
    item_class: str | None = None  # Service / Installation / Add-on / Activation
    display_order: int | None = None
    is_default: bool = False
    auto_add: bool = False
    required_skus: tuple[str, ...] = ()
    dependent_skus: tuple[str, ...] = ()
    exclusive_skus: tuple[str, ...] = ()
    offering_type: str | None = None  # Internet: must match the account's eligibility
    tier: str | None = None
    installment_months: int | None = None
    data_size: str | None = None  # SIM
    plan_type: str | None = None  # SIM: Voice / Data+SMS / Data
    family_discount: bool = False
    region: str | None = None  # VPN


class OfferingView(msgspec.Struct, frozen=True, kw_only=True, rename="camel"):
    offering_type: str
    plans: tuple[OfferView, ...]


class Priced(msgspec.Struct, frozen=True, kw_only=True, rename="camel"):
    tax_rate_percent: Percent = TAX_RATE_PERCENT  # consumption tax, to add to every price shown
    prices_include_tax: bool = False


class InternetCatalogView(Priced, frozen=True, kw_only=True):
    offerings: tuple[OfferingView, ...]  # plans by offering (dwelling) type, tiers in display order
    installations: tuple[OfferView, ...]  # exactly one per order
    addons: tuple[OfferView, ...]
    access_modes: tuple[str, ...]


class SimCatalogView(Priced, frozen=True, kw_only=True):
    plans: tuple[OfferView, ...]
    family_plans: tuple[OfferView, ...]  # only for customers with an active SIM service
    activation_fee: OfferView | None  # required exactly once per order
    addons: tuple[OfferView, ...]  # voice plans only


class VpnCatalogView(Priced, frozen=True, kw_only=True):
    plans: tuple[OfferView, ...]  # one per region
    activation_fee: OfferView | None  # required exactly once per order


class AccountInternetCatalogView(InternetCatalogView, frozen=True, kw_only=True):
    eligibility: EligibilityView
    has_active_internet_service: bool  # a second Internet service cannot be ordered


class AccountSimCatalogView(SimCatalogView, frozen=True, kw_only=True):
    has_active_sim_service: bool


def offer_view(offer: Offer) -> OfferView:
    fields = msgspec.structs.asdict(offer)
    return OfferView(**{**fields, "price": money(offer.price, CURRENCY)})


def offers(items: tuple[Offer, ...]) -> tuple[OfferView, ...]:
    return tuple(offer_view(item) for item in items)


def _offerings(items: tuple[Offering, ...]) -> tuple[OfferingView, ...]:
    return tuple(OfferingView(offering_type=o.offering_type, plans=offers(o.plans)) for o in items)


def _fee(offer: Offer | None) -> OfferView | None:
    return None if offer is None else offer_view(offer)


def internet_catalog_view(view: InternetCatalog) -> InternetCatalogView:
    return InternetCatalogView(
        offerings=_offerings(view.offerings),
        installations=offers(view.installations),
        addons=offers(view.addons),
        access_modes=view.access_modes,
    )


def sim_catalog_view(view: SimCatalog) -> SimCatalogView:
    return SimCatalogView(
        plans=offers(view.plans),
        family_plans=offers(view.family_plans),
        activation_fee=_fee(view.activation_fee),
        addons=offers(view.addons),
    )


def vpn_catalog_view(view: VpnCatalog) -> VpnCatalogView:
    return VpnCatalogView(plans=offers(view.plans), activation_fee=_fee(view.activation_fee))


def family_view(
    view: InternetCatalog | SimCatalog | VpnCatalog,
) -> InternetCatalogView | SimCatalogView | VpnCatalogView:
    if isinstance(view, InternetCatalog):
        return internet_catalog_view(view)
    return sim_catalog_view(view) if isinstance(view, SimCatalog) else vpn_catalog_view(view)


def account_internet_view(view: AccountInternetCatalog) -> AccountInternetCatalogView:
    return AccountInternetCatalogView(
        eligibility=view.eligibility,
        has_active_internet_service=view.has_active_internet_service,
        offerings=_offerings(view.offerings),
        installations=offers(view.installations),
        addons=offers(view.addons),
        access_modes=view.access_modes,
    )


def account_sim_view(view: AccountSimCatalog) -> AccountSimCatalogView:
    return AccountSimCatalogView(
        has_active_sim_service=view.has_active_sim_service,
        plans=offers(view.plans),
        family_plans=offers(view.family_plans),
        activation_fee=_fee(view.activation_fee),
        addons=offers(view.addons),
    )
