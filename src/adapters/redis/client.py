from __future__ import annotations

from redis.asyncio import BlockingConnectionPool, Redis
from redis.asyncio.retry import Retry
from redis.backoff import NoBackoff
from redis.exceptions import ConnectionError as RedisConnectionError

from adapters.redis.config import RedisConfig


def create_redis(config: RedisConfig) -> Redis:
    """A client on a bounded pool with short socket timeouts.

    Bounded because redis-py's default pool is unbounded (a leak becomes an outage); blocking with a short wait so a
    burst queues briefly instead of failing; short timeouts because a slow Redis must degrade to live reads fast.

    After a Redis restart every pooled connection is dead, and the pool cannot tell until one is used: without a
    retry each of them would fail one request (a minute of spurious 503s under light traffic). So a command that
    meets a dropped connection is sent once more, at once, on a fresh one — a restart costs nothing, a real outage
    still fails fast (the second connect is refused). Timeouts are not retried: a slow Redis must degrade, not
    double its load. Idle connections are also pinged before use, which catches most dead ones before any command.
    """
    pool = BlockingConnectionPool.from_url(
        config.url,
        max_connections=config.max_connections,
        timeout=config.connect_timeout_seconds,
        socket_timeout=config.socket_timeout_seconds,
        socket_connect_timeout=config.connect_timeout_seconds,
        health_check_interval=config.health_check_interval_seconds,
        retry=Retry(NoBackoff(), retries=1, supported_errors=(RedisConnectionError,)),
    )
    return Redis(connection_pool=pool)
