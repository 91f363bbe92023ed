from __future__ import annotations

from collections.abc import AsyncIterator, Callable, Iterator
from pathlib import Path

import httpx
import pytest
import stamina
from dishka import Provider
from litestar import Litestar
from litestar.testing import AsyncTestClient

from entrypoints.secret import Secret
from tests.integration.billing.portal import BILLING_REDIS_URL, HANAKO, flush_billing_redis, link_in_database, sign_in
from tests.integration.conftest import disposable_engine
from tests.support.app import real_app
from tests.support.clock import ClockProvider, ShiftedClock
from tests.support.sandbox import RunningSandbox, running_sandbox

AppFactory = Callable[..., Litestar]


@pytest.fixture(autouse=True)
def _instant_retries() -> Iterator[None]:
    stamina.set_testing(True, attempts=3)
    yield
    stamina.set_testing(False)


@pytest.fixture(scope="module")
def sandbox(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningSandbox]:
    with running_sandbox(Path(tmp_path_factory.mktemp("sandbox"))) as running:
        yield running


@pytest.fixture
def clock() -> ShiftedClock:
    return ShiftedClock()


@pytest.fixture
async def make_app(database_url: str, sandbox: RunningSandbox, clock: ShiftedClock) -> AsyncIterator[AppFactory]:
    """Build the real app (emulators, Postgres, our Redis database, the test's clock), with setting changes."""
    sandbox.reset()
    await flush_billing_redis()

    def build(*providers: Provider, **changes: object) -> Litestar:
        settings: dict[str, object] = {
            "redis_url": Secret(BILLING_REDIS_URL),
            "session_idle_minutes": 24 * 60,  # tests move the clock by up to an hour
            **sandbox.portal_settings(),
        }
        settings.update(changes)
        return real_app(database_url, ClockProvider(clock), *providers, **settings)

    async with disposable_engine(database_url):
        yield build
    await flush_billing_redis()


@pytest.fixture
def app(make_app: AppFactory) -> Litestar:
    return make_app()


@pytest.fixture
async def hanako(app: Litestar, database_url: str, sandbox: RunningSandbox) -> AsyncIterator[httpx.AsyncClient]:
    """Hanako (WHMCS client 1), linked and signed in; the client sends her CSRF token."""
    await link_in_database(database_url, sandbox, HANAKO)
    async with AsyncTestClient(app) as client:
        await sign_in(client, HANAKO)
        yield client
