"""Internet eligibility per account, from the CRM; no TTL: the CRM's platform event invalidates it."""

from __future__ import annotations

import logging

import msgspec

from application.catalog.windows import ELIGIBILITY_TTL_SECONDS
from application.ports.crm_models import InternetEligibility
from application.ports.eligibility_records import EligibilityRecords
from application.ports.read_model_store import ReadModelStore, StoreUnavailableError
from application.read_models.live_gate import LiveReadGate
from application.read_models.stats import ReadModelStats
from application.read_models.versioned import VersionedReadModel

FAMILY = "eligibility"
log = logging.getLogger(__name__)


class EligibilityReadModel:
    def __init__(self, store: ReadModelStore, records: EligibilityRecords, gate: LiveReadGate) -> None:
        self.model = VersionedReadModel(store, FAMILY, gate=gate, ttl_seconds=ELIGIBILITY_TTL_SECONDS)
        self._store = store
        self._records = records

    async def get(self, account_id: str) -> InternetEligibility:
        async def load() -> bytes:
            return msgspec.json.encode(await self._records.get_eligibility(account_id))

        loaded = await self.model.get(account_id, load)
        return msgspec.json.decode(loaded.value, type=InternetEligibility)

    async def invalidate(self, account_id: str, *, once_for: str | None = None) -> bool:
        return await self._store.invalidate(FAMILY, account_id, once_for=once_for)

    async def invalidate_all(self) -> None:
        await self._store.invalidate_family(FAMILY)

    async def forget_after_own_write(self, account_id: str) -> None:
        """Our own write changed the account. Best effort: if the store is down, the entry stays until the CRM's
        platform event or the next write invalidates it, and the failure is logged loudly."""
        try:
            await self._store.invalidate(FAMILY, account_id)
        except StoreUnavailableError as error:
            log.error("eligibility_invalidation_failed account=%s: %s", account_id, error)

    # -- health (`ReportsStatus`) ---------------------------------------------------------------------------

    @property
    def stats(self) -> ReadModelStats:
        return self.model.stats

    async def stored_document(self) -> None:
        return None  # one document per account: nothing single to report
