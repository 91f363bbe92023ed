"""One CometD client lifetime: open, subscribe every channel, hand events over until something breaks.

Anything that ends a session (transport loss beyond the reconnect window, the server closing us, a refused
token) is raised; the supervisor in `change_stream` decides whether to open the next one.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator
from typing import Any

from aiosfstream_ng.exceptions import ServerError

from adapters.salesforce.auth import SYSTEM
from adapters.salesforce.streaming.client import PortalStreamingClient
from adapters.salesforce.streaming.events import UnreadableEventError, parse_event
from adapters.salesforce.streaming.replay import ReplayPositions
from adapters.salesforce.streaming.watch import Refusal, SubscriptionWatch
from application.errors import UpstreamConfigurationError
from application.ports.change_stream import ChangeEvent, ResyncReason, ResyncRequired, StreamMessage, as_delivered

log = logging.getLogger(__name__)


class StreamSession:
    def __init__(
        self,
        client: PortalStreamingClient,
        *,
        watch: SubscriptionWatch,
        replay: ReplayPositions,
        channels: list[str],
    ) -> None:
        self._client = client
        self._watch = watch
        self._replay = replay
        self._channels = channels

    async def messages(self) -> AsyncIterator[StreamMessage]:
        async with self._client:
            for channel in self._channels:
                signal = await self._subscribe(channel)
                if signal is not None:
                    yield signal
            async for item in self._incoming():
                if isinstance(item, Refusal):
                    yield await self._resubscribe_refused(item)
                    continue
                delivered = self._hand_over(item)
                if delivered is not None:
                    yield delivered

    async def _subscribe(self, channel: str) -> ResyncRequired | None:
        try:
            await self._client.subscribe(channel)
        except ServerError as error:
            refusal = error.error or ""
            if not refuses_replay_id(refusal):
                raise subscription_error(channel, refusal) from error
        else:
            return None
        return await self._start_over(channel, refusal)

    async def _resubscribe_refused(self, refusal: Refusal) -> ResyncRequired:
        # The library re-subscribes by itself after a re-handshake and only drops a refused channel.
        if not refuses_replay_id(refusal.error):
            raise subscription_error(refusal.channel, refusal.error)
        return await self._start_over(refusal.channel, refusal.error)

    async def _start_over(self, channel: str, error: str) -> ResyncRequired:
        log.warning("Salesforce refused the replay position of %s (%s): resync, then new events only", channel, error)
        self._replay.start_over(channel)
        await self._client.subscribe(channel)
        return ResyncRequired(channel=channel, reason=ResyncReason.REPLAY_ID_INVALID)

    def _hand_over(self, message: dict[str, Any]) -> StreamMessage | None:
        try:
            event = parse_event(message)
        except UnreadableEventError as error:
            if error.replay_id is not None:
                if not self._replay.is_new(error.channel, error.replay_id):
                    return None
                self._replay.handed_over(error.channel, error.replay_id)
            log.error("%s", error)
            return ResyncRequired(
                channel=error.channel, reason=ResyncReason.UNREADABLE_EVENT, replay_id=error.replay_id
            )
        if not self._replay.is_new(event.channel, event.replay_id):
            return None  # a redelivery: at-least-once on the wire, at most once per subscription to the consumer
        self._replay.handed_over(event.channel, event.replay_id)
        return as_delivered(event) if isinstance(event, ChangeEvent) else event

    async def _incoming(self) -> AsyncIterator[dict[str, Any] | Refusal]:
        """Events from the client, interleaved with refusals the watch saw."""
        receiving: asyncio.Future[dict[str, Any]] | None = None
        try:
            while True:
                refusal = self._watch.take()
                if refusal is not None:
                    yield refusal
                    continue
                if receiving is None:
                    receiving = asyncio.ensure_future(self._client.receive())
                refused = asyncio.ensure_future(self._watch.refused.wait())
                either: list[asyncio.Future[Any]] = [receiving, refused]
                await asyncio.wait(either, return_when=asyncio.FIRST_COMPLETED)
                refused.cancel()
                if receiving.done():
                    message, receiving = receiving.result(), None
                    yield message
        finally:
            if receiving is not None:
                receiving.cancel()


def refuses_replay_id(error: str) -> bool:
    return error.startswith("400") and "replayId" in error


def subscription_error(channel: str, error: str) -> Exception:
    """A refusal retrying cannot fix (no such channel, no permission) is our configuration; others are transient."""
    transient = error.startswith(("401", "403::Unknown client", "5")) or not error
    if transient:
        return ConnectionError(f"subscribing to {channel} failed for now: {error}")
    return UpstreamConfigurationError(SYSTEM, f"Salesforce refused the subscription to {channel}: {error}")
