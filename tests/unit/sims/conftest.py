from __future__ import annotations

import pytest

from tests.unit.sims.world import SimWorld


@pytest.fixture
def world() -> SimWorld:
    return SimWorld()
