"""Redis down: the catalog still answers correctly, without flooding Salesforce. Salesforce down: a warm cache
serves; a cold one answers 503 with retry advice and nothing partial."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import msgspec
import pytest
import stamina
from dishka import Provider, Scope, provide
from litestar.testing import AsyncTestClient
from redis.asyncio import Redis

from adapters.redis.read_model_store import RedisReadModelStore
from application.ports.read_model_store import ReadModelStore
from entrypoints.secret import Secret
from tests.integration.catalog.portal import (
    DEAD_REDIS_URL,
    arm_salesforce_outage,
    catalog_app,
    flush_catalog_redis,
    salesforce_control,
    sign_in,
)
from tests.integration.conftest import disposable_engine
from tests.support.sandbox import RunningSandbox, running_sandbox

pytestmark = pytest.mark.integration
VPN = "/api/public/services/vpn"


class DeadReadModelStore(Provider):
    """Only the read models lose Redis (sessions keep theirs), so signed-in requests can be tried too."""

    @provide(scope=Scope.APP)
    def store(self) -> ReadModelStore:
        return RedisReadModelStore(Redis.from_url(DEAD_REDIS_URL, socket_connect_timeout=0.2))


@pytest.fixture(scope="module")
def sandbox(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningSandbox]:
    stamina.set_testing(True)
    with running_sandbox(Path(tmp_path_factory.mktemp("catalog-faults"))) as running:
        yield running
    stamina.set_testing(False)


@pytest.fixture
async def fresh(database_url: str, sandbox: RunningSandbox) -> AsyncIterator[str]:
    sandbox.reset()
    await flush_catalog_redis()
    async with disposable_engine(database_url):
        yield database_url


def salesforce_requests(sandbox: RunningSandbox) -> int:
    return int(salesforce_control(sandbox, "PUT", "/limits", json={})["used"])


async def test_with_redis_down_the_public_catalog_answers_correctly_from_bounded_live_reads(
    fresh: str, sandbox: RunningSandbox
) -> None:
    app = catalog_app(fresh, sandbox, redis_url=Secret(DEAD_REDIS_URL), demo_seed_logins=False)
    async with AsyncTestClient(app) as client:
        before = salesforce_requests(sandbox)
        responses = await asyncio.gather(*(client.get(VPN) for _ in range(50)))
        used = salesforce_requests(sandbox) - before
    assert {r.status_code for r in responses} == {200}
    plans = msgspec.json.decode(responses[0].content)["plans"]
    assert {p["sku"]: p["price"]["amount"] for p in plans} == {"VPN-UK-LONDON": "1200.00", "VPN-USA-SF": "1200.00"}
    assert used <= 3  # one catalog query (plus a token), not fifty


async def test_with_the_read_models_down_the_account_catalog_is_still_personal_and_right(
    fresh: str, sandbox: RunningSandbox
) -> None:
    app = catalog_app(fresh, sandbox, DeadReadModelStore())
    async with AsyncTestClient(app) as client:
        await sign_in(client, "Hanako")
        internet = (await client.get("/api/account/services/internet")).json()
        sim = (await client.get("/api/account/services/sim")).json()
        eligibility = (await client.get("/api/account/eligibility")).json()
    assert [o["offeringType"] for o in internet["offerings"]] == ["Home 1G"]
    assert len(sim["familyPlans"]) == 12
    assert eligibility["status"] == "Eligible"


async def test_with_salesforce_down_a_warm_catalog_is_served_from_redis(fresh: str, sandbox: RunningSandbox) -> None:
    async with AsyncTestClient(catalog_app(fresh, sandbox, demo_seed_logins=False)) as warming:
        warm = await warming.get(VPN)
    arm_salesforce_outage(sandbox)
    # Another process (a fresh app): nothing in its own memory, everything in Redis.
    async with AsyncTestClient(catalog_app(fresh, sandbox, demo_seed_logins=False)) as other:
        served = await other.get(VPN)
    assert served.status_code == 200
    assert served.content == warm.content
    assert served.headers["etag"] == warm.headers["etag"]


async def test_with_salesforce_down_a_cold_catalog_is_a_503_with_retry_advice(
    fresh: str, sandbox: RunningSandbox
) -> None:
    arm_salesforce_outage(sandbox)
    async with AsyncTestClient(catalog_app(fresh, sandbox, demo_seed_logins=False)) as client:
        response = await client.get(VPN)
    assert response.status_code == 503
    assert response.headers["content-type"].startswith("application/problem+json")
    assert response.json()["code"] == "UPSTREAM_UNAVAILABLE"
    assert int(response.headers["retry-after"]) >= 1
    assert b"plans" not in response.content
