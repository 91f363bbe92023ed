from __future__ import annotations

import pytest

from tests.unit.billing.world import BillingWorld


@pytest.fixture
def world() -> BillingWorld:
    return BillingWorld()
