"""Freshness and faults through HTTP: each TTL to the second, failures never cached, WHMCS slow or down, Redis down."""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections.abc import AsyncIterator

import httpx
import pytest
from dishka import Provider, Scope, provide
from litestar import Litestar
from litestar.testing import AsyncTestClient
from redis.asyncio import Redis

from adapters.redis import keys
from adapters.redis.cache import RedisCache
from adapters.redis.client import create_redis
from adapters.redis.config import RedisConfig
from application.ports.cache import Cache
from entrypoints.http.problem_types import PROBLEM_TYPES
from tests.integration.billing.conftest import AppFactory
from tests.integration.billing.portal import (
    BILLING_REDIS_URL,
    HANAKO,
    arm_whmcs_fault,
    cache_keys,
    link_in_database,
    sign_in,
    whmcs_calls,
)
from tests.support.clock import ShiftedClock
from tests.support.sandbox import RunningSandbox
from tests.support.servers import free_port, serve_in_thread

pytestmark = pytest.mark.integration

# path: (TTL from the brief, the WHMCS action the cache saves)
TTLS = {
    "/api/billing/invoices": (90, "GetInvoices"),
    "/api/billing/invoices/6": (5 * 60, "GetInvoice"),
    "/api/subscriptions": (5 * 60, "GetClientsProducts"),
    "/api/subscriptions/1": (10 * 60, "GetClientsProducts"),
    "/api/billing/payment-methods": (15 * 60, "GetPayMethods"),
    "/api/billing/gateways": (60 * 60, "GetPaymentMethods"),
    "/api/billing/profile": (30 * 60, "GetClientsDetails"),
}


@pytest.mark.parametrize("path", TTLS)
async def test_each_read_is_cached_for_exactly_its_ttl(
    hanako: httpx.AsyncClient,
    sandbox: RunningSandbox,
    clock: ShiftedClock,
    path: str,
) -> None:
    ttl, action = TTLS[path]
    first = await hanako.get(path)
    assert first.status_code == 200, first.text
    assert whmcs_calls(sandbox, action) == 1
    clock.advance(ttl - 1)
    cached = await hanako.get(path)
    assert cached.json() == first.json()
    assert whmcs_calls(sandbox, action) == 1
    clock.advance(1)
    assert (await hanako.get(path)).status_code == 200
    assert whmcs_calls(sandbox, action) == 2


async def test_entries_carry_the_ttl_in_redis_too(hanako: httpx.AsyncClient) -> None:
    await hanako.get("/api/billing/payment-methods")
    [key] = await cache_keys("*:pay-methods")
    redis = Redis.from_url(BILLING_REDIS_URL)
    try:
        assert 895 <= await redis.ttl(keys.cache(key)) <= 900
    finally:
        await redis.aclose()


async def test_a_whmcs_outage_is_503_with_retry_after_and_nothing_is_cached(
    hanako: httpx.AsyncClient,
    sandbox: RunningSandbox,
) -> None:
    arm_whmcs_fault(sandbox, "GetInvoices", "http_error", status=503, times=None)
    response = await hanako.get("/api/billing/invoices")
    assert response.status_code == 503
    assert response.headers["retry-after"]
    problem = response.json()
    assert problem["code"] == "BILLING_UNAVAILABLE"
    assert problem["detail"] == PROBLEM_TYPES["BILLING_UNAVAILABLE"].customer_detail  # no system named
    assert "items" not in problem  # no partial list
    assert await cache_keys("*:invoices:*:*") == set()  # pages, not the generation key
    with sandbox.whmcs() as whmcs:
        whmcs.delete("/_sandbox/faults").raise_for_status()
    assert (await hanako.get("/api/billing/invoices")).status_code == 200


async def test_an_outage_half_way_through_a_subscription_returns_nothing(
    hanako: httpx.AsyncClient,
    sandbox: RunningSandbox,
) -> None:
    arm_whmcs_fault(sandbox, "GetInvoice", "http_error", status=503, times=None)
    response = await hanako.get("/api/subscriptions/1")
    assert response.status_code == 503
    assert "relatedInvoices" not in response.json()


async def test_a_slow_whmcs_is_abandoned_at_the_timeout(
    make_app: AppFactory, database_url: str, sandbox: RunningSandbox
) -> None:
    await link_in_database(database_url, sandbox, HANAKO)
    async with AsyncTestClient(make_app(whmcs_read_timeout_seconds=0.3)) as client:
        await sign_in(client, HANAKO)
        arm_whmcs_fault(sandbox, "GetPayMethods", "latency", delay_ms=3_000, times=None)
        started = time.monotonic()
        response = await client.get("/api/billing/payment-methods")
        elapsed = time.monotonic() - started
    assert response.status_code == 503
    assert response.json()["code"] == "BILLING_UNAVAILABLE"
    assert elapsed < 2.5  # three attempts of 0.3 s, not one of 3 s
    assert await cache_keys("*:pay-methods") == set()


class DeadRedisCache(Provider):
    """The cache on a Redis that is not there (sessions keep working on the real one)."""

    @provide(scope=Scope.APP)
    async def cache(self) -> AsyncIterator[Cache]:
        redis = create_redis(RedisConfig(url=f"redis://127.0.0.1:{free_port()}/0", connect_timeout_seconds=0.2))
        yield RedisCache(redis)
        await redis.aclose()


async def test_with_redis_down_reads_are_live_and_succeed(
    make_app: AppFactory, database_url: str, sandbox: RunningSandbox
) -> None:
    await link_in_database(database_url, sandbox, HANAKO)
    async with AsyncTestClient(make_app(DeadRedisCache())) as client:
        await sign_in(client, HANAKO)
        for _ in range(2):
            assert (await client.get("/api/billing/invoices")).status_code == 200
            assert (await client.get("/api/billing/profile")).status_code == 200
    assert whmcs_calls(sandbox, "GetInvoices") == 2
    assert whmcs_calls(sandbox, "GetClientsDetails") == 2


async def test_concurrent_first_reads_make_one_whmcs_call(
    app: Litestar, database_url: str, sandbox: RunningSandbox
) -> None:
    await link_in_database(database_url, sandbox, HANAKO)
    with serve_in_thread(app) as url:
        async with contextlib.AsyncExitStack() as stack:
            browsers = [await stack.enter_async_context(httpx.AsyncClient(base_url=url)) for _ in range(4)]
            for browser in browsers:  # four browsers, four sessions, one API process
                await sign_in(browser, HANAKO)
            arm_whmcs_fault(sandbox, "GetInvoices", "latency", delay_ms=300, times=None)  # the reads overlap
            responses = await asyncio.gather(*(browser.get("/api/billing/invoices") for browser in browsers))
    assert [r.status_code for r in responses] == [200] * 4
    assert len({r.text for r in responses}) == 1
    assert whmcs_calls(sandbox, "GetInvoices") == 1
