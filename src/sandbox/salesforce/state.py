"""Everything one emulated org holds: records, sessions, open query cursors, limits and armed faults."""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable
from datetime import timedelta
from typing import Any

from sandbox.faults import FaultPlan
from sandbox.salesforce.clock import SandboxClock
from sandbox.salesforce.config import EmulatorConfig
from sandbox.salesforce.ids import make_id
from sandbox.salesforce.seed import SeedIds, seed_store
from sandbox.salesforce.soql.execute import QueryRunner
from sandbox.salesforce.store import RecordStore
from sandbox.salesforce.tokens import TokenBook

_MAX_OPEN_CURSORS = 200
PlatformEventSink = Callable[[str, dict[str, Any]], str]


class QueryCursor:
    def __init__(self, records: list[dict[str, Any]]) -> None:
        self.records = records


class SalesforceState:
    def __init__(
        self, config: EmulatorConfig | None = None, *, clock: SandboxClock | None = None, seed: bool = True
    ) -> None:
        self.config = config or EmulatorConfig()
        self.clock = clock or SandboxClock()
        self.faults = FaultPlan()
        self.tokens = TokenBook(self.clock.now, timedelta(seconds=self.config.session_ttl_seconds))
        self.store = RecordStore(self.clock.now)
        self.seed_ids = seed_store(self.store) if seed else SeedIds()
        # Seeded records are the org's history: they were never change events, and reset returns to them.
        self._seeded = self.store.snapshot()
        self.runner = QueryRunner(self.store, self.config.api_version)
        self.api_requests = 0
        self.daily_api_limit = self.config.daily_api_limit
        self.query_batch_size = self.config.query_batch_size
        self._cursors: OrderedDict[str, QueryCursor] = OrderedDict()
        self._cursor_count = 0
        # Set by the app factory to the streaming hub; publishing without one is refused.
        self.publish_platform_event: PlatformEventSink | None = None

    def reset(self) -> None:
        self.store.restore(self._seeded)
        self.faults.clear()
        self.api_requests = 0
        self.daily_api_limit = self.config.daily_api_limit
        self.query_batch_size = self.config.query_batch_size
        self._cursors.clear()

    def open_cursor(self, records: list[dict[str, Any]]) -> str:
        self._cursor_count += 1
        locator = make_id("01g", self._cursor_count)
        self._cursors[locator] = QueryCursor(records)
        while len(self._cursors) > _MAX_OPEN_CURSORS:
            self._cursors.popitem(last=False)
        return locator

    def cursor(self, locator: str) -> QueryCursor | None:
        return self._cursors.get(locator)
