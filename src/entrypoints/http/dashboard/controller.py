"""`GET /api/me/status`: the dashboard (summary, eligibility, verification, payment methods, orders, tasks)."""

from __future__ import annotations

from dishka.integrations.litestar import FromDishka, inject
from litestar import Controller, get
from litestar.datastructures import CacheControlHeader

from application.dashboard.get_dashboard import GetDashboard
from application.identity.linked_customer import LinkedCustomer
from entrypoints.http.access_rules import SESSION_REQUIRED
from entrypoints.http.dashboard.schemas import MeStatusOut, me_status_out


class DashboardController(Controller):
    path = "/me/status"
    opt = SESSION_REQUIRED
    tags = ["dashboard"]
    cache_control = CacheControlHeader(private=True, no_store=True)

    @get(
        "/",
        operation_id="getMeStatus",
        summary="The customer's dashboard: each part `current` or `unavailable`, and the prioritised tasks.",
        description=(
            "Served from the read models and caches; a source that fails or answers slower than 1.5 s makes only "
            "its part `unavailable` (its values null), never the whole answer, and tasks come from current parts "
            "only."
        ),
    )
    @inject
    async def me_status(self, customer: FromDishka[LinkedCustomer], dashboard: FromDishka[GetDashboard]) -> MeStatusOut:
        return me_status_out(await dashboard.execute(customer))
