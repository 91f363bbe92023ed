"""Logins cannot exhaust the database pool or memory: no connection is held while a password is hashed, hashing is
bounded and answers 503 + Retry-After beyond its bound, and an exhausted pool is a 503 + Retry-After, not a 500.

Before: about 16 concurrent logins held every database connection while hashing (64 MB each), and everyone else —
signed-in customers included — got 500.
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest
from argon2 import PasswordHasher as Argon2
from dishka import Provider, Scope, provide
from redis.asyncio import Redis
from sqlalchemy.ext.asyncio import AsyncEngine

from adapters.argon2.password_hasher import Argon2PasswordHasher
from adapters.postgres.config import PostgresConfig
from adapters.postgres.engine import create_engine
from application.ports.password_hasher import PasswordHasher
from entrypoints.secret import Secret
from tests.abuse.conftest import ABUSE_REDIS_URL
from tests.abuse.routes import memory_app
from tests.abuse.serving import browser, serving
from tests.integration.conftest import disposable_engine
from tests.support.app import create_user, real_app

PASSWORD = "correct horse battery"
CHEAP = {"time_cost": 1, "memory_cost": 8, "parallelism": 1}
BURST = 8


class GatedHasher:
    """Real (cheap) argon2 behind a gate: every verification waits until the test opens it, so the test can look
    at the rest of the system while logins are mid-hash."""

    def __init__(self) -> None:
        self._inner = Argon2PasswordHasher(Argon2(**CHEAP), concurrency=64)
        self.gate = asyncio.Event()
        self.hashing = 0
        self.expected = 0
        self.all_hashing = asyncio.Event()  # set once `expected` verifications wait at the gate

    async def hash(self, password: str) -> str:
        return await self._inner.hash(password)

    async def verify(self, password_hash: str, password: str) -> bool:
        self.hashing += 1
        if self.hashing == self.expected:
            self.all_hashing.set()
        await self.gate.wait()
        return await self._inner.verify(password_hash, password)

    def needs_rehash(self, password_hash: str) -> bool:
        return self._inner.needs_rehash(password_hash)

    async def verify_dummy(self, password: str) -> None:
        await self.verify(self._inner._dummy_hash, password)


class Fixed(Provider):
    """The hasher and the engine the test holds on to (a one-connection pool, so any held connection shows)."""

    def __init__(self, hasher: PasswordHasher, engine: AsyncEngine | None = None) -> None:
        super().__init__()
        self._hasher = hasher
        self._engine = engine

    @provide(scope=Scope.APP)
    def hasher(self) -> PasswordHasher:
        return self._hasher

    @provide(scope=Scope.APP)
    def engine(self) -> AsyncEngine:
        assert self._engine is not None
        return self._engine


@pytest.fixture
async def one_connection(database_url: str) -> AsyncIterator[AsyncEngine]:
    redis = Redis.from_url(ABUSE_REDIS_URL)
    await redis.flushdb()
    engine = create_engine(PostgresConfig(dsn=database_url, pool_size=1, max_overflow=0, pool_timeout_seconds=0.3))
    async with disposable_engine(database_url):
        yield engine
        await engine.dispose()
    await redis.flushdb()
    await redis.aclose()


async def sign_in(client: httpx.AsyncClient, email: str) -> None:
    response = await client.post("/api/auth/login", json={"email": email, "password": PASSWORD})
    assert response.status_code == 200, response.text


async def test_logins_mid_hash_hold_no_connection_so_signed_in_customers_are_served(
    database_url: str, one_connection: AsyncEngine
) -> None:
    hasher = GatedHasher()
    await create_user(database_url, "customer@example.jp", PASSWORD)
    await create_user(database_url, "hanako.tanaka@example.jp", PASSWORD)
    app = real_app(
        database_url,
        Fixed(hasher, one_connection),
        redis_url=Secret(ABUSE_REDIS_URL),
        trusted_proxy_header="X-Forwarded-For",
    )
    async with serving(app) as customer, browser(app) as burst:
        hasher.gate.set()
        await sign_in(customer, "customer@example.jp")
        hasher.gate.clear()
        hasher.hashing, hasher.expected = 0, BURST
        logins = [
            asyncio.create_task(
                burst.post(
                    "/api/auth/login",
                    json={"email": "hanako.tanaka@example.jp" if n < 4 else f"nobody{n}@example.jp", "password": "x"},
                    headers={"X-Forwarded-For": f"198.51.100.{n}"},
                )
            )
            for n in range(BURST)
        ]
        async with asyncio.timeout(10):
            await hasher.all_hashing.wait()  # every login is now hashing
        me = await customer.get("/api/me")  # the pool's one connection must be free for this
        hasher.gate.set()
        answers = await asyncio.gather(*logins)
    assert me.status_code == 200, me.text
    assert [a.status_code for a in answers] == [401] * BURST


async def test_an_exhausted_pool_is_a_503_with_retry_after(database_url: str, one_connection: AsyncEngine) -> None:
    hasher = GatedHasher()
    hasher.gate.set()
    await create_user(database_url, "customer@example.jp", PASSWORD)
    app = real_app(database_url, Fixed(hasher, one_connection), redis_url=Secret(ABUSE_REDIS_URL))
    async with serving(app) as customer:
        await sign_in(customer, "customer@example.jp")
        async with one_connection.connect():  # someone holds the only connection longer than the pool waits
            me = await customer.get("/api/me")
    assert (me.status_code, me.json()["code"], me.headers["retry-after"]) == (503, "UPSTREAM_UNAVAILABLE", "1")


class BlockingArgon2(Argon2):
    """argon2 whose verification waits for a threading event: a hash that takes as long as the test wants."""

    release = threading.Event()

    def verify(self, hash: str | bytes, password: str | bytes) -> Any:
        self.release.wait(10)
        return super().verify(hash, password)


class HasherOnly(Provider):
    def __init__(self, hasher: PasswordHasher) -> None:
        super().__init__()
        self._hasher = hasher

    @provide(scope=Scope.APP)
    def hasher(self) -> PasswordHasher:
        return self._hasher


async def test_hashing_beyond_its_bound_is_refused_with_retry_after_not_queued() -> None:
    """Two hashes at once (each holding 64 MiB in production); a third caller waits 0.2 s for a slot, then is told
    to come back — the queue cannot grow with the attack."""
    BlockingArgon2.release.clear()
    BlockingArgon2.entered = 0
    hasher = Argon2PasswordHasher(BlockingArgon2(**CHEAP), concurrency=2, wait_seconds=0.2)
    async with serving(memory_app(HasherOnly(hasher), auth_attempts_per_window=1000)) as client:
        body = {"email": "nobody@example.jp", "password": "whatever"}
        holding = [asyncio.create_task(client.post("/api/auth/login", json=body)) for _ in range(2)]
        for _ in range(500):  # until both hold a slot, hashing
            if BlockingArgon2.entered == 2:
                break
            await asyncio.sleep(0.01)
        refused = await client.post("/api/auth/login", json=body)
        BlockingArgon2.release.set()
        held = await asyncio.gather(*holding)
    assert (refused.status_code, refused.json()["code"], refused.headers["retry-after"]) == (503, "OVERLOADED", "1")
    assert [r.status_code for r in held] == [401, 401]
