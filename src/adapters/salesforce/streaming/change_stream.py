"""The `ChangeStream` port over Salesforce's Streaming API, kept alive by a supervisor.

Each session is one aiosfstream-ng client. The client rides out short outages itself (the transport retries
every second, re-handshakes on `403::Unknown client`, re-authenticates on 401/403); whatever ends a session
— a transport that stays down past the reconnect window, the server closing us, a refused token — makes the
supervisor open a new one after a jittered backoff, resuming from the saved positions. Only configuration
errors (credentials, channels that do not exist) end the stream.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import AsyncIterator, Sequence

from adapters.salesforce.auth import build_ssl_context
from adapters.salesforce.config import SalesforceConfig
from adapters.salesforce.streaming.authenticator import AccessTokens, TokenProviderAuthenticator
from adapters.salesforce.streaming.backoff import Backoff
from adapters.salesforce.streaming.client import PortalStreamingClient
from adapters.salesforce.streaming.config import SalesforceStreamingConfig
from adapters.salesforce.streaming.replay import ReplayPositions
from adapters.salesforce.streaming.session import StreamSession
from adapters.salesforce.streaming.watch import SubscriptionWatch
from application.errors import UpstreamConfigurationError
from application.ports.change_stream import StreamMessage
from application.ports.stream_positions import StreamPositions

log = logging.getLogger(__name__)


class SalesforceChangeStream:
    def __init__(
        self,
        config: SalesforceConfig,
        tokens: AccessTokens,
        positions: StreamPositions,
        *,
        streaming: SalesforceStreamingConfig | None = None,
    ) -> None:
        self._config = config
        self._streaming = streaming or SalesforceStreamingConfig()
        self._tokens = tokens
        self._positions = positions

    async def subscribe(self, channels: Sequence[str]) -> AsyncIterator[StreamMessage]:
        wanted = list(dict.fromkeys(channels))
        replay = ReplayPositions(self._positions)  # shared by every session: what was handed over stays known
        backoff = Backoff(initial=self._streaming.backoff_initial_seconds, maximum=self._streaming.backoff_max_seconds)
        while True:
            started = time.monotonic()
            try:
                async for message in self._session(wanted, replay).messages():
                    yield message
            except UpstreamConfigurationError:
                raise
            except Exception as error:
                log.warning("Salesforce stream session ended: %s: %s", type(error).__name__, error)
            if time.monotonic() - started >= self._streaming.healthy_after_seconds:
                backoff.reset()
            await asyncio.sleep(backoff.next_delay())

    def _session(self, channels: list[str], replay: ReplayPositions) -> StreamSession:
        watch = SubscriptionWatch()
        client = PortalStreamingClient(
            TokenProviderAuthenticator(self._tokens),
            replay=replay,
            extensions=[watch],
            api_version=self._config.api_version,
            ssl_context=build_ssl_context(self._config),
            reconnect_window_seconds=self._streaming.reconnect_window_seconds,
            max_pending_events=self._streaming.max_pending_events,
        )
        return StreamSession(client, watch=watch, replay=replay, channels=channels)
