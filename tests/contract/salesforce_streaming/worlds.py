"""Two worlds the ChangeStream contract runs in: the real adapter against the emulator over TLS, and the twin.

Each world makes the same things happen — a price change written over REST by us, an eligibility platform
event, a gap, 72 hours passing — in its own way.
"""

from __future__ import annotations

import asyncio
import ssl
import time
from collections.abc import Callable
from datetime import UTC, datetime
from decimal import Decimal
from typing import Protocol

import httpx

from adapters.memory.change_stream import InMemoryChangeStream
from adapters.memory.stream_positions import InMemoryStreamPositions
from adapters.salesforce.auth import SalesforceTokenProvider
from application.ports.change_stream import ChangeEventHeader, ChangeStream, ChangeType
from sandbox.salesforce.state import SalesforceState
from sandbox.salesforce.streaming.hub import StreamingHub

ENTRIES = "/data/PricebookEntryChangeEvent"
ORDERS = "/data/OrderChangeEvent"
ELIGIBILITY = "/event/Account_Eligibility_Update__e"
SKU = "INTERNET-HOME-1G-PRO"
ACCOUNT_ID = "001RO00000XyZaBYAV"


class World(Protocol):
    positions: InMemoryStreamPositions
    stream: ChangeStream

    async def change_price(self, price: int) -> str:
        """Our own write of a portal price over REST; returns the PricebookEntry id."""
        ...

    async def publish_eligibility(self, account_id: str) -> None: ...

    async def emit_gap(self, entity: str, change_type: str, record_ids: tuple[str, ...]) -> None: ...

    async def expire_everything(self) -> None: ...

    async def wait_subscribed(self, channels: set[str]) -> None: ...


class EmulatorWorld:
    def __init__(
        self,
        *,
        base_url: str,
        state: SalesforceState,
        hub: StreamingHub,
        tokens: SalesforceTokenProvider,
        stream: ChangeStream,
        positions: InMemoryStreamPositions,
        ca_bundle: str,
    ) -> None:
        self.base_url = base_url
        self.state = state
        self.hub = hub
        self.tokens = tokens
        self.stream = stream
        self.positions = positions
        self._ca_bundle = ca_bundle

    async def change_price(self, price: int) -> str:
        entry_id = self.state.seed_ids.portal_entries[SKU]
        session = await self.tokens.session()
        async with self.http() as http:
            response = await http.patch(
                f"{self.base_url}/services/data/v62.0/sobjects/PricebookEntry/{entry_id}",
                json={"UnitPrice": price},
                headers={"Authorization": f"Bearer {session.access_token}", "Sforce-Call-Options": "client=portal-bff"},
            )
        assert response.status_code == 204, response.text
        return entry_id

    def http(self) -> httpx.AsyncClient:
        return httpx.AsyncClient(verify=ssl.create_default_context(cafile=self._ca_bundle), trust_env=False)

    async def publish_eligibility(self, account_id: str) -> None:
        async with self.http() as http:
            response = await http.post(
                f"{self.base_url}/_sandbox/events/Account_Eligibility_Update__e", json={"Account_Id__c": account_id}
            )
        assert response.status_code == 201, response.text

    async def emit_gap(self, entity: str, change_type: str, record_ids: tuple[str, ...]) -> None:
        self.hub.emit_gap(entity, change_type, record_ids)

    async def expire_everything(self) -> None:
        self.hub.expire_events()

    async def wait_subscribed(self, channels: set[str]) -> None:
        await _until(lambda: any(set(client.cursors) >= channels for client in self.hub.clients()))


class TwinWorld:
    def __init__(self) -> None:
        self.positions = InMemoryStreamPositions()
        self.twin = InMemoryChangeStream(self.positions)
        self.stream: ChangeStream = self.twin
        self._commits = 0

    async def change_price(self, price: int) -> str:
        self._commits += 1
        entry_id = "01uRO0000000TwinAAA"
        header = ChangeEventHeader(
            entity_name="PricebookEntry",
            record_ids=(entry_id,),
            change_type=ChangeType.UPDATE,
            changed_fields=("LastModifiedDate", "UnitPrice"),
            change_origin="com/salesforce/api/rest/62.0;client=portal-bff",
            transaction_key=f"twin-{self._commits}",
            sequence_number=1,
            commit_timestamp=datetime.now(UTC),
            commit_number=self._commits,
            commit_user="005RO000001IntUsrAAA",
        )
        self.twin.publish_change(header, {"UnitPrice": Decimal(price), "LastModifiedDate": "2026-11-01T09:00:00.000Z"})
        return entry_id

    async def publish_eligibility(self, account_id: str) -> None:
        self.twin.publish_platform_event(ELIGIBILITY, {"Account_Id__c": account_id})

    async def emit_gap(self, entity: str, change_type: str, record_ids: tuple[str, ...]) -> None:
        kind = ChangeType(change_type)
        header = ChangeEventHeader(
            entity_name=entity,
            record_ids=() if kind is ChangeType.GAP_OVERFLOW else record_ids,
            change_type=kind,
            changed_fields=(),
            change_origin="",
            transaction_key="twin-gap",
            sequence_number=1,
            commit_timestamp=datetime.now(UTC),
            commit_number=0,
            commit_user="005RO000001IntUsrAAA",
        )
        self.twin.publish_change(header)

    async def expire_everything(self) -> None:
        self.twin.expire()

    async def wait_subscribed(self, channels: set[str]) -> None:
        await _until(lambda: any(listening >= channels for listening in self.twin.subscribed))


async def _until(condition: Callable[[], bool], within: float = 5.0) -> None:
    deadline = time.monotonic() + within
    while not condition():
        assert time.monotonic() < deadline, "condition not met in time"
        await asyncio.sleep(0.01)
