"""What every process needs to run: where it runs, its stores, its logs."""

from __future__ import annotations

from typing import Annotated, Literal

import msgspec

from entrypoints.secret import Secret

Doc = msgspec.Meta


class ProcessSettings(msgspec.Struct, frozen=True, kw_only=True):
    environment: Annotated[
        Literal["development", "test", "production"],
        Doc(description="Where this runs; production refuses development defaults for secrets."),
    ] = "development"
    adapters: Annotated[
        Literal["real", "memory"],
        Doc(description="`real`: Postgres, Redis and the upstream systems; `memory`: in-memory twins of all of them."),
    ] = "real"
    http_host: Annotated[str, Doc(description="Address the API binds to.")] = "127.0.0.1"
    http_port: Annotated[int, Doc(ge=1, le=65535, description="Port the API listens on.")] = 8000
    http_workers: Annotated[int, Doc(ge=1, le=64, description="API worker processes.")] = 1
    database_url: Annotated[
        Secret, Doc(description="SQLAlchemy URL of the portal database (postgresql+asyncpg://...).")
    ] = Secret("postgresql+asyncpg://postgres@127.0.0.1:5432/portal")
    database_pool_size: Annotated[int, Doc(ge=1, le=200, description="Connections kept per process.")] = 10
    redis_url: Annotated[
        Secret, Doc(description="Redis URL (redis://host:port/db); with a cluster, any one node (database 0).")
    ] = Secret("redis://127.0.0.1:6379/0")
    redis_cluster: Annotated[
        bool, Doc(description="The Redis URL names a node of a Redis Cluster: the portal finds the others.")
    ] = False
    redis_max_connections: Annotated[
        int, Doc(ge=1, le=10_000, description="Redis pool size per process (with a cluster: per node).")
    ] = 64
    redis_socket_timeout_seconds: Annotated[
        float, Doc(gt=0, le=30, description="Redis read/write timeout; short so a slow Redis degrades fast.")
    ] = 0.25
    log_level: Annotated[Literal["DEBUG", "INFO", "WARNING", "ERROR"], Doc(description="Lowest level logged.")] = "INFO"
    log_format: Annotated[
        Literal["auto", "json", "console"], Doc(description="`auto`: console on a terminal, JSON otherwise.")
    ] = "auto"
