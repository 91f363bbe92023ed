from __future__ import annotations

import logging
from typing import TypeAlias

from redis.asyncio import Redis
from redis.asyncio.client import PubSub
from redis.asyncio.cluster import RedisCluster
from redis.asyncio.retry import Retry
from redis.backoff import NoBackoff
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import RedisError

from adapters.redis.bounded_pool import BoundedConnectionPool
from adapters.redis.config import RedisConfig

# Every Redis adapter takes either: the commands they use behave alike on both (the key rules in `keys` make
# every script and transaction single-slot, so the cluster client can route it).
RedisClient: TypeAlias = Redis | RedisCluster
log = logging.getLogger(__name__)


def create_redis(config: RedisConfig) -> RedisClient:
    return _cluster(config) if config.cluster else _single(config)


def _single(config: RedisConfig) -> Redis:
    """A client on a bounded pool with short socket timeouts.

    Bounded because redis-py's default pool is unbounded (a leak becomes an outage); blocking with a short wait so a
    burst queues briefly instead of failing; short timeouts because a slow Redis must degrade to live reads fast.

    After a Redis restart every pooled connection is dead, and the pool cannot tell until one is used: without a
    retry each of them would fail one request (a minute of spurious 503s under light traffic). So a command that
    meets a dropped connection is sent once more, at once, on a fresh one — a restart costs nothing, a real outage
    still fails fast (the second connect is refused). Timeouts are not retried: a slow Redis must degrade, not
    double its load. Idle connections are also pinged before use, which catches most dead ones before any command.
    """
    pool = BoundedConnectionPool.from_url(
        config.url,
        max_connections=config.max_connections,
        timeout=config.connect_timeout_seconds,
        socket_timeout=config.socket_timeout_seconds,
        socket_connect_timeout=config.connect_timeout_seconds,
        health_check_interval=config.health_check_interval_seconds,
        retry=Retry(NoBackoff(), retries=1, supported_errors=(RedisConnectionError,)),
    )
    return Redis(connection_pool=pool)


def _cluster(config: RedisConfig) -> RedisCluster:
    """A Redis Cluster client: the URL names any one node, the client learns the others and the slot map.

    `max_connections` bounds each node's pool; beyond it a command fails at once (`MaxConnectionsError`, an
    outage: 503) instead of queueing, which is how redis-py's cluster pools work. A command that meets a dropped
    connection, a moved slot or a failover is retried once after the client re-reads the slot map.
    """
    return RedisCluster.from_url(
        config.url,
        max_connections=config.max_connections,
        socket_timeout=config.socket_timeout_seconds,
        socket_connect_timeout=config.connect_timeout_seconds,
        health_check_interval=config.health_check_interval_seconds,
        retry=Retry(NoBackoff(), retries=1),
    )


async def ready(redis: RedisClient) -> RedisClient:
    """Learn a cluster's nodes and slots before the first commands: redis-py (8.1) races when many commands reach a
    cluster client that never initialised (a connection closed under another), so processes do it at start. A
    cluster down at start is not fatal: the first command initialises, as a single Redis connects on first use."""
    if isinstance(redis, RedisCluster):
        try:
            await redis.initialize()
        except (RedisError, OSError) as error:
            log.warning("redis_cluster_not_reached_at_start", extra={"error": type(error).__name__})
    return redis


async def subscriber(redis: RedisClient) -> PubSub:
    """A pub/sub connection. On a cluster, classic pub/sub reaches subscribers on every node, so any node will
    do; the cluster client must know its nodes before it can pick one."""
    if isinstance(redis, RedisCluster):
        await redis.initialize()
    return redis.pubsub(ignore_subscribe_messages=True)
