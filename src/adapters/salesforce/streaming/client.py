"""The aiosfstream-ng client, adjusted for this project: API version, CA bundle, and a Python >= 3.10 fix."""

from __future__ import annotations

import asyncio
import ssl

from aiocometd_ng.constants import TransportState
from aiocometd_ng.extensions import Extension
from aiosfstream_ng.client import Client, ReplayMarkerStoragePolicy
from aiosfstream_ng.replay import ReplayMarkerStorage

from adapters.salesforce.streaming.authenticator import TokenProviderAuthenticator


class PortalStreamingClient(Client):
    def __init__(
        self,
        authenticator: TokenProviderAuthenticator,
        *,
        replay: ReplayMarkerStorage,
        extensions: list[Extension],
        api_version: str,
        ssl_context: ssl.SSLContext,
        reconnect_window_seconds: float,
        max_pending_events: int,
    ) -> None:
        super().__init__(
            authenticator,
            replay=replay,
            # Positions are saved by the consumer once effects are durable, never by the client on receipt.
            replay_storage_policy=ReplayMarkerStoragePolicy.MANUAL,
            connection_timeout=reconnect_window_seconds,
            max_pending_count=max_pending_events,
        )
        self.extensions = [*(self.extensions or []), *extensions]
        self.ssl = ssl_context  # aiosfstream-ng does not pass `ssl` through to aiocometd; the transport reads this
        self._api_version = api_version

    # The library pins 45.0 in a staticmethod but calls it on the instance, so this override is what runs;
    # EventUuid on platform events needs 52.0 or later.
    def get_cometd_url(self, instance_url: str) -> str:  # type: ignore[override]
        return f"{instance_url.rstrip('/')}/cometd/{self._api_version}"

    async def close(self) -> None:
        # While disconnecting, aiocometd-ng cancels its pending connect task, whose done-callback then re-raises
        # the CancelledError: asyncio logs that as an error with a traceback on every close. Nothing is left for
        # the callback to do at that point (it would only schedule the next connect), so detach it first.
        transport = self._transport
        pending = getattr(transport, "_connect_task", None)
        if isinstance(pending, asyncio.Future) and not pending.done():
            pending.remove_done_callback(transport._connect_done)  # type: ignore[union-attr]
        await super().close()

    async def _wait_connection_timeout(self, timeout: float) -> None:  # noqa: ASYNC109 - the library's signature
        """Return once the transport has failed to reconnect for `timeout` seconds.

        aiocometd-ng 0.5.6 passes `loop=` to `asyncio.wait_for` here, a TypeError since Python 3.10, which made
        every transport reconnect end `receive()` at once. Same logic, without `loop=`.
        """
        assert self._transport is not None
        while True:
            await self._transport.wait_for_state(TransportState.CONNECTING)
            try:
                await asyncio.wait_for(self._transport.wait_for_state(TransportState.CONNECTED), timeout)
            except TimeoutError:
                return
