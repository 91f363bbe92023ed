"""Get-started's codes on Redis, Redis Cluster and the twin: a code matches once, three tries in all, a new code voids
the old one, codes and proofs expire; concurrent guesses are each counted."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator

import pytest

from adapters.memory.clock import FrozenClock
from adapters.memory.email_codes import InMemoryEmailCodes
from adapters.redis import keys
from adapters.redis.email_codes import RedisEmailCodes
from application.ports.email_codes import CodeCheck, EmailCodes
from tests.contract.redis.conftest import KINDS, connect

COVERS = (RedisEmailCodes,)


@contextlib.asynccontextmanager
async def store(kind: str) -> AsyncIterator[EmailCodes]:
    if kind == "twin":
        yield InMemoryEmailCodes(FrozenClock())
        return
    client = await connect(kind)
    try:
        yield RedisEmailCodes(client)
    finally:
        await client.aclose()


@pytest.fixture(params=(*KINDS, "twin"))
async def codes(request: pytest.FixtureRequest) -> AsyncIterator[EmailCodes]:
    async with store(request.param) as chosen:
        yield chosen


@pytest.fixture(params=KINDS)
async def redis_codes(request: pytest.FixtureRequest) -> AsyncIterator[EmailCodes]:
    """Only the servers: the twin runs one call at a time, so concurrency means nothing there."""
    async with store(request.param) as chosen:
        yield chosen


async def test_the_right_code_matches_once(codes: EmailCodes) -> None:
    await codes.issue("subject", "digest-1", ttl_seconds=600)
    assert await codes.check("subject", "digest-1", max_attempts=3) is CodeCheck.MATCH
    assert await codes.check("subject", "digest-1", max_attempts=3) is CodeCheck.GONE


async def test_three_tries_in_all_then_even_the_right_code_is_refused(codes: EmailCodes) -> None:
    await codes.issue("subject", "right", ttl_seconds=600)
    assert await codes.check("subject", "wrong", max_attempts=3) is CodeCheck.WRONG
    assert await codes.check("subject", "wrong", max_attempts=3) is CodeCheck.WRONG
    assert await codes.check("subject", "wrong", max_attempts=3) is CodeCheck.WRONG
    assert await codes.check("subject", "right", max_attempts=3) is CodeCheck.GONE


async def test_a_new_code_voids_the_old_one_and_its_tries_start_afresh(codes: EmailCodes) -> None:
    await codes.issue("subject", "old", ttl_seconds=600)
    assert await codes.check("subject", "nope", max_attempts=3) is CodeCheck.WRONG
    await codes.issue("subject", "new", ttl_seconds=600)
    assert await codes.check("subject", "old", max_attempts=3) is CodeCheck.WRONG
    assert await codes.check("subject", "nope", max_attempts=3) is CodeCheck.WRONG
    assert await codes.check("subject", "new", max_attempts=3) is CodeCheck.MATCH


async def test_codes_of_two_addresses_are_apart(codes: EmailCodes) -> None:
    await codes.issue("a", "code", ttl_seconds=600)
    assert await codes.check("b", "code", max_attempts=3) is CodeCheck.GONE
    assert await codes.check("a", "code", max_attempts=3) is CodeCheck.MATCH


async def test_concurrent_guesses_compare_at_most_the_allowed_tries(redis_codes: EmailCodes) -> None:
    await redis_codes.issue("subject", "right", ttl_seconds=600)
    guesses = (redis_codes.check("subject", f"guess-{n}", max_attempts=3) for n in range(30))
    outcomes = await asyncio.gather(*guesses)
    assert outcomes.count(CodeCheck.WRONG) == 3
    assert outcomes.count(CodeCheck.GONE) == 27


async def test_a_proof_is_read_until_revoked(codes: EmailCodes) -> None:
    await codes.grant("proof-digest", "yuki@example.jp", ttl_seconds=1800)
    assert await codes.proven_email("proof-digest") == "yuki@example.jp"
    assert await codes.proven_email("other") is None
    await codes.revoke("proof-digest")
    assert await codes.proven_email("proof-digest") is None


async def test_codes_and_proofs_expire() -> None:
    clock = FrozenClock()
    codes = InMemoryEmailCodes(clock)
    await codes.issue("subject", "right", ttl_seconds=600)
    await codes.grant("proof", "yuki@example.jp", ttl_seconds=1800)
    clock.advance(601)
    assert await codes.check("subject", "right", max_attempts=3) is CodeCheck.GONE
    clock.advance(1200)
    assert await codes.proven_email("proof") is None


async def test_redis_keeps_each_for_its_time_to_live() -> None:
    client = await connect("single")
    try:
        await RedisEmailCodes(client).issue("subject", "right", ttl_seconds=600)
        await RedisEmailCodes(client).grant("proof", "yuki@example.jp", ttl_seconds=1800)
        assert 590 <= await client.ttl(keys.email_code("subject")) <= 600
        assert 1790 <= await client.ttl(keys.email_proof("proof")) <= 1800
        assert await client.hget(keys.email_code("subject"), "digest") == b"right"  # a digest, never the code
    finally:
        await client.aclose()
