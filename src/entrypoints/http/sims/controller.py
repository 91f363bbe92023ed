"""`/api/sims`: the caller's own SIMs (by subscription id). Another customer's SIM is the same 404 as none."""

from __future__ import annotations

from dishka.integrations.litestar import FromDishka, inject
from litestar import Controller, get
from litestar.params import FromPath

from application.identity.linked_customer import LinkedCustomer
from application.sims.get_sim_details import GetSimDetails
from application.sims.get_sim_usage import GetSimUsage
from entrypoints.http.account_access import require_session
from entrypoints.http.billing.invoices import PRIVATE
from entrypoints.http.sims.schemas import SimUsageView, SimView, sim_usage_view, sim_view


class SimsController(Controller):
    path = "/sims"
    tags = ["sims"]
    guards = [require_session]
    cache_control = PRIVATE

    @get(
        "/{sim_id:int}",
        operation_id="getSim",
        summary="One of the customer's SIMs: number, plan, state, physical or eSIM, voice options, network type.",
        description="`asOf` says when the line was read (cached up to 10 minutes, 30 s while a change is running; "
        "our own changes clear it).",
    )
    @inject
    async def get_sim(
        self, sim_id: FromPath[int], customer: FromDishka[LinkedCustomer], get_sim: FromDishka[GetSimDetails]
    ) -> SimView:
        return sim_view(await get_sim.execute(customer, sim_id))

    @get(
        "/{sim_id:int}/usage",
        operation_id="getSimUsage",
        summary="Remaining data and recent daily usage of one of the customer's SIMs.",
        description="Cached for `maxAgeSeconds` (2 minutes); `asOf` says when the figures were read.",
    )
    @inject
    async def get_usage(
        self, sim_id: FromPath[int], customer: FromDishka[LinkedCustomer], get_usage: FromDishka[GetSimUsage]
    ) -> SimUsageView:
        return sim_usage_view(await get_usage.execute(customer, sim_id))
