"""Rule: one process never holds more than `max_connections` connections to Redis; a command beyond them waits for
one to come back, and one that waited the whole `connect_timeout_seconds` fails as an outage (no connection), never
by opening another. Connections that fail to connect, or commands cancelled while waiting, give their place back."""

from __future__ import annotations

import asyncio
import uuid

import pytest
from redis.asyncio import Redis
from redis.exceptions import ConnectionError as RedisConnectionError

from adapters.redis.client import create_redis
from adapters.redis.config import RedisConfig
from tests.support.redis_server import redis_url

pytestmark = pytest.mark.integration
URL = redis_url(9)


def client(max_connections: int, wait_seconds: float) -> Redis:
    made = create_redis(
        RedisConfig(
            url=URL,
            max_connections=max_connections,
            connect_timeout_seconds=wait_seconds,
            socket_timeout_seconds=5.0,
        )
    )
    assert isinstance(made, Redis)
    return made


async def blocked_pops(redis: Redis, key: str, count: int, seconds: float) -> list[asyncio.Task[object]]:
    """Commands that each hold a connection for `seconds` (a pop on a list nobody pushes to)."""
    return [asyncio.create_task(redis.blpop([key], timeout=seconds)) for _ in range(count)]


async def connections_named(name: str) -> int:
    observer = Redis.from_url(URL)
    try:
        return sum(1 for c in await observer.client_list() if c.get("name") == name)
    finally:
        await observer.aclose()


async def test_commands_beyond_the_bound_wait_for_a_connection_instead_of_opening_one() -> None:
    redis, name = client(max_connections=2, wait_seconds=5.0), f"bound-{uuid.uuid4().hex[:8]}"
    redis.connection_pool.connection_kwargs["client_name"] = name
    try:
        pops = await blocked_pops(redis, f"nothing:{name}", count=5, seconds=0.3)
        await asyncio.sleep(0.1)
        assert await connections_named(name) == 2
        assert await asyncio.gather(*pops) == [None] * 5  # all served, two at a time
        assert await redis.ping()
    finally:
        await redis.aclose()


async def test_a_command_that_waited_too_long_fails_as_no_connection_and_frees_nothing_it_did_not_take() -> None:
    redis = client(max_connections=1, wait_seconds=0.1)
    try:
        [pop] = await blocked_pops(redis, f"nothing:{uuid.uuid4().hex}", count=1, seconds=0.5)
        await asyncio.sleep(0.05)
        with pytest.raises(RedisConnectionError, match="No connection available"):
            await redis.get("anything")
        assert await pop is None
        # The place the timed-out command never had was not given back: still one at a time, and working.
        [pop] = await blocked_pops(redis, f"nothing:{uuid.uuid4().hex}", count=1, seconds=0.3)
        await asyncio.sleep(0.05)
        with pytest.raises(RedisConnectionError, match="No connection available"):
            await redis.get("anything")
        assert await pop is None
        assert await redis.ping()
    finally:
        await redis.aclose()


async def test_a_waiting_command_cancelled_gives_its_place_back() -> None:
    redis = client(max_connections=1, wait_seconds=5.0)
    try:
        [pop] = await blocked_pops(redis, f"nothing:{uuid.uuid4().hex}", count=1, seconds=0.3)
        await asyncio.sleep(0.05)
        waiting = asyncio.create_task(redis.get("anything"))
        await asyncio.sleep(0.05)
        waiting.cancel()
        with pytest.raises(asyncio.CancelledError):
            await waiting
        await pop
        assert await asyncio.wait_for(redis.ping(), timeout=2)
    finally:
        await redis.aclose()


async def test_a_connection_that_cannot_connect_gives_its_place_back() -> None:
    redis = create_redis(RedisConfig(url="redis://127.0.0.1:1/0", max_connections=1, connect_timeout_seconds=0.2))
    try:
        for _ in range(3):  # each attempt fails to connect; none may keep the only place
            with pytest.raises(RedisConnectionError) as failed:
                await redis.get("anything")
            assert "No connection available" not in str(failed.value)
    finally:
        await redis.aclose()
