from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from litestar.testing import TestClient

from adapters.memory.clock import FrozenClock
from sandbox.freebit import FreebitEmulatorConfig, FreebitState, create_app


@pytest.fixture
def clock() -> FrozenClock:
    return FrozenClock()


@pytest.fixture
def state(clock: FrozenClock) -> FreebitState:
    return FreebitState(clock)


@pytest.fixture
def client(state: FreebitState) -> Iterator[TestClient[Any]]:
    config = FreebitEmulatorConfig(completion_delay_seconds=300, auth_key_ttl_seconds=600)
    with TestClient(create_app(state, config=config)) as test_client:
        yield test_client
