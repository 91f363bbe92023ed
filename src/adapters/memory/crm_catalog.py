"""In-memory twin of `CatalogSource`."""

from __future__ import annotations

from collections.abc import Sequence

from adapters.memory.crm_data import InMemoryCrmData
from application.ports.catalog_source import CatalogEntry


class InMemoryCatalogSource:
    def __init__(self, data: InMemoryCrmData) -> None:
        self._data = data

    async def list_portal_entries(self) -> tuple[CatalogEntry, ...]:
        self._data.check_failure()
        return self._portal_entries()

    async def find_entries(self, skus: Sequence[str]) -> tuple[CatalogEntry, ...]:
        self._data.check_failure()
        wanted = {s.casefold() for s in skus}  # SOQL IN on text ignores case
        return tuple(e for e in self._portal_entries() if e.sku.casefold() in wanted)

    def _portal_entries(self) -> tuple[CatalogEntry, ...]:
        book = self._data.portal_pricebook_id
        entries = [e for e in self._data.entries.values() if e.pricebook_id == book]
        return tuple(sorted(entries, key=lambda e: e.sku.casefold()))
