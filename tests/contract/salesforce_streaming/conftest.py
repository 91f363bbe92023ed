from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

import pytest

from adapters.memory.stream_positions import InMemoryStreamPositions
from adapters.salesforce.auth import SalesforceTokenProvider
from adapters.salesforce.config import SalesforceConfig
from adapters.salesforce.streaming.change_stream import SalesforceChangeStream
from adapters.salesforce.streaming.config import SalesforceStreamingConfig
from sandbox.salesforce.app import create_app
from sandbox.salesforce.config import DEFAULT_CLIENT_SECRET, DEFAULT_CONSUMER_KEY, EmulatorConfig
from sandbox.salesforce.state import SalesforceState
from sandbox.salesforce.streaming.hub import StreamingHub
from sandbox.salesforce.tls import SandboxCredentials, write_sandbox_credentials
from tests.contract.salesforce_streaming.worlds import EmulatorWorld, TwinWorld, World
from tests.support.servers import serve_in_thread

# Short enough that every test runs in a second or two; the held connect is the unit of latency.
CONNECT_TIMEOUT = timedelta(seconds=0.5)
# The transport retries after 1 s and a retried connect may be held for the whole connect timeout, so the
# reconnect window must exceed both together.
FAST = SalesforceStreamingConfig(
    reconnect_window_seconds=2.0, backoff_initial_seconds=0.05, backoff_max_seconds=0.2, healthy_after_seconds=5
)


@dataclass
class Emulator:
    base_url: str
    state: SalesforceState
    hub: StreamingHub
    credentials: SandboxCredentials

    def config(self, **overrides: object) -> SalesforceConfig:
        settings: dict[str, object] = {
            "login_url": self.base_url,
            "grant": "client_credentials",
            "client_id": DEFAULT_CONSUMER_KEY,
            "client_secret": DEFAULT_CLIENT_SECRET,
            "ca_bundle": str(self.credentials.ca_bundle),
            "api_version": "62.0",
        }
        return SalesforceConfig(**{**settings, **overrides})  # type: ignore[arg-type]


@pytest.fixture(scope="session")
def credentials(tmp_path_factory: pytest.TempPathFactory) -> SandboxCredentials:
    return write_sandbox_credentials(Path(tmp_path_factory.mktemp("salesforce-tls")))


@pytest.fixture
def emulator(credentials: SandboxCredentials) -> Iterator[Emulator]:
    state = SalesforceState(EmulatorConfig(jwt_certificate_path=str(credentials.jwt_certificate)))
    app = create_app(state)
    hub: StreamingHub = app.state.streaming_hub
    hub.set_connect_timeout(CONNECT_TIMEOUT)
    with serve_in_thread(
        app, ssl_certfile=str(credentials.server_cert), ssl_keyfile=str(credentials.server_key)
    ) as base_url:
        yield Emulator(base_url=base_url, state=state, hub=hub, credentials=credentials)
        hub.drop_connections()  # release held long polls so the server stops at once


@contextlib.asynccontextmanager
async def emulator_world_on(emulator: Emulator, **config: object) -> AsyncIterator[EmulatorWorld]:
    settings = emulator.config(**config)
    tokens = SalesforceTokenProvider(settings)
    positions = InMemoryStreamPositions()
    try:
        yield EmulatorWorld(
            base_url=emulator.base_url,
            state=emulator.state,
            hub=emulator.hub,
            tokens=tokens,
            stream=SalesforceChangeStream(settings, tokens, positions, streaming=FAST),
            positions=positions,
            ca_bundle=str(emulator.credentials.ca_bundle),
        )
    finally:
        await tokens.aclose()


@pytest.fixture
async def emulator_world(emulator: Emulator) -> AsyncIterator[EmulatorWorld]:
    async with emulator_world_on(emulator) as world:
        yield world


@pytest.fixture(params=["emulator", "twin"])
async def world(request: pytest.FixtureRequest) -> AsyncIterator[World]:
    if request.param == "twin":
        yield TwinWorld()
        return
    async with emulator_world_on(request.getfixturevalue("emulator")) as emulated:
        yield emulated
