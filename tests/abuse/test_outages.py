"""Outages under load end in 503 with Retry-After — never a 500 — and lose or double no write.

The test starts its own PostgreSQL cluster and its own Redis (never the shared ones), puts signed-in customers,
logins and checkouts on them, and stops each store mid-load: Postgres with an admin shutdown (sessions terminated,
then every connection refused) and with a crash (sockets reset), Redis with a SIGKILL. Afterwards every checkout
that was refused is retried with its Idempotency-Key until it answers, and Salesforce must hold exactly one order
per key.

Repeat: `PORTAL_TEST_REDIS_SERVER=redis://127.0.0.1:<port> .venv/bin/pytest -s tests/abuse/test_outages.py`
(prints the status codes seen while each store was down).
"""

from __future__ import annotations

import asyncio
import time
import uuid
from collections import Counter
from collections.abc import Awaitable, Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy import text

from adapters.postgres.config import PostgresConfig
from adapters.postgres.engine import closing_session, create_engine, create_session_factory
from entrypoints.demo.world import DEMO_LOGINS
from entrypoints.secret import Secret
from tests.abuse.serving import browser, serving
from tests.integration.orders.portal import crm_orders, orders_settings
from tests.support.app import real_app
from tests.support.clock import ClockProvider, ShiftedClock
from tests.support.postgres import create_migrated_database, drop
from tests.support.private_postgres import PrivatePostgres, private_postgres
from tests.support.private_redis import PrivateRedis, private_redis
from tests.support.sandbox import RunningSandbox, running_sandbox

pytestmark = pytest.mark.e2e
VPN = {"orderType": "VPN", "items": [{"sku": "VPN-UK-LONDON"}, {"sku": "VPN-ACTIVATION-FEE"}]}
HANAKO, DAICHI = DEMO_LOGINS[0], DEMO_LOGINS[1]
ALLOWED = {200, 201, 401, 503}  # 401: a session Redis lost when it restarted empty


@pytest.fixture(scope="module")
def sandbox(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningSandbox]:
    with running_sandbox(Path(tmp_path_factory.mktemp("sandbox"))) as running:
        yield running


@pytest.fixture(scope="module")
def postgres() -> Iterator[PrivatePostgres]:
    with private_postgres() as server:
        yield server


@pytest.fixture
def stores(postgres: PrivatePostgres, sandbox: RunningSandbox) -> Iterator[tuple[str, PrivateRedis]]:
    sandbox.reset()
    database = create_migrated_database("outage", postgres.server_url())
    with private_redis() as redis:
        yield database, redis
    drop(database)


@dataclass
class Observed:
    """Every answer of the load, with when it came, so the ones during an outage can be told apart."""

    answers: list[tuple[float, str, int, bool]] = field(default_factory=list)  # (at, what, status, has Retry-After)
    placed: dict[str, str] = field(default_factory=dict)  # Idempotency-Key → order id
    pending: list[str] = field(default_factory=list)  # keys whose checkout was refused, to retry afterwards

    def record(self, what: str, response: httpx.Response) -> None:
        self.answers.append((time.monotonic(), what, response.status_code, "retry-after" in response.headers))
        if response.status_code >= 500:
            assert response.headers["content-type"].startswith("application/problem+json"), response.text
            assert response.json()["code"], response.text

    def between(self, start: float, end: float) -> Counter[str]:
        return Counter(f"{what} {status}" for at, what, status, _ in self.answers if start <= at <= end)

    def check(self) -> None:
        assert {status for _, _, status, _ in self.answers} <= ALLOWED, Counter(s for *_, s, _ in self.answers)
        assert all(has_retry for _, _, status, has_retry in self.answers if status == 503)


def from_ip(n: int) -> dict[str, str]:
    return {"X-Forwarded-For": f"198.51.100.{n}"}


async def sign_in(client: httpx.AsyncClient, login: Any) -> None:
    response = await client.post("/api/auth/login", json={"email": login.email, "password": login.password})
    assert response.status_code == 200, response.text
    client.headers["X-CSRF-Token"] = response.json()["csrfToken"]


async def load(app: Any, observed: Observed, stop: asyncio.Event) -> None:
    """A signed-in customer reading, one placing orders, another logging in, until `stop` is set."""
    async with browser(app) as reader, browser(app) as buyer, browser(app) as visitor:
        await sign_in(reader, HANAKO)
        await sign_in(buyer, HANAKO)

        async def read() -> None:
            response = await reader.get("/api/me")
            observed.record("GET /api/me", response)
            if response.status_code == 401:
                await sign_in_again(reader, HANAKO)

        async def buy() -> None:
            key = str(uuid.uuid4())
            response = await buyer.post("/api/orders", json=VPN, headers={"Idempotency-Key": key})
            observed.record("POST /api/orders", response)
            if response.status_code == 201:
                observed.placed[key] = response.json()["id"]
            else:
                observed.pending.append(key)
                if response.status_code == 401:
                    await sign_in_again(buyer, HANAKO)

        async def log_in() -> None:
            body = {"email": DAICHI.email, "password": DAICHI.password}
            observed.record("POST /api/auth/login", await visitor.post("/api/auth/login", json=body))
            visitor.cookies.clear()

        async def repeat(step: Callable[[], Awaitable[None]]) -> None:
            while not stop.is_set():
                await step()
                await asyncio.sleep(0.02)

        await asyncio.gather(repeat(read), repeat(buy), repeat(log_in))


async def sign_in_again(client: httpx.AsyncClient, login: Any) -> None:
    response = await client.post("/api/auth/login", json={"email": login.email, "password": login.password})
    if response.status_code == 200:
        client.headers["X-CSRF-Token"] = response.json()["csrfToken"]


async def settle(app: Any, clock: ShiftedClock, observed: Observed) -> None:
    """Retry every refused checkout with its own key until it answers (after the lease of an interrupted one ends)."""
    clock.advance(61)
    async with browser(app) as buyer:
        await sign_in(buyer, HANAKO)
        for key in observed.pending:
            for _ in range(20):
                response = await buyer.post("/api/orders", json=VPN, headers={"Idempotency-Key": key})
                if response.status_code == 201:
                    observed.placed[key] = response.json()["id"]
                    break
                assert response.status_code in {409, 503}, response.text  # in progress elsewhere, or still down
                await asyncio.sleep(0.2)
            else:
                raise AssertionError(f"checkout {key} never went through")


def assert_one_order_per_key(sandbox: RunningSandbox, observed: Observed) -> None:
    keys = [o["Portal_Order_Key__c"] for o in crm_orders(sandbox)]
    assert len(set(observed.placed.values())) == len(observed.placed)  # no two keys answered with one order
    assert sorted(keys) == sorted(k for k in keys if k)  # every order carries its key
    ours = Counter(keys)
    assert all(count == 1 for count in ours.values()), ours  # no key made two orders
    assert len(ours) == len(observed.placed)  # and none is missing


def portal(database: str, redis: PrivateRedis, sandbox: RunningSandbox, clock: ShiftedClock, **changes: Any) -> Any:
    settings = {**orders_settings(sandbox), "redis_url": Secret(redis.url(0)), **changes}
    return real_app(database, ClockProvider(clock), trusted_proxy_header="X-Forwarded-For", **settings)


@pytest.mark.parametrize("mode", ["fast", "immediate"])  # admin shutdown, then refused; a crash: sockets reset
async def test_postgres_stopping_under_load_answers_503_with_retry_after_and_loses_no_order(
    stores: tuple[str, PrivateRedis], postgres: PrivatePostgres, sandbox: RunningSandbox, mode: str
) -> None:
    database, redis = stores
    clock = ShiftedClock()
    app = portal(database, redis, sandbox, clock)
    observed = Observed()
    async with serving(app):
        start, stop = time.monotonic(), asyncio.Event()
        loading = asyncio.create_task(load(app, observed, stop))
        await asyncio.sleep(1.5)
        down = time.monotonic()
        await asyncio.to_thread(postgres.stop, mode)
        await asyncio.sleep(1.5)
        await asyncio.to_thread(postgres.start)
        up = time.monotonic()
        await asyncio.sleep(2)  # and on for a while after it is back
        stop.set()
        await loading
        await settle(app, clock, observed)
    print(f"\nwhile Postgres was down ({mode} stop, {up - down:.1f} s): {dict(observed.between(down, up))}")
    print(f"whole run: {dict(observed.between(start, time.monotonic()))}")
    observed.check()
    during = observed.between(down, up)
    assert during["POST /api/auth/login 503"] > 0  # the outage was seen, and answered properly
    # A signed-in customer's reads never ask Postgres (who the caller is travels with the session): they go on.
    assert during["GET /api/me 200"] > 0
    assert during["GET /api/me 503"] == 0
    assert observed.between(up + 0.5, time.monotonic())["POST /api/auth/login 200"] > 0  # and it recovered
    assert_one_order_per_key(sandbox, observed)


async def test_redis_dying_under_load_answers_503_with_retry_after_and_loses_no_order(
    stores: tuple[str, PrivateRedis], sandbox: RunningSandbox
) -> None:
    database, redis = stores
    clock = ShiftedClock()
    app = portal(database, redis, sandbox, clock)
    observed = Observed()
    async with serving(app):
        start, stop = time.monotonic(), asyncio.Event()
        loading = asyncio.create_task(load(app, observed, stop))
        await asyncio.sleep(1.5)
        down = time.monotonic()
        await asyncio.to_thread(redis.stop)  # SIGKILL
        await asyncio.sleep(1.5)
        await asyncio.to_thread(redis.start)  # back, empty: sessions are gone (401, then signed in again)
        up = time.monotonic()
        await asyncio.sleep(2)  # and on for a while after it is back
        stop.set()
        await loading
        await settle(app, clock, observed)
    print(f"\nwhile Redis was down ({up - down:.1f} s): {dict(observed.between(down, up))}")
    print(f"whole run: {dict(observed.between(start, time.monotonic()))}")
    observed.check()
    assert observed.between(down, up)["GET /api/me 503"] > 0
    assert observed.between(up + 0.5, time.monotonic())["GET /api/me 200"] > 0
    assert_one_order_per_key(sandbox, observed)


async def test_after_a_redis_restart_pooled_connections_do_not_make_it_look_down(
    stores: tuple[str, PrivateRedis], sandbox: RunningSandbox
) -> None:
    """Every pooled connection is dead after a restart; none of them may cost a request its answer."""
    database, redis = stores
    app = portal(database, redis, sandbox, ShiftedClock(), auth_attempts_per_window=1000)
    async with serving(app):
        logins = [browser(app) for _ in range(20)]
        body = {"email": DAICHI.email, "password": DAICHI.password}

        async def burst() -> list[int]:
            answers = await asyncio.gather(
                *(
                    c.post("/api/auth/login", json=body, headers={"X-Forwarded-For": f"198.51.100.{n}"})
                    for n, c in enumerate(logins)
                )
            )
            return [a.status_code for a in answers]

        assert set(await burst()) == {200}  # twenty connections in the pool now
        await asyncio.to_thread(redis.stop)
        await asyncio.to_thread(redis.start)  # nothing used the pool meanwhile: every pooled connection is stale
        after = await burst()
        for client in logins:
            await client.aclose()
    print(f"\nlogins right after a Redis restart: {dict(Counter(after))}")
    assert set(after) == {200}


async def test_a_session_whose_connection_died_closes_quietly(stores: tuple[str, PrivateRedis]) -> None:
    """The request's session is closed after the response is sent: a rollback that fails because the connection
    died (the database already rolled back) must not surface there as an error."""
    database, _ = stores
    engine = create_engine(PostgresConfig(dsn=database))
    try:
        async with closing_session(create_session_factory(engine)) as session:
            pid = (await session.execute(text("SELECT pg_backend_pid()"))).scalar_one()
            async with engine.connect() as other:
                await other.execute(text("SELECT pg_terminate_backend(:pid)"), {"pid": pid})
    finally:
        await engine.dispose()
