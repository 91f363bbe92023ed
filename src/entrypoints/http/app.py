"""The Litestar app factory: routes under /api, OpenAPI 3.1 at /schema, problem+json errors, request ids."""

from __future__ import annotations

import asyncio
import gc
from collections.abc import AsyncIterator, Awaitable, Callable, Sequence
from contextlib import asynccontextmanager

from dishka import AsyncContainer, Provider
from dishka.integrations.litestar import setup_dishka
from litestar import Litestar, Router
from litestar.config.cors import CORSConfig

from application.catalog.freshness import CatalogFreshness
from application.live.hub import LiveHub
from application.read_models.status import ReportsStatus
from entrypoints.http import body_limits
from entrypoints.http.access_rules import AccessRules
from entrypoints.http.admission import BodyAdmission
from entrypoints.http.auth.csrf import CsrfGuard
from entrypoints.http.auth.get_started import GetStartedController
from entrypoints.http.auth.onboarding import OnboardingController
from entrypoints.http.auth.passwords import PasswordsController
from entrypoints.http.auth.sessions import SessionsController
from entrypoints.http.billing.cancellations import CancellationsController
from entrypoints.http.billing.invoices import InvoicesController
from entrypoints.http.billing.payments import PaymentsController
from entrypoints.http.billing.profile import ProfileController
from entrypoints.http.billing.subscriptions import SubscriptionsController
from entrypoints.http.catalog.account import AccountCatalogController
from entrypoints.http.catalog.availability import PublicAvailabilityController
from entrypoints.http.catalog.fast_path import PublicCatalogFastPath
from entrypoints.http.catalog.health import CacheHealthController, metrics
from entrypoints.http.catalog.public import PublicCatalogController
from entrypoints.http.checked_request import CheckedRequest, refuse_control_characters_in_parameters
from entrypoints.http.compression import Compression
from entrypoints.http.dashboard.controller import DashboardController
from entrypoints.http.health import HealthController
from entrypoints.http.live.controller import LiveController
from entrypoints.http.live.shutdown import close_streams_on_signals
from entrypoints.http.me import MeController
from entrypoints.http.method_semantics import MethodSemantics, PathMethods
from entrypoints.http.metrics import COUNTERS_STATE_KEY, SYNC_SECONDS, ReadModelCounters
from entrypoints.http.notifications.controller import NotificationsController
from entrypoints.http.openapi_contract import ContractDocs
from entrypoints.http.openapi_document import openapi_config
from entrypoints.http.orders.controller import OrdersController
from entrypoints.http.problem_handlers import exception_handlers
from entrypoints.http.problem_pages import problem_index, problem_page
from entrypoints.http.providers import http_providers
from entrypoints.http.request_id import RequestIdMiddleware
from entrypoints.http.response_defaults import ResponseDefaults
from entrypoints.http.routes import API_PREFIX
from entrypoints.http.sims.controller import SimsController
from entrypoints.http.support.cases import CasesController
from entrypoints.http.upstream_problems import APP_STATE_KEY, UpstreamProblems
from entrypoints.http.verification.documents import VerificationController
from entrypoints.http.webhooks.whmcs import WebhooksController
from entrypoints.ioc.container import build_container
from entrypoints.logging import configure_logging
from entrypoints.settings import Settings
from entrypoints.settings_loader import load_settings

StartupHook = Callable[[AsyncContainer], Awaitable[object]]


def api_router(settings: Settings) -> Router:
    return Router(
        path=API_PREFIX,
        route_handlers=[
            HealthController,
            SessionsController,
            OnboardingController,
            GetStartedController,
            PasswordsController,
            MeController,
            DashboardController,
            InvoicesController,
            PaymentsController,
            ProfileController,
            SubscriptionsController,
            CancellationsController,
            SimsController,
            CasesController,
            OrdersController,
            NotificationsController,
            LiveController,
            WebhooksController,
            PublicCatalogController,
            PublicAvailabilityController,
            VerificationController,
            AccountCatalogController,
            CacheHealthController,
            problem_index,
            problem_page,
        ],
    )


def cors_config(origins: list[str]) -> CORSConfig | None:
    """Listed origins may call with the session cookie (credentials), send the headers the API takes and read the
    ones it answers with; none listed: same origin only (no CORS headers at all)."""
    if not origins:
        return None
    return CORSConfig(
        allow_origins=origins,
        allow_credentials=True,
        allow_methods=["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"],
        allow_headers=["Content-Type", "X-CSRF-Token", "Idempotency-Key", "If-None-Match", "X-Request-ID"],
        expose_headers=["ETag", "Retry-After", "Idempotent-Replayed", "X-Request-ID", "WWW-Authenticate"],
        max_age=600,
    )


def create_app(
    settings: Settings | None = None, *overrides: Provider, on_startup: Sequence[StartupHook] = ()
) -> Litestar:
    """`overrides` go to the container after the HTTP providers (tests replace any of them); `on_startup` hooks run
    once the container exists, before the first request (the demo seeds its world this way)."""
    settings = settings or load_settings()
    configure_logging(settings.log_level, settings.log_format)
    container = build_container(settings, *http_providers(), *overrides)
    return build_app(settings, container, on_startup)


async def _every(seconds: float, work: Callable[[], None]) -> None:
    while True:
        work()
        await asyncio.sleep(seconds)


def build_app(settings: Settings, container: AsyncContainer, on_startup: Sequence[StartupHook] = ()) -> Litestar:
    @asynccontextmanager
    async def lifespan(_: Litestar) -> AsyncIterator[None]:
        try:
            for hook in on_startup:
                await hook(container)
            # This process serves the public catalog from its own copy: keep that copy honest while it runs.
            freshness = await container.get(CatalogFreshness)
            freshness.start()
            hub = await container.get(LiveHub)
            restore_signals = close_streams_on_signals(hub)
            counters = app.state[COUNTERS_STATE_KEY] = ReadModelCounters(
                model.stats for model in await container.get(list[ReportsStatus])
            )
            syncing = asyncio.create_task(_every(SYNC_SECONDS, counters.sync), name="metrics-sync")
            try:
                # What is alive now (modules, the app, pools) lives as long as the process: keep it out of the
                # cyclic GC, whose full collections over it otherwise stall the event loop ~100 ms at a time.
                gc.freeze()
                yield
            finally:
                syncing.cancel()
                await freshness.stop()
                await hub.close()
                restore_signals()
        finally:
            await container.close()

    app = Litestar(
        route_handlers=[api_router(settings), metrics],
        exception_handlers=exception_handlers(),
        request_class=CheckedRequest,
        before_request=AccessRules(
            CsrfGuard(settings.cors_allowed_origins), then=refuse_control_characters_in_parameters
        ),
        request_max_body_size=body_limits.DEFAULT,  # routes that take a body declare their own cap
        lifespan=[lifespan],
        cors_config=cors_config(settings.cors_allowed_origins),
        openapi_config=openapi_config(),
        plugins=[ContractDocs()],
        logging_config=None,  # ours (structlog) is configured above; Litestar's would replace it
        debug=False,
    )
    app.state[APP_STATE_KEY] = UpstreamProblems()
    setup_dishka(container, app)
    framework = ResponseDefaults(Compression(app.asgi_handler))
    admitted = BodyAdmission(PublicCatalogFastPath(framework, container), settings.http_max_requests_with_body)
    app.asgi_handler = RequestIdMiddleware(MethodSemantics(admitted, PathMethods(app.routes)))
    return app
