from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest
from litestar import Litestar

from adapters.memory.clock import FrozenClock
from sandbox.salesforce.changes import CommittedTransaction, RecordChange
from sandbox.salesforce.streaming.hub import StreamingHub
from sandbox.salesforce.streaming.routes import streaming_route_handlers

TOKEN = "00DRO0000000001!valid-token"
CONNECT_TIMEOUT = timedelta(seconds=0.3)
ORDER_ID = "801RO00000AbCdEYAV"
ORDER_ITEM_ID = "802RO00000AbCdEYAV"


class Tokens:
    def __init__(self) -> None:
        self.valid = {TOKEN}

    def __call__(self, token: str) -> bool:
        return token in self.valid


class Bayeux:
    """Speaks Bayeux to the hub the way a CometD client does, one HTTP POST per batch."""

    def __init__(self, http: httpx.AsyncClient, version: str = "62.0") -> None:
        self.http = http
        self.version = version
        self._next_id = 0

    async def post(self, *messages: dict[str, Any], token: str | None = TOKEN) -> tuple[int, list[dict[str, Any]]]:
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        for message in messages:
            self._next_id += 1
            message.setdefault("id", str(self._next_id))
        response = await self.http.post(f"/cometd/{self.version}", json=list(messages), headers=headers)
        is_json = response.headers.get("content-type", "").startswith("application/json")
        return response.status_code, response.json() if is_json else []

    async def handshake(self) -> str:
        _, replies = await self.post(
            {"channel": "/meta/handshake", "version": "1.0", "supportedConnectionTypes": ["long-polling"]}
        )
        assert replies[0]["successful"], replies
        return str(replies[0]["clientId"])

    async def connect(self, client_id: str, *, token: str | None = TOKEN) -> list[dict[str, Any]]:
        message = {"channel": "/meta/connect", "clientId": client_id, "connectionType": "long-polling"}
        return (await self.post(message, token=token))[1]

    async def subscribe(self, client_id: str, channel: str, replay: int | None = None) -> dict[str, Any]:
        message: dict[str, Any] = {"channel": "/meta/subscribe", "clientId": client_id, "subscription": channel}
        if replay is not None:
            message["ext"] = {"replay": {channel: replay}}
        return (await self.post(message))[1][0]

    async def connected_client(self, *channels: str, replay: int | None = None) -> str:
        """Handshaken, first connect done (answered at once), subscribed."""
        client_id = await self.handshake()
        await self.connect(client_id)
        for channel in channels:
            reply = await self.subscribe(client_id, channel, replay)
            assert reply["successful"], reply
        return client_id


def order_update(n: int, *, client: str | None = "portal-bff", at: datetime | None = None) -> CommittedTransaction:
    return CommittedTransaction(
        transaction_key=f"tx-{n}",
        commit_timestamp=at or datetime(2026, 11, 1, 9, 0, n, tzinfo=UTC),
        commit_number=11_740_412_345_600 + n,
        changes=(
            RecordChange(
                entity="Order",
                record_id=ORDER_ID,
                change_type="UPDATE",
                changed_fields=("Status",),
                values={"Status": f"Status {n}"},
            ),
        ),
        origin_client=client,
        user_id="0055g000000YYYYAAO",
    )


def events_of(replies: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [reply for reply in replies if not reply["channel"].startswith("/meta/")]


@pytest.fixture
def clock() -> FrozenClock:
    return FrozenClock()


@pytest.fixture
def tokens() -> Tokens:
    return Tokens()


@pytest.fixture
def hub(clock: FrozenClock, tokens: Tokens) -> StreamingHub:
    return StreamingHub(tokens, clock=clock.now, connect_timeout=CONNECT_TIMEOUT)


@contextlib.asynccontextmanager
async def speaking_to(hub: StreamingHub) -> AsyncIterator[Bayeux]:
    # httpx's ASGI transport runs the app on the test's own loop, so held connects and commits interleave.
    transport = httpx.ASGITransport(app=Litestar(route_handlers=streaming_route_handlers(hub)))
    async with httpx.AsyncClient(transport=transport, base_url="http://emulator") as http:
        yield Bayeux(http)


@pytest.fixture
async def bayeux(hub: StreamingHub) -> AsyncIterator[Bayeux]:
    async with speaking_to(hub) as bayeux:
        yield bayeux
