from __future__ import annotations

import pytest

from tests.unit.cancellations.world import CancellationWorld


@pytest.fixture
def world() -> CancellationWorld:
    return CancellationWorld()
