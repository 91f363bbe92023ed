"""Attempt limits that races cannot beat: every attempt is counted before the secret is checked, atomically over
every process (one Redis script), with one normalisation of the address shared by counting and login.

Before: a burst of 30 wrong passwords for one address checked far more than 5, and a right guess inside the burst
was accepted; a look-alike spelling of a locked address got a fresh allowance; changing the password had no limit.

Repeat: `PORTAL_TEST_REDIS_SERVER=redis://127.0.0.1:<port> .venv/bin/pytest -s tests/abuse/test_attempt_races.py`
"""

from __future__ import annotations

import asyncio
import subprocess
import sys
import time
import unicodedata
from collections.abc import AsyncIterator
from contextlib import AsyncExitStack, asynccontextmanager
from typing import Any

import httpx
import pytest
from argon2 import PasswordHasher as Argon2
from dishka import Provider, Scope, provide
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from redis.asyncio import Redis

from adapters.argon2.password_hasher import Argon2PasswordHasher
from application.identity.errors import InvalidCredentialsError, RateLimitedError
from application.identity.link_billing_account import LinkBillingAccountCommand
from application.identity.log_in import LogIn, LogInCommand
from application.ports.password_hasher import PasswordHasher
from domain.identity.email import EmailAddress
from entrypoints.secret import Secret
from tests.abuse import attempt_burst
from tests.abuse.conftest import ABUSE_REDIS_URL
from tests.abuse.serving import serving
from tests.integration.conftest import disposable_engine
from tests.support.app import create_user, real_app
from tests.unit.identity.conftest import IdentityWorld
from tests.unit.identity.onboarding_world import OnboardingWorld

EMAIL = "hanako.tanaka@example.jp"
PASSWORD = "correct horse battery"
RIGHT = {"email": EMAIL, "password": PASSWORD}
BURST = 30
LIMIT = 5


class CountingHasher:
    """The real (cheap) argon2, counting verifications and widening the race window: each check takes 50 ms."""

    def __init__(self) -> None:
        self._inner = Argon2PasswordHasher(Argon2(time_cost=1, memory_cost=8, parallelism=1), concurrency=64)
        self.verified = 0
        self.refused = 0  # verifications that found the password wrong

    async def hash(self, password: str) -> str:
        return await self._inner.hash(password)

    async def verify(self, password_hash: str, password: str) -> bool:
        self.verified += 1
        await asyncio.sleep(0.05)
        right = await self._inner.verify(password_hash, password)
        self.refused += not right
        return right

    def needs_rehash(self, password_hash: str) -> bool:
        return self._inner.needs_rehash(password_hash)

    async def verify_dummy(self, password: str) -> None:
        await self.verify("$argon2id$v=19$m=8,t=1,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaA", password)


class HasherProvider(Provider):
    def __init__(self, hasher: CountingHasher) -> None:
        super().__init__()
        self._hasher = hasher

    @provide(scope=Scope.APP)
    def hasher(self) -> PasswordHasher:
        return self._hasher


async def flush() -> None:
    redis = Redis.from_url(ABUSE_REDIS_URL)
    await redis.flushdb()
    await redis.aclose()


@asynccontextmanager
async def three_processes(database_url: str) -> AsyncIterator[tuple[list[httpx.AsyncClient], CountingHasher]]:
    """Three app instances — three containers, three Redis pools, as three API processes would have — sharing the
    real Postgres and Redis; clients sit behind a proxy that names them in X-Forwarded-For."""
    await flush()
    hasher = CountingHasher()
    async with AsyncExitStack() as stack:
        await stack.enter_async_context(disposable_engine(database_url))  # empties the tables afterwards
        await create_user(database_url, EMAIL, PASSWORD)
        clients = [
            await stack.enter_async_context(
                serving(
                    real_app(
                        database_url,
                        HasherProvider(hasher),
                        redis_url=Secret(ABUSE_REDIS_URL),
                        trusted_proxy_header="X-Forwarded-For",
                    )
                )
            )
            for _ in range(3)
        ]
        yield clients, hasher
    await flush()


def from_ip(n: int) -> dict[str, str]:
    return {"X-Forwarded-For": f"198.51.100.{n}"}


async def test_a_burst_of_30_wrong_passwords_for_one_address_checks_at_most_5(database_url: str) -> None:
    async with three_processes(database_url) as (clients, hasher):
        guesses = [
            clients[n % 3].post("/api/auth/login", json={"email": EMAIL, "password": f"guess {n}"}, headers=from_ip(n))
            for n in range(BURST)
        ]
        statuses = sorted(r.status_code for r in await asyncio.gather(*guesses))
        print(f"\nattempts checked in a burst of {BURST} wrong passwords over 3 app instances: {hasher.verified}")
        assert hasher.verified == hasher.refused == LIMIT
        assert statuses == [401] * LIMIT + [429] * (BURST - LIMIT)
        right = await clients[0].post(
            "/api/auth/login", json={"email": EMAIL, "password": PASSWORD}, headers=from_ip(99)
        )
        assert right.status_code == 429
        assert int(right.headers["retry-after"]) > 0
        assert hasher.verified == LIMIT  # refused unchecked


async def test_a_right_guess_inside_a_burst_costs_no_more_than_5_wrong_checks(database_url: str) -> None:
    """The right password gives its attempt back (only failures use up the allowance), so the wrong guesses checked
    stay at 5 or fewer whether or not the right one came first."""
    async with three_processes(database_url) as (clients, hasher):
        passwords = [PASSWORD] + [f"guess {n}" for n in range(BURST - 1)]
        guesses = [
            clients[n % 3].post("/api/auth/login", json={"email": EMAIL, "password": p}, headers=from_ip(n))
            for n, p in enumerate(passwords)
        ]
        answers = await asyncio.gather(*guesses)
        assert hasher.refused <= LIMIT
        assert answers[0].status_code in {200, 429}  # checked, or refused unchecked
        assert sum(r.status_code == 401 for r in answers) == hasher.refused


async def test_changing_the_password_has_an_attempt_limit_that_a_burst_cannot_beat(database_url: str) -> None:
    async with three_processes(database_url) as (clients, hasher):
        login = await clients[0].post(
            "/api/auth/login", json={"email": EMAIL, "password": PASSWORD}, headers=from_ip(1)
        )
        assert login.status_code == 200
        session = {"X-CSRF-Token": login.json()["csrfToken"], **from_ip(1)}
        hasher.verified = 0
        changes = [
            clients[0].post(
                "/api/auth/password",
                json={"currentPassword": f"guess {n}", "newPassword": "a brand new passphrase"},
                headers=session,
            )
            for n in range(BURST)
        ]
        statuses = sorted(r.status_code for r in await asyncio.gather(*changes))
        print(f"\ncurrent-password checks in a burst of {BURST} password changes: {hasher.verified}")
        assert hasher.verified == LIMIT
        assert statuses == [401] * LIMIT + [429] * (BURST - LIMIT)
        right = await clients[0].post(
            "/api/auth/password",
            json={"currentPassword": PASSWORD, "newPassword": "a brand new passphrase"},
            headers=session,
        )
        assert right.status_code == 429


async def test_reset_tokens_are_attempts_too(database_url: str) -> None:
    async with three_processes(database_url) as (clients, _):
        body = {"token": "not-a-real-token", "newPassword": "a brand new passphrase"}
        answers = [
            await clients[n % 3].post("/api/auth/password-reset/confirm", json=body, headers=from_ip(7))
            for n in range(6)
        ]
        assert [a.status_code for a in answers] == [422] * LIMIT + [429]


def test_the_counter_is_atomic_across_os_processes() -> None:
    """Three OS processes take 10 attempts each at the same instant on the same counters: exactly 5 are allowed."""
    asyncio.run(flush())
    start_at = time.time() + 1.5  # time for the interpreters to start and connect
    argv = [sys.executable, "-m", "tests.abuse.attempt_burst", ABUSE_REDIS_URL, str(start_at), "10"]
    processes = [subprocess.Popen(argv, stdout=subprocess.PIPE, text=True) for _ in range(3)]
    allowed = [int(p.communicate(timeout=30)[0].strip()) for p in processes]
    asyncio.run(flush())
    assert sum(allowed) == attempt_burst.LIMIT, allowed


# --- one normalisation shared by counting and login (in-memory twins; the rule is the application's) -------------

FULL_WIDTH = {c: chr(ord(c) + 0xFEE0) for c in "abcdefghijklmnopqrstuvwxyz.@0123456789"}


@st.composite
def look_alikes(draw: st.DrawFn, address: str) -> str:
    """Spellings of `address` that log in as it: case, full-width forms, surrounding white space."""
    chars = []
    for char in address:
        form = draw(st.sampled_from(["same", "upper", "full-width", "full-width upper"]))
        spelt = FULL_WIDTH.get(char, char) if form.startswith("full-width") else char
        chars.append(spelt.upper() if form.endswith("upper") else spelt)
    padding = st.text(st.sampled_from(" \t\u3000"), max_size=3)
    return draw(padding) + "".join(chars) + draw(padding)


@settings(max_examples=50, deadline=None, suppress_health_check=list(HealthCheck))
@given(locking=look_alikes(EMAIL), trying=look_alikes(EMAIL))
async def test_a_look_alike_spelling_of_a_locked_address_is_locked_too(locking: str, trying: str) -> None:
    assert EmailAddress.parse(trying).value == EMAIL == unicodedata.normalize("NFKC", trying).strip().lower()
    world = IdentityWorld()
    await world.add_user(EMAIL, PASSWORD)
    log_in = LogIn(world.uow(), world.hasher, world.sessions, world.attempts, world.clock)
    for n in range(LIMIT):
        with pytest.raises(InvalidCredentialsError):
            await log_in.execute(LogInCommand(email=locking, password="wrong", client_ip=f"203.0.113.{n}"))
    with pytest.raises(RateLimitedError):
        await log_in.execute(LogInCommand(email=trying, password=PASSWORD, client_ip="203.0.113.99"))


async def test_linking_checks_at_most_5_billing_logins_in_a_burst() -> None:
    world = OnboardingWorld()
    await world.existing_billing_client()
    checks = 0
    check_login = world.billing.logins.validate_login

    async def counted(email: str, password: str) -> Any:
        nonlocal checks
        checks += 1
        await asyncio.sleep(0.01)
        return await check_login(email, password)

    world.billing.logins.validate_login = counted  # type: ignore[method-assign]
    attempts = [
        world.link().execute(
            LinkBillingAccountCommand(
                email="kenji.sato@example.jp", password=f"guess {n}", new_password="x" * 16, client_ip=f"203.0.113.{n}"
            )
        )
        for n in range(BURST)
    ]
    outcomes = await asyncio.gather(*attempts, return_exceptions=True)
    assert checks == LIMIT
    assert sum(isinstance(o, RateLimitedError) for o in outcomes) == BURST - LIMIT
