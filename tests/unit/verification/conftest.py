from __future__ import annotations

import pytest

from adapters.memory.crm_data import InMemoryCrmData
from application.ports.crm_models import InternetEligibility
from tests.unit.identity.onboarding_world import FRESH_ACCOUNT, account

NOT_CHECKED = {"status": "Not Requested", "offering_type": None, "checked_at": None, "notes": None}


@pytest.fixture
def crm() -> InMemoryCrmData:

    data = InMemoryCrmData()
    data.add_account(
        account(FRESH_ACCOUNT, "SH-100003", "Yuki Suzuki"), InternetEligibility(account_id="", **NOT_CHECKED)
    )  # type: ignore[arg-type]
    return data
