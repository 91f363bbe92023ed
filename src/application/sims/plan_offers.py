"""Which SIM plans a customer may move one of their SIMs to: those the account catalog offers them (the family
plans only to customers who already have an active SIM, as the catalog shows them), of the same kind as the current
plan (voice to voice, data+SMS to data+SMS, data to data: the SIM card or profile itself does not change).

The current plan is the catalog entry billed as the service's WHMCS product (retired entries included, so a customer
on a plan no longer sold can still move to one that is). Prices and codes are the catalog's: the WHMCS product id
and monthly price, the Freebit plan code.
"""

from __future__ import annotations

from typing import Protocol

from application.catalog.account_catalog import AccountInternetCatalog, AccountSimCatalog
from application.catalog.views import VpnCatalog
from application.identity.linked_customer import LinkedCustomer
from application.ports.billing.services import Service
from application.ports.catalog_source import CatalogEntry, CatalogSource
from domain.sims.plan_change import PlanNotOfferedError, SimPlan

SIM_CATEGORY = "SIM"
SERVICE_CLASS = "Service"


def sim_plan(entry: CatalogEntry) -> SimPlan | None:
    if entry.whmcs_product_id is None or not entry.freebit_plan_code:
        return None  # not mapped to both systems: cannot be applied
    return SimPlan(
        sku=entry.sku,
        name=entry.name,
        product_id=entry.whmcs_product_id,
        plan_code=entry.freebit_plan_code,
        monthly_price=entry.unit_price,
    )


class AccountCatalogReader(Protocol):
    """What the customer is offered (`GetAccountCatalog`): the same rules as the catalog they browse."""

    async def execute(
        self, customer: LinkedCustomer, family: str
    ) -> AccountInternetCatalog | AccountSimCatalog | VpnCatalog: ...


class PlanOffers:
    def __init__(self, catalog: AccountCatalogReader, source: CatalogSource) -> None:
        self._catalog = catalog
        self._source = source

    async def choose(self, customer: LinkedCustomer, service: Service, sku: str) -> tuple[SimPlan, SimPlan]:
        """(current plan, the plan `sku` names) or PlanNotOfferedError."""
        account_catalog = await self._catalog.execute(customer, "sim")
        assert isinstance(account_catalog, AccountSimCatalog)
        offered = {offer.sku for offer in (*account_catalog.plans, *account_catalog.family_plans)}
        if sku not in offered:
            raise PlanNotOfferedError(f"{sku} is not a SIM plan offered to this account.")
        plans = [
            e
            for e in await self._source.list_portal_entries()
            if e.category == SIM_CATEGORY and e.item_class == SERVICE_CLASS
        ]
        current_entry = next((e for e in plans if e.whmcs_product_id == service.product_id), None)
        target_entry = next((e for e in plans if e.sku == sku), None)
        current = sim_plan(current_entry) if current_entry else None
        target = sim_plan(target_entry) if target_entry else None
        if current_entry is None or current is None:
            raise PlanNotOfferedError("This SIM's plan cannot be changed in the portal; contact support.")
        if target_entry is None or target is None:
            raise PlanNotOfferedError(f"{sku} is not a SIM plan offered to this account.")
        if target_entry.sim_plan_type != current_entry.sim_plan_type:
            raise PlanNotOfferedError(
                f"A {current_entry.sim_plan_type} SIM moves only to another {current_entry.sim_plan_type} plan."
            )
        return current, target
