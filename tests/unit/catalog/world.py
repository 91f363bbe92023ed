"""The demo world's catalog and accounts on the in-memory CRM twin (the same seed the emulator uses)."""

from __future__ import annotations

from adapters.memory.clock import FrozenClock
from adapters.memory.crm_catalog import InMemoryCatalogSource
from adapters.memory.crm_data import InMemoryCrmData
from application.ports.catalog_source import CatalogEntry
from sandbox.salesforce.state import SalesforceState
from tests.contract.salesforce.twin_world import seeded_twin


def demo_crm(clock: FrozenClock | None = None) -> tuple[InMemoryCrmData, SalesforceState]:
    state = SalesforceState()
    return seeded_twin(state, clock or FrozenClock()), state


def entry(data: InMemoryCrmData, sku: str) -> CatalogEntry:
    return next(e for e in data.entries.values() if e.sku == sku)


def catalog_source(data: InMemoryCrmData) -> InMemoryCatalogSource:
    return InMemoryCatalogSource(data)
