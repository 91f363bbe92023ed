"""Live updates with real processes: two API processes (`portal serve` twice), the consumer, the worker.

Hanako places the demo SIM order on one API process and follows it on the other over Server-Sent Events (httpx-sse,
as a browser's EventSource would): the agent's approval and the worker's activation each reach her as
`order.updated`, every one followed by a fetch of the order, until it shows "Activated"; her account stream on the
first process hears the two notifications (approved, active). A reconnect with `Last-Event-ID` replays exactly
what followed it. A process asked to stop (SIGTERM) ends its open streams at once and exits.
"""

from __future__ import annotations

import contextlib
import queue
import signal
import threading
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from httpx_sse import ServerSentEvent, connect_sse

from tests.e2e.orders.processes import PortalProcess, portal_stack
from tests.e2e.orders.test_order_journey import browser, control, until_consuming
from tests.support.sandbox import RunningSandbox, running_sandbox

pytestmark = pytest.mark.e2e
REDIS_DB = 6
DEMO_ORDER = {"orderType": "VPN", "items": [{"sku": "VPN-USA-SF"}, {"sku": "VPN-ACTIVATION-FEE"}]}  # the tour's


@pytest.fixture(scope="module")
def sandbox(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningSandbox]:
    with running_sandbox(Path(tmp_path_factory.mktemp("sandbox"))) as running:
        yield running


@pytest.fixture
def portal(sandbox: RunningSandbox, tmp_path: Path) -> Iterator[dict[str, PortalProcess]]:
    with portal_stack(
        sandbox, tmp_path, purpose="live_e2e", redis_db=REDIS_DB, apis=2, PORTAL_LIVE_HEARTBEAT_SECONDS="1"
    ) as processes:
        yield processes


class Listener:
    """An SSE client in a thread (as a browser tab): every event it receives, in order, with when it arrived."""

    def __init__(self, client: httpx.Client, path: str, last_event_id: str | None = None) -> None:
        self.events: queue.Queue[ServerSentEvent | None] = queue.Queue()
        self.opened = threading.Event()
        self._client, self._path, self._last = client, path, last_event_id
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()
        assert self.opened.wait(10), "the stream never opened"

    def _run(self) -> None:
        headers = {"Last-Event-ID": self._last} if self._last else {}
        with (
            contextlib.suppress(httpx.HTTPError),
            connect_sse(self._client, "GET", self._path, headers=headers) as source,
        ):
            assert source.response.status_code == 200, source.response.read()
            self.opened.set()
            for event in source.iter_sse():
                if event.event == "message" and not event.data:
                    continue  # the opening comment and retry hint (a browser dispatches nothing for it)
                self.events.put(event)
        self.opened.set()
        self.events.put(None)  # the stream ended

    def next(self, within: float = 30) -> ServerSentEvent | None:
        while True:
            event = self.events.get(timeout=within)
            if event is None or event.event != "heartbeat":
                return event

    def ended(self, within: float) -> bool:
        deadline = time.monotonic() + within
        while time.monotonic() < deadline:
            try:
                if self.events.get(timeout=max(deadline - time.monotonic(), 0.01)) is None:
                    return True
            except queue.Empty:
                return False
        return False


def on(process: PortalProcess, client: httpx.Client) -> httpx.Client:
    """The same signed-in browser, talking to another API process (sessions live in Redis)."""
    other = httpx.Client(
        base_url=f"http://127.0.0.1:{process.env['PORTAL_HTTP_PORT']}", timeout=httpx.Timeout(30, read=60)
    )
    other.cookies = client.cookies
    other.headers.update(client.headers)
    return other


def test_the_demo_order_followed_live_from_approval_to_activation_on_another_api_process(
    sandbox: RunningSandbox, portal: dict[str, PortalProcess]
) -> None:
    with browser(portal) as hanako, on(portal["api2"], hanako) as elsewhere:
        placed = hanako.post("/api/orders", json=DEMO_ORDER, headers={"Idempotency-Key": str(uuid.uuid4())})
        assert placed.status_code == 201, placed.text
        order_id = str(placed.json()["id"])
        until_consuming(hanako, sandbox, portal, order_id)
        account = Listener(hanako, "/api/account/events")
        order_stream = Listener(elsewhere, f"/api/orders/{order_id}/events")
        control(sandbox, "salesforce", "POST", f"/orders/{order_id}/approve", json={})  # the agent

        seen: list[ServerSentEvent] = []
        statuses: list[str | None] = []
        while "Activated" not in statuses:
            event = order_stream.next(within=60)
            assert event is not None, portal["api2"].tail()
            assert (event.event, event.json()["orderId"][:15]) == ("order.updated", order_id[:15])
            seen.append(event)
            statuses.append(elsewhere.get(f"/api/orders/{order_id}").json()["activationStatus"])
        assert statuses[0] in ("Activating", "Activated")
        assert [e.id for e in seen] == sorted((e.id for e in seen), key=lambda i: tuple(map(int, i.split("-"))))

        told: dict[str, str] = {}
        while set(told) != {"order.approved", "order.activated"}:
            event = account.next(within=30)
            assert event is not None
            if event.event == "notification.created":
                told[event.json()["kind"]] = event.json()["sourceId"]
        assert told == {"order.approved": order_id, "order.activated": order_id}

        again = Listener(elsewhere, f"/api/orders/{order_id}/events", last_event_id=seen[0].id)
        replayed = [again.next(within=10) for _ in seen[1:]]
        assert [e.id for e in replayed if e is not None] == [e.id for e in seen[1:]]


def test_a_stopping_api_process_ends_its_streams_at_once_and_exits(portal: dict[str, PortalProcess]) -> None:
    with browser(portal) as hanako, on(portal["api2"], hanako) as elsewhere:
        stream = Listener(elsewhere, "/api/account/events")
        started = time.monotonic()
        process = portal["api2"].process
        assert process is not None
        process.terminate()
        assert stream.ended(within=5), portal["api2"].tail()
        # uvicorn shuts down gracefully, then raises the signal again with its default action (-SIGTERM).
        assert process.wait(10) in (0, -signal.SIGTERM)
        assert time.monotonic() - started < 8  # not the 15 s after which a stuck server would be killed
