from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.support.redis_cluster import SHARED


@pytest.fixture(scope="session", autouse=True)
def _stop_the_shared_redis_cluster() -> Iterator[None]:
    """The Redis Cluster some tests start (`tests.support.redis_cluster.SHARED`) ends with the session."""
    yield
    SHARED.stop()
