"""The catalog grouped as the frontend shows it; prices are JPY excluding 10 % consumption tax (the wire shape is
the HTTP side's, `entrypoints/http/catalog/wire.py`)."""

from __future__ import annotations

from decimal import Decimal

import msgspec

from application.ports.crm_models import CRM_CURRENCY

FAMILIES = ("internet", "sim", "vpn")
ACCESS_MODES = ("IPoE (own router)", "IPoE Home Gateway", "PPPoE")
CURRENCY = CRM_CURRENCY
TAX_RATE = Decimal("0.10")  # consumption tax, as a fraction; prices exclude it


class Offer(msgspec.Struct, frozen=True, kw_only=True, rename="camel", omit_defaults=True):
    sku: str
    name: str
    price: Decimal  # per billing cycle, excluding tax
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


class Offering(msgspec.Struct, frozen=True, kw_only=True, rename="camel"):
    offering_type: str
    plans: tuple[Offer, ...]


class InternetCatalog(msgspec.Struct, frozen=True, kw_only=True, rename="camel"):
    offerings: tuple[Offering, ...]  # plans by offering (dwelling) type, tiers in display order
    installations: tuple[Offer, ...]  # exactly one per order
    addons: tuple[Offer, ...]
    access_modes: tuple[str, ...] = ACCESS_MODES


class SimCatalog(msgspec.Struct, frozen=True, kw_only=True, rename="camel"):
    plans: tuple[Offer, ...]
    family_plans: tuple[Offer, ...]  # only for customers with an active SIM service
    activation_fee: Offer | None  # required exactly once per order
    addons: tuple[Offer, ...]  # voice plans only


class VpnCatalog(msgspec.Struct, frozen=True, kw_only=True, rename="camel"):
    plans: tuple[Offer, ...]  # one per region
    activation_fee: Offer | None  # required exactly once per order


class PortalCatalog(msgspec.Struct, frozen=True, kw_only=True):
    """Everything orderable, grouped: what the account views are filtered from."""

    internet: InternetCatalog
    sim: SimCatalog
    vpn: VpnCatalog
