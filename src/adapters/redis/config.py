from __future__ import annotations

import msgspec


class RedisConfig(msgspec.Struct, frozen=True, kw_only=True):
    url: str
    cluster: bool = False  # the URL names one node of a Redis Cluster (database 0)
    max_connections: int = 64  # per process; with a cluster, per node
    socket_timeout_seconds: float = 0.25
    connect_timeout_seconds: float = 0.5
    health_check_interval_seconds: int = 5  # ping a connection idle this long before using it
