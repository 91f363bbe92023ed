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
from application.ports.sessions import Caller, SessionRecord, SessionStore
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


def caller_of(user: uuid.UUID, account: str | None = None) -> Caller:
    return Caller(
        user_id=user, email="hanako.tanaka@example.jp", status="active", created_at=NOW,
        whmcs_client_id=1 if account else None, sf_account_id=account, sf_contact_id=None,
    )  # fmt: skip


async def test_a_caller_is_read_with_its_session_and_kept_only_if_its_slot_is_unchanged(stores: Stores) -> None:
    """Rule: `remember_caller` is a compare-and-set on what the lookup saw; a second fill from the same read loses."""
    user = uuid.uuid4()
    session_id = await stores.sessions.create(record(user), ttl_seconds=600)
    empty = await stores.sessions.lookup(session_id)
    assert empty is not None
    assert empty.caller is None
    assert await stores.sessions.remember_caller(session_id, caller_of(user), seen=empty.caller_seen, ttl_seconds=600)
    known = await stores.sessions.lookup(session_id)
    assert known is not None
    assert known.caller == caller_of(user)
    assert known.record == await stores.sessions.get(session_id)
    assert not await stores.sessions.remember_caller(
        session_id, caller_of(user, "001MEM000000003YBA"), seen=empty.caller_seen, ttl_seconds=600
    )
    again = await stores.sessions.lookup(session_id)
    assert again is not None
    assert again.caller == caller_of(user)


async def test_forgetting_callers_reaches_every_session_of_the_user_and_voids_fills_under_way(stores: Stores) -> None:
    """Rule: after `forget_callers` no session of the user knows its caller, and a fill that read the slot before
    cannot put the old caller back (not even into a slot that was empty: the invalidation leaves a fresh mark)."""
    user, other = uuid.uuid4(), uuid.uuid4()
    known, empty = [await stores.sessions.create(record(user), ttl_seconds=600) for _ in range(2)]
    theirs = await stores.sessions.create(record(other), ttl_seconds=600)
    for session_id, owner in ((known, user), (theirs, other)):
        await stores.sessions.remember_caller(session_id, caller_of(owner), seen="", ttl_seconds=600)
    under_way = [await stores.sessions.lookup(s) for s in (known, empty)]
    await stores.sessions.forget_callers(user, ttl_seconds=600)
    for session_id, seen in zip((known, empty), under_way, strict=True):
        assert seen is not None
        assert not await stores.sessions.remember_caller(
            session_id, caller_of(user), seen=seen.caller_seen, ttl_seconds=600
        )
        now = await stores.sessions.lookup(session_id)
        assert now is not None
        assert now.caller is None
        assert await stores.sessions.remember_caller(
            session_id, caller_of(user, "001MEM000000003YBA"), seen=now.caller_seen, ttl_seconds=600
        )
    still = await stores.sessions.lookup(theirs)
    assert still is not None
    assert still.caller == caller_of(other)


async def test_ending_sessions_ends_their_callers(stores: Stores) -> None:
    user = uuid.uuid4()
    one, two = [await stores.sessions.create(record(user), ttl_seconds=600) for _ in range(2)]
    for session_id in (one, two):
        await stores.sessions.remember_caller(session_id, caller_of(user), seen="", ttl_seconds=600)
    await stores.sessions.revoke(one)
    await stores.sessions.revoke_all(user)
    assert [await stores.sessions.lookup(s) for s in (one, two)] == [None, None]


async def test_a_callers_slot_shares_its_sessions_slot_and_lifetime(redis: RedisClient) -> None:
    """One MGET reads both (a cluster needs them in one slot); a touch extends both; ending a session deletes both."""
    user = uuid.uuid4()
    store = RedisSessionStore(redis)
    session_id = await store.create(record(user), ttl_seconds=600)
    assert keys.session(session_id).split("{")[1] == keys.session_caller(session_id).split("{")[1]
    await store.remember_caller(session_id, caller_of(user), seen="", ttl_seconds=100)
    await store.touch(session_id, record(user), ttl_seconds=600)
    assert 100 < await redis.ttl(keys.session_caller(session_id)) <= 600
    await store.revoke(session_id)
    assert await redis.exists(keys.session_caller(session_id)) == 0


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
