"""Whether the local Postgres and Redis answer, so the demo can use them or say why it runs in memory."""

from __future__ import annotations

import asyncio

import asyncpg
from redis.asyncio import Redis
from redis.exceptions import RedisError
from sqlalchemy.engine import make_url


async def postgres_reachable(dsn: str) -> bool:
    url = make_url(dsn)
    try:
        connection = await asyncpg.connect(
            host=url.host or "127.0.0.1",
            port=url.port or 5432,
            user=url.username or "postgres",
            password=url.password,
            database="postgres",
            timeout=2,
        )
    except (OSError, asyncpg.PostgresError, TimeoutError):
        return False
    await connection.close()
    return True


async def redis_reachable(url: str) -> bool:
    client = Redis.from_url(url, socket_connect_timeout=1, socket_timeout=1)
    try:
        return bool(await asyncio.wait_for(client.ping(), 2))
    except (RedisError, OSError, TimeoutError):
        return False
    finally:
        await client.aclose()
