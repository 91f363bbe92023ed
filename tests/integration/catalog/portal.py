"""The real app for catalog tests: emulators, the test database, Redis database 13, the demo logins."""

from __future__ import annotations

from typing import Any

import httpx
from litestar import Litestar
from redis.asyncio import Redis

from entrypoints.demo.world import DEMO_LOGINS
from entrypoints.secret import Secret
from tests.integration.catalog.stores import CATALOG_REDIS_URL
from tests.support.app import real_app
from tests.support.sandbox import RunningSandbox

DEAD_REDIS_URL = "redis://127.0.0.1:9/0"  # discard port: nothing listens


def catalog_app(database_url: str, sandbox: RunningSandbox, *providers: Any, **changes: object) -> Litestar:
    settings: dict[str, object] = {
        "redis_url": Secret(CATALOG_REDIS_URL),
        "demo_seed_logins": True,
        "trusted_proxy_header": "X-Forwarded-For",
        **sandbox.portal_settings(),
    }
    settings.update(changes)
    return real_app(database_url, *providers, **settings)


async def flush_catalog_redis() -> None:
    client = Redis.from_url(CATALOG_REDIS_URL)
    await client.flushdb()
    await client.aclose()


async def sign_in(client: httpx.AsyncClient, name: str) -> None:
    login = next(d for d in DEMO_LOGINS if d.name.startswith(name))
    response = await client.post("/api/auth/login", json={"email": login.email, "password": login.password})
    assert response.status_code == 200, response.text
    client.headers["X-CSRF-Token"] = str(response.json()["csrfToken"])


def salesforce_control(sandbox: RunningSandbox, method: str, path: str, **kwargs: Any) -> Any:
    with sandbox.salesforce() as client:
        response = client.request(method, f"/_sandbox{path}", **kwargs)
        response.raise_for_status()
        return response.json() if response.content else None


def arm_salesforce_outage(sandbox: RunningSandbox) -> None:
    salesforce_control(sandbox, "POST", "/faults", json={"operation": "*", "kind": "http_error", "times": None})
