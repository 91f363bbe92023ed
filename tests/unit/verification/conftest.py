from __future__ import annotations

import pytest

from adapters.memory.crm_data import InMemoryCrmData
from adapters.memory.crm_identity_documents import InMemoryIdentityDocuments
from adapters.memory.read_model_store import InMemoryReadModelStore
from application.ports.crm_models import InternetEligibility
from application.ports.read_model_store import DocumentVersion
from application.read_models.live_gate import LiveReadGate
from application.verification.verification_read_model import VerificationReadModel
from tests.unit.identity.onboarding_world import FRESH_ACCOUNT, account

NOT_CHECKED = {"status": "Not Requested", "offering_type": None, "checked_at": None, "notes": None}


@pytest.fixture
def crm() -> InMemoryCrmData:

    data = InMemoryCrmData()
    data.add_account(
        account(FRESH_ACCOUNT, "SH-100003", "Yuki Suzuki"), InternetEligibility(account_id="", **NOT_CHECKED)
    )  # type: ignore[arg-type]
    return data


class TtlRecordingStore(InMemoryReadModelStore):
    """The in-memory store keeps documents until invalidated; this one also says which window each fill asked."""

    def __init__(self) -> None:
        super().__init__()
        self.ttls: list[int | None] = []

    async def fill(
        self, family: str, entity: str, version: DocumentVersion, token: str, value: bytes, ttl_seconds: int | None
    ) -> bool:
        self.ttls.append(ttl_seconds)
        return await super().fill(family, entity, version, token, value, ttl_seconds)


def verification_model(crm: InMemoryCrmData, store: InMemoryReadModelStore | None = None) -> VerificationReadModel:
    gate = LiveReadGate("salesforce", limit=4, wait_seconds=1)
    return VerificationReadModel(store or InMemoryReadModelStore(), InMemoryIdentityDocuments(crm), gate)
