from __future__ import annotations

import msgspec


class PostgresConfig(msgspec.Struct, frozen=True, kw_only=True):
    dsn: str
    pool_size: int = 10
    max_overflow: int = 5
    pool_timeout_seconds: float = 2.0
    connect_timeout_seconds: float = 3.0
    statement_timeout_seconds: float = 10.0
    application_name: str = "portal-bff"
