"""Live streams served by a real server (uvicorn) over the real stores: the session rules, events as the feed
publishes them, `Last-Event-ID` replay and resync, heartbeats, and the per-customer limit (429 + Retry-After)."""

from __future__ import annotations

import asyncio
import contextlib
import queue
import threading
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from httpx_sse import ServerSentEvent, connect_sse
from redis.asyncio import Redis

from adapters.redis.live_events import RedisLiveEvents
from application.live.policy import LivePolicy
from entrypoints.demo.world import DEMO_LOGINS
from tests.integration.billing.portal import crm_records
from tests.integration.conftest import disposable_engine
from tests.integration.orders.portal import ORDERS_REDIS_URL, forget_everything, orders_settings
from tests.support.app import real_app
from tests.support.sandbox import RunningSandbox
from tests.support.servers import serve_in_thread

pytestmark = pytest.mark.integration


@pytest.fixture
def portal(database_url: str, sandbox: RunningSandbox) -> Iterator[str]:
    sandbox.reset()
    asyncio.run(forget_everything(database_url))
    settings: dict[str, Any] = {
        **orders_settings(sandbox),
        "live_streams_per_customer": 3,
        "live_heartbeat_seconds": 0.5,
    }
    with serve_in_thread(real_app(database_url, **settings)) as url:
        yield url
    asyncio.run(forget_everything(database_url))
    asyncio.run(leave_no_notifications(database_url))


async def leave_no_notifications(database_url: str) -> None:
    async with disposable_engine(database_url):  # empties the portal's tables (the demo world's notifications)
        pass


def signed_in(url: str, name: str = "Hanako") -> httpx.Client:
    client = httpx.Client(base_url=url, timeout=httpx.Timeout(10, read=30))
    login = next(d for d in DEMO_LOGINS if d.name.startswith(name))
    client.post("/api/auth/login", json={"email": login.email, "password": login.password}).raise_for_status()
    return client


def publish(account: str, event_type: str, data: dict[str, str]) -> str:
    async def run() -> str:
        redis = Redis.from_url(ORDERS_REDIS_URL)
        try:
            return await RedisLiveEvents(redis, LivePolicy()).publish(account, event_type, data)
        finally:
            await redis.aclose()

    return asyncio.run(run())


class Stream:
    def __init__(self, client: httpx.Client, path: str, last_event_id: str | None = None) -> None:
        self.events: queue.Queue[ServerSentEvent | int] = queue.Queue()
        headers = {"Last-Event-ID": last_event_id} if last_event_id else {}
        self._thread = threading.Thread(target=self._run, args=(client, path, headers), daemon=True)
        self._stop = threading.Event()
        self._thread.start()

    def _run(self, client: httpx.Client, path: str, headers: dict[str, str]) -> None:
        with (
            contextlib.suppress(httpx.HTTPError, RuntimeError),
            connect_sse(client, "GET", path, headers=headers) as source,
        ):
            if source.response.status_code != 200:
                source.response.read()
                self.body = source.response.json()
                self.headers = source.response.headers
            self.events.put(source.response.status_code)  # after the refusal's body is kept (read by the test)
            if source.response.status_code != 200:
                return
            for event in source.iter_sse():
                if event.event == "message" and not event.data:
                    continue  # the opening comment and retry hint (a browser dispatches nothing for it)
                self.events.put(event)
                if self._stop.is_set():
                    return

    def status(self) -> int:
        first = self.events.get(timeout=10)
        assert isinstance(first, int)
        return first

    def next(self, *, heartbeats: bool = False) -> ServerSentEvent:
        while True:
            event = self.events.get(timeout=10)
            assert isinstance(event, ServerSentEvent)
            if heartbeats or event.event != "heartbeat":
                return event

    def close(self) -> None:
        self._stop.set()


def hanakos_account(sandbox: RunningSandbox) -> str:
    return str(next(a["Id"] for a in crm_records(sandbox, "Account") if a.get("SF_Account_No__c") == "SH-100001"))


def test_a_stream_needs_a_session(portal: str) -> None:
    with httpx.Client(base_url=portal) as anonymous:
        answer = anonymous.get("/api/account/events")
    assert (answer.status_code, answer.json()["code"]) == (401, "AUTHENTICATION_REQUIRED")


def test_events_arrive_as_published_and_a_reconnect_replays_what_followed_its_last_id(
    portal: str, sandbox: RunningSandbox
) -> None:
    account = hanakos_account(sandbox)
    with contextlib.closing(signed_in(portal)) as hanako:
        stream = Stream(hanako, "/api/account/events")
        assert stream.status() == 200
        assert stream.next(heartbeats=True).event == "heartbeat"  # subscribed, and idle
        first = publish(account, "order.updated", {"orderId": "801RO0000000001YAA"})
        publish("001RO0000000999YAA", "order.updated", {"orderId": "801RO0000000002YAA"})  # someone else's
        second = publish(account, "notification.created", {"kind": "order.approved", "sourceId": "801RO0000000001YAA"})
        got = [stream.next(), stream.next()]
        assert [(e.event, e.id) for e in got] == [("order.updated", first), ("notification.created", second)]
        assert got[0].json() == {"orderId": "801RO0000000001YAA"}
        stream.close()

        again = Stream(hanako, "/api/account/events", last_event_id=first)
        assert again.status() == 200
        assert again.next().id == second
        again.close()
        stale = Stream(hanako, "/api/account/events", last_event_id="1-0")  # older than anything kept
        assert stale.status() == 200
        resync = stale.next()
        assert (resync.event, resync.id) == ("resync", second)
        stale.close()


def test_a_customer_holds_at_most_the_configured_number_of_streams(portal: str) -> None:
    with contextlib.closing(signed_in(portal)) as hanako:
        streams = [Stream(hanako, "/api/account/events") for _ in range(3)]
        assert [s.status() for s in streams] == [200, 200, 200]
        third = Stream(hanako, "/api/account/events")
        assert third.status() == 429
        assert third.body["code"] == "LIVE_STREAMS_EXHAUSTED"
        assert int(third.headers["retry-after"]) > 0
        for stream in streams:
            stream.close()
