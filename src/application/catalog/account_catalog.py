"""The personalised catalog: Internet plans the account is eligible for, SIM family plans for SIM customers."""

from __future__ import annotations

from typing import ClassVar

import msgspec

from application.catalog.catalog_read_model import CatalogReadModel
from application.catalog.service_presence import ServicePresenceReader
from application.catalog.views import ACCESS_MODES, Offer, Offering, SimCatalog, VpnCatalog
from application.eligibility.eligibility_read_model import EligibilityReadModel
from application.eligibility.views import EligibilityView, eligibility_view
from application.errors import UPSTREAM_OUTAGES, NotFoundError, Raises
from application.identity.linked_customer import LinkedCustomer
from domain.catalog.offers import internet_plan_offered


class AccountInternetCatalog(msgspec.Struct, frozen=True, kw_only=True, rename="camel"):
    eligibility: EligibilityView
    has_active_internet_service: bool  # a second Internet service cannot be ordered
    offerings: tuple[Offering, ...]  # only the offering the account is eligible for
    installations: tuple[Offer, ...]
    addons: tuple[Offer, ...]
    access_modes: tuple[str, ...] = ACCESS_MODES


class AccountSimCatalog(msgspec.Struct, frozen=True, kw_only=True, rename="camel"):
    has_active_sim_service: bool
    plans: tuple[Offer, ...]
    family_plans: tuple[Offer, ...]  # empty unless the customer already has an active SIM service
    activation_fee: Offer | None
    addons: tuple[Offer, ...]


class GetAccountCatalog:
    raises: ClassVar[Raises] = (NotFoundError, *UPSTREAM_OUTAGES)

    def __init__(
        self, catalog: CatalogReadModel, eligibility: EligibilityReadModel, presence: ServicePresenceReader
    ) -> None:
        self._catalog = catalog
        self._eligibility = eligibility
        self._presence = presence

    async def execute(
        self, customer: LinkedCustomer, family: str
    ) -> AccountInternetCatalog | AccountSimCatalog | VpnCatalog:
        snapshot = await self._catalog.current()
        catalog = snapshot.catalog
        if family == "internet":
            eligibility = await self._eligibility.get(customer.sf_account_id)
            presence = await self._presence.get(customer)
            offerings = tuple(
                o
                for o in catalog.internet.offerings
                if internet_plan_offered(o.offering_type, eligibility.status, eligibility.offering_type)
            )
            return AccountInternetCatalog(
                eligibility=eligibility_view(eligibility),
                has_active_internet_service=presence.has_active_internet,
                offerings=offerings,
                installations=catalog.internet.installations,
                addons=catalog.internet.addons,
            )
        if family == "sim":
            presence = await self._presence.get(customer)
            sim: SimCatalog = catalog.sim
            return AccountSimCatalog(
                has_active_sim_service=presence.has_active_sim,
                plans=sim.plans,
                family_plans=sim.family_plans if presence.has_active_sim else (),
                activation_fee=sim.activation_fee,
                addons=sim.addons,
            )
        if family == "vpn":
            vpn: VpnCatalog = catalog.vpn
            return vpn
        raise NotFoundError("No such service family.")
