"""The systems of record: one client per system per process, closed at shutdown (WHMCS: `billing_roles`)."""

from __future__ import annotations

from collections.abc import AsyncIterator

import msgspec
from dishka import AnyOf, Provider, Scope, provide

from adapters.freebit.http_client import build_freebit_http_client
from adapters.freebit.provisioner import FreebitSimProvisioner
from adapters.salesforce.crm import SalesforceCrm
from application.ports.case_desk import CaseDesk
from application.ports.catalog_source import CatalogSource
from application.ports.clock import Clock
from application.ports.customer_accounts import CustomerAccounts
from application.ports.eligibility_records import EligibilityRecords
from application.ports.eligibility_requests import EligibilityRequests
from application.ports.identity_documents import IdentityDocuments
from application.ports.order_desk import OrderDesk
from application.ports.order_opportunities import OrderOpportunities
from application.ports.prospects import ProspectAccounts
from application.ports.sim_card_swaps import SimCardSwaps
from application.ports.sim_line_changes import SimLineChanges
from application.ports.sim_plan_changes import SimPlanChanges
from application.ports.sim_provisioner import SimProvisioner
from entrypoints.settings import Settings


class UpstreamProvider(Provider):
    scope = Scope.APP

    @provide
    async def salesforce(self, settings: Settings, clock: Clock) -> AsyncIterator[SalesforceCrm]:
        crm = SalesforceCrm.from_config(settings.salesforce(), clock=clock)
        yield crm
        await crm.aclose()

    @provide
    def customer_accounts(self, crm: SalesforceCrm) -> CustomerAccounts:
        return crm.accounts

    @provide
    def eligibility_records(self, crm: SalesforceCrm) -> EligibilityRecords:
        return crm.eligibility

    @provide
    def eligibility_requests(self, crm: SalesforceCrm) -> EligibilityRequests:
        return crm.eligibility_requests

    @provide
    def prospects(self, crm: SalesforceCrm) -> ProspectAccounts:
        return crm.prospects

    @provide
    def identity_documents(self, crm: SalesforceCrm) -> IdentityDocuments:
        return crm.identity_documents

    @provide
    def catalog_source(self, crm: SalesforceCrm) -> CatalogSource:
        return crm.catalog

    @provide
    def order_desk(self, crm: SalesforceCrm) -> OrderDesk:
        return crm.orders

    @provide
    def case_desk(self, crm: SalesforceCrm) -> CaseDesk:
        return crm.cases

    @provide
    def order_opportunities(self, crm: SalesforceCrm) -> OrderOpportunities:
        return crm.opportunities

    @provide(provides=AnyOf[SimProvisioner, SimLineChanges, SimPlanChanges, SimCardSwaps])
    async def sims(self, settings: Settings, clock: Clock) -> AsyncIterator[FreebitSimProvisioner]:
        # The PA05-21, PA02-04 and card swap paths are settings of their own: no public source confirms them.
        config = msgspec.structs.replace(
            settings.freebit(),
            plan_change_path=settings.freebit_plan_change_path,
            cancel_path=settings.freebit_cancel_path,
            card_swap_path=settings.freebit_card_swap_path,
        )
        client = build_freebit_http_client(config)
        yield FreebitSimProvisioner(client, config, clock=clock)
        await client.aclose()
