"""Boot the real app (real adapters, dishka-injected handlers) against the real Postgres and Redis."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator

import pytest
from litestar.testing import AsyncTestClient

from adapters.postgres.database import drop_database, ensure_database
from adapters.postgres.migrations import head_revision
from entrypoints.http.app import create_app
from entrypoints.secret import Secret
from entrypoints.settings import Settings
from tests.support.postgres import REDIS_URL, new_database_url
from tests.support.servers import free_port

pytestmark = pytest.mark.integration


def real_settings(database_url: str, redis_url: str = REDIS_URL) -> Settings:
    return Settings(adapters="real", database_url=Secret(database_url), redis_url=Secret(redis_url), log_format="json")


async def test_readiness_is_answered_by_a_dishka_injected_handler(database_url: str) -> None:
    async with AsyncTestClient(create_app(real_settings(database_url))) as client:
        response = await client.get("/api/health/ready")
    assert response.status_code == 200
    assert response.json() == {
        "ready": True,
        "checks": [
            {"name": "postgres", "ok": True, "detail": f"migration {head_revision()}"},
            {"name": "redis", "ok": True, "detail": ""},
        ],
    }


async def test_readiness_is_503_and_names_redis_when_redis_is_unreachable(database_url: str) -> None:
    nowhere = f"redis://127.0.0.1:{free_port()}/0"
    async with AsyncTestClient(create_app(real_settings(database_url, nowhere))) as client:
        response = await client.get("/api/health/ready")
        liveness = await client.get("/api/health")
    assert response.status_code == 503
    checks = {check["name"]: check for check in response.json()["checks"]}
    assert checks["redis"]["ok"] is False
    assert checks["postgres"]["ok"] is True
    assert liveness.status_code == 200  # liveness does no I/O: a Redis outage must not get the pod killed


@pytest.fixture
def unmigrated_database() -> Iterator[str]:
    dsn = new_database_url("unmigrated")
    asyncio.run(ensure_database(dsn))
    yield dsn
    asyncio.run(drop_database(dsn))


def test_readiness_is_503_when_migrations_are_not_at_head(unmigrated_database: str) -> None:
    async def probe() -> tuple[int, dict[str, object]]:
        async with AsyncTestClient(create_app(real_settings(unmigrated_database))) as client:
            response = await client.get("/api/health/ready")
        return response.status_code, {c["name"]: c for c in response.json()["checks"]}

    status, checks = asyncio.run(probe())
    assert status == 503
    assert checks["postgres"]["ok"] is False  # type: ignore[index]


async def test_openapi_31_document_is_served_with_operation_ids(database_url: str) -> None:
    async with AsyncTestClient(create_app(real_settings(database_url))) as client:
        document = (await client.get("/schema/openapi.json")).json()
    assert document["openapi"].startswith("3.1")
    operations = [op for path in document["paths"].values() for op in path.values()]
    assert operations
    assert all(op.get("operationId") for op in operations)


async def test_the_memory_switch_builds_the_same_app_without_servers() -> None:
    settings = Settings(adapters="memory", database_url=Secret("postgresql+asyncpg://nobody@127.0.0.1:1/none"))
    async with AsyncTestClient(create_app(settings)) as client:
        response = await client.get("/api/health/ready")
    assert response.status_code == 200
    assert {c["detail"] for c in response.json()["checks"]} == {"in-memory"}
