"""The portal's hook module, played by the emulator: signed change notifications, sent in the background.

Each `HookEvent` becomes one JSON POST (`{"type", "timestamp", "data"}`) signed with the Standard Webhooks
scheme. Delivery never blocks the API call that caused it; a failed delivery is retried a bounded number of
times with the same `webhook-id`, so the receiver can deduplicate.
"""

from __future__ import annotations

import asyncio
import contextlib
from datetime import UTC, datetime

import httpx
import msgspec
from standardwebhooks import Webhook

from sandbox.whmcs.config import WhmcsEmulatorConfig
from sandbox.whmcs.state import HookEvent, WhmcsState


class Delivery(msgspec.Struct, kw_only=True):
    event_id: str
    type: str
    attempts: int = 0
    status: int | None = None  # the receiver's last HTTP status
    delivered: bool = False
    error: str | None = None


def payload(event: HookEvent) -> bytes:
    return msgspec.json.encode({"type": event.type, "timestamp": event.timestamp.isoformat(), "data": event.data})


def signed_headers(secret: str, event_id: str, body: bytes, sent_at: datetime) -> dict[str, str]:
    signature = Webhook(secret).sign(event_id, sent_at, body.decode())
    return {
        "content-type": "application/json",
        "webhook-id": event_id,
        # The signing time is real wall-clock time: the receiver checks it against its own clock.
        "webhook-timestamp": str(int(sent_at.timestamp())),
        "webhook-signature": signature,
    }


class WebhookDispatcher:
    def __init__(self, state: WhmcsState, config: WhmcsEmulatorConfig) -> None:
        self.state = state
        self.config = config
        self.deliveries: list[Delivery] = []
        self._queue: asyncio.Queue[HookEvent] | None = None
        self._worker: asyncio.Task[None] | None = None
        self._client: httpx.AsyncClient | None = None

    async def start(self) -> None:
        if self.config.webhook_url is None:
            return
        self._queue = asyncio.Queue()
        self._client = httpx.AsyncClient(timeout=self.config.webhook_timeout_seconds)
        self._worker = asyncio.create_task(self._run())
        self.state.subscribe(self._enqueue)

    async def stop(self) -> None:
        if self._worker is None:
            return
        self.state.unsubscribe(self._enqueue)
        self._worker.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await self._worker
        if self._client is not None:
            await self._client.aclose()

    def _enqueue(self, event: HookEvent) -> None:
        if self._queue is not None:
            self._queue.put_nowait(event)

    async def _run(self) -> None:
        assert self._queue is not None
        while True:
            event = await self._queue.get()
            await self._deliver(event)

    async def _deliver(self, event: HookEvent) -> None:
        assert self._client is not None
        assert self.config.webhook_url is not None
        record = Delivery(event_id=event.id, type=event.type)
        self.deliveries.append(record)
        body = payload(event)
        for attempt in range(1, self.config.webhook_attempts + 1):
            record.attempts = attempt
            headers = signed_headers(self.config.webhook_secret, event.id, body, datetime.now(UTC))
            try:
                response = await self._client.post(self.config.webhook_url, content=body, headers=headers)
            except httpx.HTTPError as exc:
                record.error = type(exc).__name__
            else:
                record.status = response.status_code
                if response.is_success:
                    record.delivered, record.error = True, None
                    return
            await asyncio.sleep(self.config.webhook_retry_seconds * attempt)
