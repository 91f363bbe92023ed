"""A throwaway Postgres database per test session, built by the real migrations."""

from __future__ import annotations

import asyncio
import os
import uuid
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import TypeVar

from adapters.postgres.database import drop_database, ensure_database
from adapters.postgres.migrate import upgrade
from tests.support.redis_server import redis_url

SERVER_URL = os.environ.get("PORTAL_TEST_POSTGRES_URL", "postgresql+asyncpg://postgres@127.0.0.1:5432")
T = TypeVar("T")
REDIS_URL = redis_url(15)


def new_database_url(purpose: str, server_url: str = SERVER_URL) -> str:
    return f"{server_url}/portal_test_{purpose}_{os.getpid()}_{uuid.uuid4().hex[:6]}"


def _in_own_thread(work: Callable[[], T]) -> T:
    # Fixtures may be set up while an event loop runs (async tests); asyncio.run needs a thread without one.
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(work).result()


def create_migrated_database(purpose: str, server_url: str = SERVER_URL) -> str:
    dsn = new_database_url(purpose, server_url)

    def create() -> None:
        asyncio.run(ensure_database(dsn))
        upgrade(dsn)

    _in_own_thread(create)
    return dsn


def drop(dsn: str) -> None:
    _in_own_thread(lambda: asyncio.run(drop_database(dsn)))
