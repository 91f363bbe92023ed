from __future__ import annotations

from redis.asyncio import BlockingConnectionPool, Redis

from adapters.redis.config import RedisConfig


def create_redis(config: RedisConfig) -> Redis:
    """A client on a bounded pool with short socket timeouts.

    Bounded because redis-py's default pool is unbounded (a leak becomes an outage); blocking with a short wait so a
    burst queues briefly instead of failing; short timeouts because a slow Redis must degrade to live reads fast.
    """
    pool = BlockingConnectionPool.from_url(
        config.url,
        max_connections=config.max_connections,
        timeout=config.connect_timeout_seconds,
        socket_timeout=config.socket_timeout_seconds,
        socket_connect_timeout=config.connect_timeout_seconds,
        health_check_interval=30,
    )
    return Redis(connection_pool=pool)
