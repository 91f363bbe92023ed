"""Product2 and PricebookEntry change events → the catalog read model.

Only changes that can alter a catalog document invalidate it: records of the portal price book (and their
products), and fields the documents are built from. Whatever we cannot rule out (no build to compare with,
wildcard record ids, undeletes, resyncs) invalidates. Each event invalidates at most once, however often it
is delivered, and the consumer then rebuilds in the background so readers find the catalog warm.
"""

from __future__ import annotations

from application.catalog.catalog_read_model import ENTITY, FAMILY, CatalogReadModel
from application.catalog.snapshot import CatalogSnapshot, decode_snapshot
from application.cdc.channels import PRICEBOOK_ENTRY, PRODUCT
from application.ports.catalog_source import CRM_ENTRY_FIELDS, CRM_PRODUCT_FIELDS
from application.ports.change_stream import ChangeEvent, ChangeType, ResyncRequired, StreamMessage
from application.ports.read_model_store import ReadModelStore
from application.read_models.coalesced import CoalescedJob

# The fields the catalog is built from: a change to any other cannot alter it.
PRODUCT_FIELDS = frozenset(CRM_PRODUCT_FIELDS.values())
ENTRY_FIELDS = frozenset(CRM_ENTRY_FIELDS.values())


def event_identity(event: ChangeEvent) -> str:
    """The same change has the same (transaction, sequence) on every delivery and every channel."""
    return f"{event.header.entity_name}:{event.header.transaction_key}:{event.header.sequence_number}"


def affects(event: ChangeEvent, snapshot: CatalogSnapshot | None) -> bool:
    header = event.header
    if snapshot is None or any(rid.endswith("*") for rid in header.record_ids):
        return True
    if header.change_type is ChangeType.UNDELETE:
        return True
    if header.entity_name == "PricebookEntry":
        if header.change_type is ChangeType.CREATE:
            return str(event.fields.get("Pricebook2Id", "")) in snapshot.pricebook_ids or not snapshot.pricebook_ids
        known, fields = set(snapshot.entry_ids), ENTRY_FIELDS
    else:
        if header.change_type is ChangeType.CREATE:
            return False  # no price-book entry can point at a product that did not exist
        known, fields = set(snapshot.product_ids), PRODUCT_FIELDS
    if not any(_same_id(rid, known) for rid in header.record_ids):
        return False
    return header.change_type is not ChangeType.UPDATE or bool(fields.intersection(header.changed_fields))


def _same_id(record_id: str, known: set[str]) -> bool:
    return record_id in known or any(k[:15] == record_id[:15] for k in known if len(record_id) == 15)


class CatalogChangeHandler:
    channels = (PRODUCT, PRICEBOOK_ENTRY)

    def __init__(self, store: ReadModelStore, catalog: CatalogReadModel) -> None:
        self._store = store
        self._catalog = catalog
        self.warmer = CoalescedJob("catalog_warm", catalog.warm)
        self._decoded: tuple[bytes, CatalogSnapshot] | None = None
        self.invalidations = 0
        self.ignored = 0

    async def handle(self, message: StreamMessage) -> None:
        if isinstance(message, ChangeEvent):
            if not affects(message, await self._current()):
                self.ignored += 1
                return
            if await self._store.invalidate(FAMILY, ENTITY, once_for=event_identity(message)):
                self.invalidations += 1
        elif isinstance(message, ResyncRequired):
            await self._store.invalidate(FAMILY, ENTITY)
            self.invalidations += 1
        else:
            return
        self.warmer.request()

    async def _current(self) -> CatalogSnapshot | None:
        stored = await self._store.read(FAMILY, ENTITY)
        if stored.value is None:
            return None
        if self._decoded is None or (self._decoded[0] is not stored.value and self._decoded[0] != stored.value):
            self._decoded = (stored.value, decode_snapshot(stored.value))
        return self._decoded[1]
