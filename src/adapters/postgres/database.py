"""Create or drop a whole database: for `portal migrate --create-database`, the demo and test fixtures."""

from __future__ import annotations

import re

import asyncpg
from sqlalchemy.engine import make_url

_SAFE_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]{0,62}$")


def _admin_connect_args(dsn: str) -> tuple[str, dict[str, object]]:
    url = make_url(dsn)
    name = url.database or ""
    if not _SAFE_NAME.match(name):
        raise ValueError(f"refusing to manage a database named {name!r}")
    args: dict[str, object] = {
        "host": url.host or "127.0.0.1",
        "port": url.port or 5432,
        "user": url.username or "postgres",
        "database": "postgres",
    }
    if url.password:
        args["password"] = url.password
    return name, args


async def ensure_database(dsn: str) -> bool:
    """Create the database named in `dsn` unless it exists; True when it was created."""
    name, args = _admin_connect_args(dsn)
    connection = await asyncpg.connect(**args)
    try:
        exists = await connection.fetchval("SELECT 1 FROM pg_database WHERE datname = $1", name)
        if exists:
            return False
        await connection.execute(f'CREATE DATABASE "{name}"')
        return True
    finally:
        await connection.close()


async def drop_database(dsn: str) -> None:
    name, args = _admin_connect_args(dsn)
    connection = await asyncpg.connect(**args)
    try:
        await connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    finally:
        await connection.close()
