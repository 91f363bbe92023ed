"""Every process is wired by the one `build_container`; each adds only its own edge, and starts its own work.

The worker adds nothing, the consumer the public documents' format, the API its HTTP providers. Resolving never
starts background work: the API's lifespan starts the catalog's freshness and stops it at shutdown.
"""

from __future__ import annotations

import asyncio
import inspect
import re

import pytest
from dishka import AsyncContainer, Provider, Scope, provide
from dishka.exceptions import NoFactoryError
from litestar.testing import AsyncTestClient

from application.catalog.catalog_read_model import CatalogReadModel
from application.catalog.freshness import TASK_PREFIX, CatalogFreshness
from application.identity.resume_onboardings import ResumeOnboardings
from application.orders.fulfilment.fulfil_order import FulfilOrder
from application.orders.fulfilment.sweep import SweepFulfilments
from application.orders.purge_idempotency_keys import PurgeIdempotencyKeys
from application.ports.change_handlers import ChangeHandler
from application.ports.read_model_store import ReadModelStore
from entrypoints.admin.actions import ACTIONS
from entrypoints.commands.serve import APP_FACTORY, DEMO_APP_FACTORY, app_factory
from entrypoints.http.app import create_app
from entrypoints.http.auth.cookies import SessionCookie
from entrypoints.http.catalog.documents import PublicCatalogDocuments
from entrypoints.ioc.container import build_container
from entrypoints.settings import Settings

MEMORY = Settings(adapters="memory", log_level="ERROR", log_format="json")


def freshness_tasks() -> list[asyncio.Task[object]]:
    return [t for t in asyncio.all_tasks() if t.get_name().startswith(TASK_PREFIX) and not t.done()]


async def test_the_worker_container_needs_no_http_edge_and_offers_none() -> None:
    container: AsyncContainer = build_container(MEMORY)
    try:
        async with container() as request:
            for use_case in (FulfilOrder, SweepFulfilments, ResumeOnboardings, PurgeIdempotencyKeys):
                await request.get(use_case)
        with pytest.raises(NoFactoryError):
            await container.get(SessionCookie)
    finally:
        await container.close()


async def test_the_consumer_container_builds_the_catalog_handler_and_resolving_starts_nothing() -> None:
    container = build_container(MEMORY, PublicCatalogDocuments())
    try:
        handlers = await container.get(list[ChangeHandler])
        await container.get(CatalogReadModel)
        await container.get(CatalogFreshness)
        assert "/data/Product2ChangeEvent" in {c for h in handlers for c in h.channels}
        assert freshness_tasks() == []
    finally:
        await container.close()


async def test_the_admin_container_builds_every_operators_use_case_and_starts_nothing() -> None:
    container = build_container(MEMORY, PublicCatalogDocuments())
    try:
        use_cases = {use_case for action in ACTIONS for use_case in operations_of(action.run)}
        assert len(use_cases) == 12  # one per action (two resyncs share a command)
        async with container() as request:
            for use_case in use_cases:  # as `portal admin` resolves them
                await request.get(use_case)
        assert freshness_tasks() == []
    finally:
        await container.close()


def operations_of(run: object) -> list[type]:
    """The use case classes an admin action's function asks the container for (read from its code)."""
    source = inspect.getsource(run)  # type: ignore[arg-type]
    names = re.findall(r"c\.get\((\w+)\)", source)
    module = inspect.getmodule(run)
    return [getattr(module, name) for name in names]


class SeenFreshness(Provider):
    """The real freshness, kept where the test can look at it (the app runs on the test client's own loop)."""

    def __init__(self) -> None:
        super().__init__()
        self.seen: list[CatalogFreshness] = []

    @provide(scope=Scope.APP)
    def freshness(self, store: ReadModelStore, catalog: CatalogReadModel) -> CatalogFreshness:
        self.seen.append(CatalogFreshness(store, catalog))
        return self.seen[-1]


async def test_the_api_runs_the_catalog_freshness_exactly_while_it_serves() -> None:
    spy = SeenFreshness()
    async with AsyncTestClient(create_app(MEMORY, spy)) as client:
        assert (await client.get("/api/health")).status_code == 200
        [freshness] = spy.seen
        assert freshness.running
    assert not freshness.running


def test_portal_serve_runs_the_demo_app_only_when_the_demo_world_is_asked_for() -> None:
    assert app_factory(MEMORY) == APP_FACTORY
    assert app_factory(Settings(adapters="memory", demo_seed_logins=True)) == DEMO_APP_FACTORY
