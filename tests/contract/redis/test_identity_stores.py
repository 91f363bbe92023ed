"""Sessions, reset tokens and attempt counters: one contract for Redis, Redis Cluster and the twins."""

from __future__ import annotations

import asyncio
import datetime as dt
import uuid
from collections.abc import AsyncIterator
from dataclasses import dataclass

import pytest

from adapters.memory.attempt_counter import InMemoryAttemptCounter
from adapters.memory.reset_tokens import InMemoryResetTokenStore
from adapters.memory.sessions import InMemorySessionStore
from adapters.redis import keys
from adapters.redis.attempt_counter import RedisAttemptCounter
from adapters.redis.client import RedisClient
from adapters.redis.reset_tokens import RedisResetTokenStore
from adapters.redis.sessions import RedisSessionStore
from adapters.system_clock import SystemClock
from application.ports.attempt_counter import AttemptCounter
from application.ports.reset_tokens import ResetTokenStore
from application.ports.sessions import SessionRecord, SessionStore
from tests.contract.redis.conftest import KINDS, connect

COVERS = (RedisSessionStore, RedisResetTokenStore, RedisAttemptCounter)
NOW = dt.datetime(2026, 12, 1, 9, 0, tzinfo=dt.UTC)


@dataclass
class Stores:
    sessions: SessionStore
    reset_tokens: ResetTokenStore
    attempts: AttemptCounter


@pytest.fixture(params=(*KINDS, "twin"))
async def stores(request: pytest.FixtureRequest) -> AsyncIterator[Stores]:
    if request.param == "twin":
        clock = SystemClock()
        yield Stores(InMemorySessionStore(clock), InMemoryResetTokenStore(clock), InMemoryAttemptCounter(clock))
        return
    redis = await connect(request.param)
    try:
        yield Stores(RedisSessionStore(redis), RedisResetTokenStore(redis), RedisAttemptCounter(redis))
    finally:
        await redis.aclose()


def record(user: uuid.UUID) -> SessionRecord:
    return SessionRecord(user_id=user, csrf_token=uuid.uuid4().hex, created_at=NOW, last_seen_at=NOW)


async def test_a_session_is_found_by_its_id_touched_and_revoked(stores: Stores) -> None:
    user = uuid.uuid4()
    created = record(user)
    session_id = await stores.sessions.create(created, ttl_seconds=600)
    assert await stores.sessions.get(session_id) == created
    later = SessionRecord(user_id=user, csrf_token="t", created_at=NOW, last_seen_at=NOW + dt.timedelta(minutes=5))
    await stores.sessions.touch(session_id, later, ttl_seconds=600)
    assert await stores.sessions.get(session_id) == later
    await stores.sessions.revoke(session_id)
    assert await stores.sessions.get(session_id) is None


async def test_ending_every_session_of_a_user_keeps_the_one_asked_and_others_users(stores: Stores) -> None:
    user, other = uuid.uuid4(), uuid.uuid4()
    mine = [await stores.sessions.create(record(user), ttl_seconds=600) for _ in range(5)]
    theirs = await stores.sessions.create(record(other), ttl_seconds=600)
    await stores.sessions.revoke_all(user, keep=mine[0])
    assert [await stores.sessions.get(s) is not None for s in mine] == [True, False, False, False, False]
    assert await stores.sessions.get(theirs) is not None
    await stores.sessions.revoke_all(user)
    assert await stores.sessions.get(mine[0]) is None


async def test_a_session_is_named_by_its_users_index_and_both_expire(redis: RedisClient) -> None:
    """No session without its index entry (the twin scans its records instead): ending every session relies on it."""
    user = uuid.uuid4()
    session_id = await RedisSessionStore(redis).create(record(user), ttl_seconds=600)
    members = await redis.smembers(keys.user_sessions(str(user)))
    assert keys.secret_digest(session_id).encode() in members
    assert 0 < await redis.ttl(keys.user_sessions(str(user))) <= 600
    assert 0 < await redis.ttl(keys.session(session_id)) <= 600


async def test_a_reset_token_works_once_and_a_new_one_voids_the_old(stores: Stores) -> None:
    user = uuid.uuid4()
    first = await stores.reset_tokens.issue(user, ttl_seconds=600)
    second = await stores.reset_tokens.issue(user, ttl_seconds=600)
    assert await stores.reset_tokens.consume(first) is None
    assert await stores.reset_tokens.consume(second) == user
    assert await stores.reset_tokens.consume(second) is None


async def test_concurrent_uses_of_one_reset_token_let_exactly_one_through(stores: Stores) -> None:
    user = uuid.uuid4()
    token = await stores.reset_tokens.issue(user, ttl_seconds=600)
    results = await asyncio.gather(*(stores.reset_tokens.consume(token) for _ in range(20)))
    assert [r for r in results if r is not None] == [user]


async def test_attempts_are_counted_on_every_counter_at_once_and_never_beyond_the_limit(stores: Stores) -> None:
    ip, account, other_account = "login:ip:192.0.2.1", "login:email:a", "login:email:b"
    results = await asyncio.gather(
        *(stores.attempts.take([ip, account], limit=5, window_seconds=60) for _ in range(30))
    )
    assert sum(r.allowed for r in results) == 5
    refused = next(r for r in results if not r.allowed)
    assert refused.retry_after_seconds is not None
    assert 1 <= refused.retry_after_seconds <= 60
    # The IP's counter is full, so another account from that IP is refused too; from elsewhere it is not.
    assert not (await stores.attempts.take([ip, other_account], limit=5, window_seconds=60)).allowed
    assert (await stores.attempts.take(["login:ip:192.0.2.2", other_account], limit=5, window_seconds=60)).allowed


async def test_an_attempt_given_back_frees_its_place_on_every_counter(stores: Stores) -> None:
    counters = ["reset:ip:198.51.100.7", "reset:user:u"]
    taken = [await stores.attempts.take(counters, limit=2, window_seconds=60) for _ in range(2)]
    assert all(t.allowed for t in taken)
    assert not (await stores.attempts.take(counters, limit=2, window_seconds=60)).allowed
    assert taken[0].ticket is not None
    await stores.attempts.give_back(counters, taken[0].ticket)
    assert (await stores.attempts.take(counters, limit=2, window_seconds=60)).allowed


@pytest.mark.parametrize("window_seconds", [60, 900])
async def test_an_attempt_stays_counted_for_the_whole_window_in_seconds(stores: Stores, window_seconds: int) -> None:
    """The window is given in seconds: the refusal right after the limit says to wait (almost) all of it."""
    counters = [f"login:ip:192.0.2.{window_seconds % 250}"]
    assert (await stores.attempts.take(counters, limit=1, window_seconds=window_seconds)).allowed
    refused = await stores.attempts.take(counters, limit=1, window_seconds=window_seconds)
    assert not refused.allowed
    assert refused.retry_after_seconds is not None
    assert window_seconds - 2 <= refused.retry_after_seconds <= window_seconds
