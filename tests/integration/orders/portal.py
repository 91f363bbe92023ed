"""The real app and a worker-like runner for orders tests: emulators, the test database, Redis database 12."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import httpx
from dishka import AsyncContainer
from litestar import Litestar
from redis.asyncio import Redis
from sqlalchemy import text
from sqlalchemy.ext.asyncio import create_async_engine
from sqlalchemy.pool import NullPool

from application.orders.fulfilment.fulfil_order import FulfilOrder
from application.orders.fulfilment.outcome import FulfilmentResult, Outcome
from entrypoints.demo.world import DEMO_LOGINS
from entrypoints.ioc.container import build_container
from entrypoints.secret import Secret
from tests.support.app import CheapArgon2, real_app, settings_for_tests
from tests.support.redis_server import redis_url
from tests.support.sandbox import RunningSandbox

ORDERS_REDIS_URL = redis_url(12)


def orders_settings(sandbox: RunningSandbox) -> dict[str, object]:
    return {
        "redis_url": Secret(ORDERS_REDIS_URL),
        "demo_seed_logins": True,  # the demo logins, and the demo world's SIM stock
        "whmcs_read_timeout_seconds": 1.0,
        "fulfilment_sim_poll_seconds": 0.2,
        **sandbox.portal_settings(),
    }


def orders_app(database_url: str, sandbox: RunningSandbox) -> Litestar:
    return real_app(database_url, **orders_settings(sandbox))


async def forget_everything(database_url: str) -> None:
    redis = Redis.from_url(ORDERS_REDIS_URL)
    await redis.flushdb()
    await redis.aclose()
    engine = create_async_engine(database_url, poolclass=NullPool)
    async with engine.begin() as connection:
        await connection.execute(text("DELETE FROM procrastinate_jobs"))
    await engine.dispose()


async def sign_in(client: httpx.AsyncClient, name: str) -> None:
    login = next(d for d in DEMO_LOGINS if d.name.startswith(name))
    response = await client.post("/api/auth/login", json={"email": login.email, "password": login.password})
    assert response.status_code == 200, response.text
    client.headers["X-CSRF-Token"] = str(response.json()["csrfToken"])


def control(sandbox: RunningSandbox, system: str, method: str, path: str, **kwargs: Any) -> Any:
    client = {"whmcs": sandbox.whmcs, "salesforce": sandbox.salesforce, "freebit": sandbox.freebit}[system]()
    with client:
        response = client.request(method, f"/_sandbox{path}", **kwargs)
        response.raise_for_status()
        return response.json() if response.content else None


@asynccontextmanager
async def worker(database_url: str, sandbox: RunningSandbox) -> AsyncIterator[AsyncContainer]:
    """What `portal worker` runs a job with: its own container, its own connections."""
    container = build_container(settings_for_tests(database_url, **orders_settings(sandbox)), CheapArgon2())
    try:
        yield container
    finally:
        await container.close()


async def fulfil(container: AsyncContainer, sandbox: RunningSandbox, order_id: str) -> FulfilmentResult:
    """Run the order's job until it completes or stops, letting Freebit finish whenever the saga waits."""
    for _ in range(20):
        async with container() as request:
            result = await (await request.get(FulfilOrder)).execute(order_id)
        if result.outcome is not Outcome.WAITING:
            return result
        control(sandbox, "freebit", "POST", "/complete")
    raise AssertionError("the order never finished")


def whmcs_orders(sandbox: RunningSandbox, client_id: int) -> list[dict[str, Any]]:
    return [o for o in control(sandbox, "whmcs", "GET", "/state")["orders"] if o["client_id"] == client_id]


def crm_orders(sandbox: RunningSandbox) -> list[dict[str, Any]]:
    return list(control(sandbox, "salesforce", "GET", "/records/Order"))


def activations(sandbox: RunningSandbox) -> int:
    return len(control(sandbox, "freebit", "GET", "/state")["registrations"])
