"""Where each account's identity verification stands, as a read model: filled from the CRM on a miss (single
flight across processes), made stale by the CRM's event when staff decide (`VerificationOutcomeHandler`) and by
our own submission. A store outage reads live through the gate; a CRM outage with no stored copy is a 503.

Freshness windows (safety nets only; the event and our own write are what keep it current): a submission under
review waits for a decision that arrives by event, so a lost event must not hide the decision for long; a decided
or never-submitted status changes only through an event or our own write.
"""

from __future__ import annotations

import logging

import msgspec

from application.ports.identity_documents import IdentityDocuments, VerificationState
from application.ports.read_model_store import ReadModelStore, StoreUnavailableError
from application.read_models.live_gate import LiveReadGate
from application.read_models.stats import ReadModelStats
from application.read_models.versioned import VersionedReadModel

FAMILY = "verification"
UNDER_REVIEW_TTL_SECONDS = 10 * 60
SETTLED_TTL_SECONDS = 6 * 3600
log = logging.getLogger(__name__)


def freshness_window(document: bytes) -> int:
    status = msgspec.json.decode(document, type=VerificationState).status
    return UNDER_REVIEW_TTL_SECONDS if status == "Pending" else SETTLED_TTL_SECONDS


class VerificationReadModel:
    def __init__(self, store: ReadModelStore, documents: IdentityDocuments, gate: LiveReadGate) -> None:
        self.model = VersionedReadModel(store, FAMILY, gate=gate, ttl_seconds=None, ttl_of=freshness_window)
        self._store = store
        self._documents = documents

    async def get(self, account_id: str) -> VerificationState:
        async def load() -> bytes:
            return msgspec.json.encode(await self._documents.state(account_id))

        loaded = await self.model.get(account_id, load)
        return msgspec.json.decode(loaded.value, type=VerificationState)

    async def invalidate(self, account_id: str, *, once_for: str | None = None) -> bool:
        return await self._store.invalidate(FAMILY, account_id, once_for=once_for)

    async def invalidate_all(self) -> None:
        await self._store.invalidate_family(FAMILY)

    async def forget_after_own_write(self, account_id: str) -> None:
        """Our submission changed the status. Best effort: if the store is down, the entry stays until its window
        ends or the decision's event arrives, and the failure is logged loudly."""
        try:
            await self._store.invalidate(FAMILY, account_id)
        except StoreUnavailableError as error:
            log.error("verification_invalidation_failed account=%s: %s", account_id, error)

    # -- health (`ReportsStatus`) ---------------------------------------------------------------------------

    @property
    def stats(self) -> ReadModelStats:
        return self.model.stats

    async def stored_document(self) -> None:
        return None  # one document per account: nothing single to report
