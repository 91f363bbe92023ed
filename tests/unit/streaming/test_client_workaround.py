"""The aiocometd-ng `loop=` bug and our override of the one method that still has it."""

from __future__ import annotations

import asyncio
import ssl

import pytest
from aiocometd_ng.constants import TransportState

from adapters.memory.stream_positions import InMemoryStreamPositions
from adapters.salesforce.streaming.authenticator import TokenProviderAuthenticator
from adapters.salesforce.streaming.client import PortalStreamingClient
from adapters.salesforce.streaming.replay import ReplayPositions


class StuckReconnecting:
    """A transport that lost its connection and never gets it back."""

    async def wait_for_state(self, state: TransportState) -> None:
        if state is not TransportState.CONNECTING:
            await asyncio.Event().wait()


class NoTokens:
    async def session(self) -> object:
        raise AssertionError("not used")

    async def invalidate(self, access_token: str) -> None:
        raise AssertionError("not used")


def client() -> PortalStreamingClient:
    made = PortalStreamingClient(
        TokenProviderAuthenticator(NoTokens()),  # type: ignore[arg-type]
        replay=ReplayPositions(InMemoryStreamPositions()),
        extensions=[],
        api_version="62.0",
        ssl_context=ssl.create_default_context(),
        reconnect_window_seconds=0.05,
        max_pending_events=10,
    )
    made._transport = StuckReconnecting()
    return made


@pytest.mark.filterwarnings("ignore:coroutine .* was never awaited:RuntimeWarning")  # the call it never makes
async def test_the_library_method_still_breaks_on_this_python() -> None:
    # If this starts failing, aiocometd-ng fixed it and `_wait_connection_timeout` can go from our client.
    stuck = client()
    with pytest.raises(TypeError, match="loop"):
        await super(PortalStreamingClient, stuck)._wait_connection_timeout(0.05)


async def test_our_override_reports_a_reconnect_that_takes_too_long() -> None:
    async with asyncio.timeout(1):
        await client()._wait_connection_timeout(0.05)


async def test_the_cometd_url_carries_our_api_version() -> None:
    assert client().get_cometd_url("https://org.my.salesforce.com/") == "https://org.my.salesforce.com/cometd/62.0"
