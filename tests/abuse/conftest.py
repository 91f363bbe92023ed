"""The abuse suite: the attacks and the failures the issue "Hold under abuse" found, each as a test that fails if
its safeguard is weakened. Real Postgres and Redis (and the test's own private ones for outages)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.support.postgres import create_migrated_database, drop
from tests.support.redis_server import redis_url

ABUSE_REDIS_URL = redis_url(10)


@pytest.fixture(scope="session")
def database_url() -> Iterator[str]:
    dsn = create_migrated_database("abuse")
    yield dsn
    drop(dsn)
